import { describe, expect, it } from 'vitest';
import { withSpan } from '../../src/index.js';
import { collectSpans, parentOf } from '../support/collect.js';
import { SeededIds } from '../support/seeded-ids.js';

const ROOTS = 10_000;

function runRoots(): void {
  for (let i = 0; i < ROOTS; i++) withSpan('root', () => withSpan('child', () => {}));
}

describe('sampling', () => {
  it.each([0.1, 0.25, 0.5])(
    'keeps a share %s of 10 000 root traces, within 5 standard deviations',
    (rate) => {
      const { collector } = collectSpans({ sampleRate: rate, idGenerator: new SeededIds(20_240_601) });
      runRoots();
      const roots = collector.spans.filter((span) => span.name === 'root');
      const children = collector.spans.filter((span) => span.name === 'child');
      const expected = ROOTS * rate;
      const deviation = Math.sqrt(ROOTS * rate * (1 - rate));
      expect(Math.abs(roots.length - expected)).toBeLessThan(5 * deviation);
      // Children follow their parent's decision: every kept root has its child, and no other child is kept.
      const rootIds = new Set(roots.map((span) => span.spanContext().spanId));
      expect(children).toHaveLength(roots.length);
      expect(children.every((child) => rootIds.has(parentOf(child)!))).toBe(true);
    },
  );

  it('keeps everything at 1 and nothing at 0', () => {
    const all = collectSpans({ sampleRate: 1 });
    runRoots();
    expect(all.collector.spans).toHaveLength(2 * ROOTS);
    const none = collectSpans({ sampleRate: 0 });
    runRoots();
    expect(none.collector.spans).toHaveLength(0);
  });

  it('follows a remote parent’s decision below a rate of 1', () => {
    const { collector } = collectSpans({ sampleRate: 0.000_001 });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    withSpan(
      'sampled upstream',
      { parent: { traceId, spanId: '00f067aa0ba902b7', traceFlags: 1 } },
      () => {},
    );
    withSpan(
      'dropped upstream',
      { parent: { traceId, spanId: '00f067aa0ba902b8', traceFlags: 0 } },
      () => {},
    );
    expect(collector.spans.map((span) => span.name)).toEqual(['sampled upstream']);
  });
});
