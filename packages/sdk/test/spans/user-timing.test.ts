import { describe, expect, it } from 'vitest';
import { init, startTimer, timed, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';

describe('user timing', () => {
  it('returns the duration and records a span lasting exactly that long', async () => {
    const { collector, clock } = collectSpans();
    await withSpan('request', async () => {
      const timer = startTimer('parse', { 'doc.size': 3 });
      clock.advance(12.5);
      expect(timer.end()).toBe(12.5);
      expect(timer.end()).toBe(12.5);
      const { value, durationMs } = await timed('render', async () => {
        clock.advance(40);
        return withSpan('inside render', () => 'html');
      });
      expect([value, durationMs]).toEqual(['html', 40]);
    });
    const parse = spanNamed(collector, 'parse');
    expect(parse.duration).toEqual([0, 12_500_000]);
    expect(parse.attributes).toMatchObject({ 'sextant.span.kind': 'timer', 'doc.size': 3 });
    expect(parentOf(parse)).toBe(spanNamed(collector, 'request').spanContext().spanId);
    expect(parentOf(spanNamed(collector, 'inside render'))).toBe(
      spanNamed(collector, 'render').spanContext().spanId,
    );
  });

  it('still measures when tracing is disabled', async () => {
    const { collector, clock } = collectSpans();
    init({ enabled: false });
    const timer = startTimer('stopwatch');
    clock.advance(250);
    expect(timer.end()).toBe(250);
    const { durationMs } = await timed('job', () => {
      clock.advance(3);
    });
    expect(durationMs).toBe(3);
    expect(collector.spans).toHaveLength(0);
  });

  it('records a failure of the timed code and passes it on', async () => {
    const { collector } = collectSpans();
    await expect(timed('flaky', () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(spanNamed(collector, 'flaky').status.message).toBe('nope');
  });
});
