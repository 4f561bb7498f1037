import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  InMemoryCollector,
  markModelRouting,
  withLlmCall,
  withSpan,
  withToolCall,
} from '../../src/index.js';
import { collectSpans } from '../support/collect.js';

describe('summary', () => {
  it('shows the spans as an indented tree with exact durations and event offsets', async () => {
    const { collector, clock } = collectSpans();
    await withSpan('support', { kind: 'agent' }, async (agent) => {
      clock.advance(5);
      agent.addEvent('plan ready', { steps: 2 });
      markModelRouting({ fromModel: 'gpt-4o', toModel: 'gpt-4o-mini', reason: 'short question' });
      await withLlmCall(
        { model: 'gpt-4o-mini', provider: 'openai', parameters: { stream: true } },
        async (call) => {
          clock.advance(120);
          call.firstToken();
          clock.advance(30);
          call.setResponse({
            finishReasons: ['tool_call'],
            usage: { inputTokens: 1000, outputTokens: 20, cacheReadTokens: 800 },
            costUsd: 0.00021,
          });
        },
      );
      await withToolCall({ name: 'get_weather' }, async () => {
        clock.advance(45);
        throw new Error('upstream 503');
      }).catch(() => {});
    });
    clock.advance(1000);
    withSpan('cleanup', () => clock.advance(0.25));
    expect(collector.summary()).toBe(
      [
        'total 200.25ms in 2 root spans',
        'agent support 200ms',
        '  event plan ready +5ms (steps=2)',
        '  marker model routing 0ns (from=gpt-4o, to=gpt-4o-mini, reason=short question)',
        '  llm chat gpt-4o-mini 150ms (model=gpt-4o-mini, in=1000, out=20, cache_read=800, cost_usd=0.00021, ttft_s=0.12, finish=tool_call)',
        '  tool get_weather 45ms (tool=get_weather, error=upstream 503)',
        '    event exception +45ms (exception.type=Error, exception.message=upstream 503)',
        'step cleanup 250us',
      ].join('\n'),
    );
  });

  it('formats durations in the largest whole unit', () => {
    expect([0n, 999n, 1_500n, 2_000_000n, 1_234_567_890n].map(formatDuration)).toEqual([
      '0ns',
      '999ns',
      '1.5us',
      '2ms',
      '1.235s',
    ]);
  });

  it('keeps at most maxSpans, dropping the oldest', () => {
    const collector = new InMemoryCollector({ maxSpans: 2 });
    collectSpans({ spanProcessors: [collector] });
    for (const name of ['a', 'b', 'c']) withSpan(name, () => {});
    expect(collector.spans.map((span) => span.name)).toEqual(['b', 'c']);
    expect(collector.dropped).toBe(1);
    collector.clear();
    expect(collector.spans).toHaveLength(0);
  });
});
