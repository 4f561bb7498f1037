import { describe, expect, it } from 'vitest';
import { ANALYTICS_LIMITS } from '../../src/analytics.js';
import { compareScanOrder, type ScanPosition, tracesWithinBudget } from '../../src/query/analytics-scan.js';
import { bucketStart, checkWindow } from '../../src/query/analytics-window.js';

function trace(start: number, traceId: string, spanCount: number, project = 'p'): ScanPosition {
  return { project, traceId, startTimeUnixNano: BigInt(start), spanCount };
}

describe('the span scan budget', () => {
  const budget = ANALYTICS_LIMITS.maxScannedSpans;

  it('reads every trace when their spans fit', () => {
    const traces = [trace(3, 'c', 10), trace(2, 'b', budget - 10)];
    expect(tracesWithinBudget(traces)).toEqual({
      traces,
      scan: { tracesRead: 2, spansRead: budget, complete: true },
    });
  });

  it('stops before the first trace that would pass the budget, whole traces only', () => {
    const traces = [trace(3, 'c', budget - 5), trace(2, 'b', 6), trace(1, 'a', 1)];
    expect(tracesWithinBudget(traces)).toEqual({
      traces: traces.slice(0, 1),
      scan: { tracesRead: 1, spansRead: budget - 5, complete: false },
    });
  });

  it('orders traces newest first, then by trace id and project, descending', () => {
    const sorted = [trace(1, 'a', 1), trace(2, 'a', 1), trace(2, 'b', 1, 'x'), trace(2, 'b', 1, 'y')].sort(
      compareScanOrder,
    );
    expect(sorted.map((t) => [t.startTimeUnixNano, t.traceId, t.project])).toEqual([
      [2n, 'b', 'y'],
      [2n, 'b', 'x'],
      [2n, 'a', 'p'],
      [1n, 'a', 'p'],
    ]);
  });
});

describe('analytics windows', () => {
  const minute = 60_000_000_000n;

  it('widens a window to whole minutes', () => {
    expect(checkWindow({ projects: ['p'], from: minute + 1n, to: 3n * minute - 1n })).toEqual({
      from: minute,
      to: 3n * minute,
    });
    expect(checkWindow({ projects: ['p'], from: 0n, to: 1n })).toEqual({ from: 0n, to: minute });
  });

  it('aligns buckets on the epoch in UTC', () => {
    const day = 1440n * minute;
    const time = 20_000n * day + 5n * 60n * minute + 7n;
    expect(bucketStart(time, 'day')).toBe(20_000n * day);
    expect(bucketStart(time, 'hour')).toBe(20_000n * day + 5n * 60n * minute);
    expect(bucketStart(time, 'minute')).toBe(time - 7n);
  });
});
