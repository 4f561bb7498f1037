import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  addEvent,
  addMetadata,
  currentSpanId,
  currentSpanRef,
  currentTraceId,
  init,
  recordError,
  startSpan,
  withSpan,
} from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('withSpan', () => {
  it('nests children across await and parallel branches', async () => {
    const { collector } = collectSpans();
    const result = await withSpan('run', { kind: 'agent' }, async () => {
      await tick();
      const [a, b] = await Promise.all([
        withSpan('branch a', async () => {
          await tick();
          return withSpan('leaf a', () => 'a');
        }),
        withSpan('branch b', async () => {
          await tick();
          return 'b';
        }),
      ]);
      setTimeout(() => withSpan('in a callback', () => {}), 0);
      await tick();
      await tick();
      return a + b;
    });
    expect(result).toBe('ab');
    const run = spanNamed(collector, 'run');
    const runId = run.spanContext().spanId;
    expect(parentOf(run)).toBeUndefined();
    expect(parentOf(spanNamed(collector, 'branch a'))).toBe(runId);
    expect(parentOf(spanNamed(collector, 'branch b'))).toBe(runId);
    expect(parentOf(spanNamed(collector, 'leaf a'))).toBe(
      spanNamed(collector, 'branch a').spanContext().spanId,
    );
    expect(parentOf(spanNamed(collector, 'in a callback'))).toBe(runId);
    expect(new Set(collector.spans.map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it('maps kinds onto the GenAI conventions', () => {
    const { collector } = collectSpans();
    withSpan('support', { kind: 'agent' }, () => {
      withSpan('search_docs', { kind: 'tool' }, () => {});
      withSpan('nightly', { kind: 'workflow' }, () => {});
      withSpan('classify', { kind: 'step' }, () => {});
      withSpan('embed', { kind: 'embedding' }, () => {});
      withSpan('lookup', { kind: 'retrieval' }, () => {});
      withSpan('parse', { kind: 'function' }, () => {});
    });
    const agent = spanNamed(collector, 'support');
    expect(agent.attributes).toMatchObject({
      'sextant.span.kind': 'agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
    });
    expect(spanNamed(collector, 'search_docs').attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'search_docs',
    });
    expect(spanNamed(collector, 'nightly').attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'gen_ai.workflow.name': 'nightly',
    });
    expect(spanNamed(collector, 'classify').attributes).toEqual({ 'sextant.span.kind': 'step' });
    expect(spanNamed(collector, 'embed').kind).toBe(SpanKind.CLIENT);
    expect(spanNamed(collector, 'embed').attributes['gen_ai.operation.name']).toBe('embeddings');
    expect(spanNamed(collector, 'lookup').attributes['gen_ai.operation.name']).toBe('retrieval');
    expect(spanNamed(collector, 'parse').attributes['code.function.name']).toBe('parse');
  });

  it('records a throw and a rejection as errors and passes them on', async () => {
    const { collector } = collectSpans();
    expect(() =>
      withSpan('sync', () => {
        throw new TypeError('bad input');
      }),
    ).toThrow('bad input');
    await expect(withSpan('async', async () => Promise.reject(new Error('timed out')))).rejects.toThrow(
      'timed out',
    );
    const sync = spanNamed(collector, 'sync');
    expect(sync.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad input' });
    expect(sync.attributes['error.type']).toBe('TypeError');
    expect(sync.events[0]?.name).toBe('exception');
    expect(sync.events[0]?.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'bad input',
    });
    expect(spanNamed(collector, 'async').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('adds events, late attributes and metadata, with exact event times', async () => {
    const { collector, clock } = collectSpans();
    await withSpan('work', async (span) => {
      clock.advance(5);
      span.addEvent('cache miss', { key: 'user:7' });
      await tick();
      clock.advance(10);
      addEvent('retry', { attempt: 2 });
      addMetadata({ 'app.tenant': 'acme', ignored: undefined as unknown as string });
      span.setAttribute('late', true);
    });
    const work = spanNamed(collector, 'work');
    expect(work.events.map((event) => [event.name, event.attributes])).toEqual([
      ['cache miss', { key: 'user:7' }],
      ['retry', { attempt: 2 }],
    ]);
    expect(work.events[1]!.time[1] - work.startTime[1]).toBe(15_000_000);
    expect(work.attributes).toMatchObject({ 'app.tenant': 'acme', late: true });
    expect('ignored' in work.attributes).toBe(false);
  });

  it('gives the current trace and span id, and records errors on the current span', () => {
    const { collector } = collectSpans();
    expect(currentTraceId()).toBeNull();
    const seen = withSpan('outer', (span) => {
      recordError(new RangeError('too many'));
      return { traceId: currentTraceId(), spanId: currentSpanId(), handle: span.ref() };
    });
    const outer = spanNamed(collector, 'outer');
    expect(seen.traceId).toBe(outer.spanContext().traceId);
    expect(seen.spanId).toBe(outer.spanContext().spanId);
    expect(seen.handle).toMatchObject({ traceId: seen.traceId, spanId: seen.spanId });
    expect(outer.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('links spans, and starts detached roots that link back to where work was suspended', async () => {
    const { collector } = collectSpans();
    const suspended = withSpan('await approval', () => currentSpanRef()!);
    await withSpan('resume', { root: true, links: [suspended] }, async (span) => {
      span.addLink(suspended, { 'link.reason': 'same request' });
    });
    const other = withSpan('other', (span) => span.ref());
    withSpan('child of saved ref', { parent: other }, () => {});
    const resume = spanNamed(collector, 'resume');
    expect(parentOf(resume)).toBeUndefined();
    expect(resume.spanContext().traceId).not.toBe(suspended.traceId);
    expect(resume.links.map((link) => [link.context.spanId, link.attributes])).toEqual([
      [suspended.spanId, undefined],
      [suspended.spanId, { 'link.reason': 'same request' }],
    ]);
    const child = spanNamed(collector, 'child of saved ref');
    expect(child.spanContext().traceId).toBe(other.traceId);
    expect(parentOf(child)).toBe(other.spanId);
  });

  it('lets a detached root run even inside another span', () => {
    const { collector } = collectSpans();
    withSpan('request', () => withSpan('background', { root: true }, () => {}));
    expect(parentOf(spanNamed(collector, 'background'))).toBeUndefined();
  });

  it('starts spans the caller ends, once', () => {
    const { collector, clock } = collectSpans();
    const span = startSpan('stream', { kind: 'step' });
    clock.advance(40);
    span.end();
    clock.advance(40);
    span.end();
    const stream = spanNamed(collector, 'stream');
    expect(collector.spans).toHaveLength(1);
    expect(stream.duration).toEqual([0, 40_000_000]);
  });

  it('replaces an unknown kind with step and warns once', () => {
    const warnings: string[] = [];
    const { collector } = collectSpans({ warn: (message) => warnings.push(message) });
    withSpan('a', { kind: 'nonsense' as 'step' }, () => {});
    withSpan('b', { kind: 'nonsense' as 'step' }, () => {});
    expect(spanNamed(collector, 'a').attributes['sextant.span.kind']).toBe('step');
    expect(warnings.filter((warning) => warning.includes('nonsense'))).toHaveLength(1);
  });
});

describe('failures inside the SDK', () => {
  it('never reach the application: its code runs without a span, with one warning', async () => {
    const warnings: string[] = [];
    collectSpans({ spanProcessors: [{} as never], warn: (message) => warnings.push(message) });
    expect(withSpan('a', () => 1)).toBe(1);
    expect(await withSpan('b', async () => 2)).toBe(2);
    expect(warnings.filter((warning) => warning.includes('starting a span failed'))).toHaveLength(1);
  });
});

describe('disabled', () => {
  it('runs the code without recording anything', async () => {
    const { collector } = collectSpans();
    init({ enabled: false, spanProcessors: [collector] });
    const value = await withSpan('x', { kind: 'agent' }, async (span) => {
      span.setAttribute('a', 1).addEvent('e').recordError(new Error('no'));
      expect(span.recording).toBe(false);
      expect(currentTraceId()).toBeNull();
      return 42;
    });
    expect(value).toBe(42);
    expect(() =>
      withSpan('y', () => {
        throw new Error('still thrown');
      }),
    ).toThrow('still thrown');
    expect(startSpan('z').recording).toBe(false);
    expect(collector.spans).toHaveLength(0);
  });
});
