import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/trace/critical-path.js';
import { buildSpanTree } from '../../src/trace/span-tree.js';
import { spanView } from '../support/span-view.js';

const pathOf = (spans: Parameters<typeof buildSpanTree>[0]) =>
  [...criticalPath(buildSpanTree(spans).roots)].sort();

describe('criticalPath', () => {
  it('follows sequential steps, each of which held the run up', () => {
    expect(
      pathOf([
        spanView({ spanId: 'root', start: 0, end: 100 }),
        spanView({ spanId: 'a', parentSpanId: 'root', start: 0, end: 30 }),
        spanView({ spanId: 'b', parentSpanId: 'root', start: 30, end: 70 }),
        spanView({ spanId: 'c', parentSpanId: 'root', start: 70, end: 100 }),
      ]),
    ).toEqual(['a', 'b', 'c', 'root']);
  });

  it('takes the slower of parallel calls, and what held that one up inside it', () => {
    expect(
      pathOf([
        spanView({ spanId: 'root', start: 0, end: 100 }),
        spanView({ spanId: 'fast', parentSpanId: 'root', start: 0, end: 40 }),
        spanView({ spanId: 'slow', parentSpanId: 'root', start: 0, end: 95 }),
        spanView({ spanId: 'slow-db', parentSpanId: 'slow', start: 10, end: 90 }),
        spanView({ spanId: 'slow-cache', parentSpanId: 'slow', start: 2, end: 8 }),
        spanView({ spanId: 'fast-db', parentSpanId: 'fast', start: 5, end: 35 }),
      ]),
    ).toEqual(['root', 'slow', 'slow-cache', 'slow-db']);
  });

  it('leaves out work that finished while something longer ran', () => {
    // `overlap` ends while `long` runs: it did not decide when the root finished.
    expect(
      pathOf([
        spanView({ spanId: 'root', start: 0, end: 100 }),
        spanView({ spanId: 'long', parentSpanId: 'root', start: 20, end: 100 }),
        spanView({ spanId: 'overlap', parentSpanId: 'root', start: 25, end: 60 }),
        spanView({ spanId: 'first', parentSpanId: 'root', start: 0, end: 20 }),
      ]),
    ).toEqual(['first', 'long', 'root']);
  });

  it("cuts a child that outlives its parent at the parent's end", () => {
    expect(
      pathOf([
        spanView({ spanId: 'root', start: 0, end: 50 }),
        spanView({ spanId: 'detached', parentSpanId: 'root', start: 10, end: 200 }),
        spanView({ spanId: 'inner', parentSpanId: 'detached', start: 100, end: 190 }),
        spanView({ spanId: 'early', parentSpanId: 'detached', start: 12, end: 30 }),
      ]),
    ).toEqual(['detached', 'early', 'root']);
  });

  it('walks every root of a trace whose root has not arrived', () => {
    expect(
      pathOf([
        spanView({ spanId: 'orphan-1', parentSpanId: 'x', start: 0, end: 5 }),
        spanView({ spanId: 'orphan-2', parentSpanId: 'y', start: 1, end: 2 }),
      ]),
    ).toEqual(['orphan-1', 'orphan-2']);
  });
});
