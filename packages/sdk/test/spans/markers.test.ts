import { describe, expect, it } from 'vitest';
import { markDeferredToolLoad, markModelRouting, markToolMount, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';

describe('markers', () => {
  it('are zero-duration spans nested under the current span', () => {
    const { collector, clock } = collectSpans();
    withSpan('agent', { kind: 'agent' }, () => {
      clock.advance(10);
      markModelRouting({ fromModel: 'gpt-4o', toModel: 'gpt-4o-mini', reason: 'budget' });
      markToolMount({ tools: ['search', 'fetch'], source: 'mcp', detail: 'docs server' });
      markDeferredToolLoad({ toolName: 'calendar', query: 'schedule a meeting', score: 0.87 });
      clock.advance(10);
    });
    const agentId = spanNamed(collector, 'agent').spanContext().spanId;
    const routing = spanNamed(collector, 'model routing');
    expect(routing.duration).toEqual([0, 0]);
    expect(parentOf(routing)).toBe(agentId);
    expect(routing.attributes).toEqual({
      'sextant.span.kind': 'marker',
      'sextant.marker': 'model_routing',
      'sextant.routing.from_model': 'gpt-4o',
      'sextant.routing.to_model': 'gpt-4o-mini',
      'sextant.routing.reason': 'budget',
    });
    expect(spanNamed(collector, 'tool mount').attributes).toMatchObject({
      'sextant.tools.names': ['search', 'fetch'],
      'sextant.tools.count': 2,
      'sextant.tools.source': 'mcp',
      'sextant.tools.detail': 'docs server',
    });
    const load = spanNamed(collector, 'deferred tool load');
    expect(load.attributes).toMatchObject({
      'gen_ai.tool.name': 'calendar',
      'sextant.tool_search.query': 'schedule a meeting',
      'sextant.tool_search.score': 0.87,
    });
    expect(parentOf(load)).toBe(agentId);
  });

  it('records no tool mount for an empty list, and leaves out what was not given', () => {
    const { collector } = collectSpans();
    markToolMount({ tools: [] });
    markModelRouting({ fromModel: 'a', toModel: 'b' });
    expect(collector.spans.map((span) => span.name)).toEqual(['model routing']);
    expect('sextant.routing.reason' in spanNamed(collector, 'model routing').attributes).toBe(false);
  });
});
