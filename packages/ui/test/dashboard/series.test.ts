import { describe, expect, it } from 'vitest';
import type { AnalyticsGroup, SeriesPoint } from '../../src/api/types.js';
import { bucketGrid, errorRateLine, groupLines, hasValues, seriesOf } from '../../src/dashboard/series.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-22T10:00:00Z');

function point(minute: number, count: number, errors = 0, p95Ms: number | null = null): SeriesPoint {
  return {
    start: new Date(T0 + minute * MINUTE).toISOString(),
    startUnixNano: (BigInt(T0 + minute * MINUTE) * 1_000_000n).toString(),
    count,
    errors,
    costUsd: count / 100,
    latency: { p95Ms },
  } as SeriesPoint;
}

function group(key: string, points: SeriesPoint[]): AnalyticsGroup {
  return { key, count: points.reduce((sum, p) => sum + p.count, 0), series: points } as AnalyticsGroup;
}

describe('chart series', () => {
  const grid = bucketGrid(T0, T0 + 4 * MINUTE, MINUTE);

  it('lays a grid of every bucket of the window, in seconds', () => {
    expect(grid).toEqual([0, 1, 2, 3].map((minute) => (T0 + minute * MINUTE) / 1000));
    expect(bucketGrid(T0 + 30_000, T0 + 2 * MINUTE, MINUTE)).toEqual([T0 / 1000, (T0 + MINUTE) / 1000]);
  });

  it('puts each point in its bucket: a missing count is 0, a missing latency a gap', () => {
    const g = group('a', [point(0, 5, 0, 120), point(2, 3, 0, 80)]);
    expect(seriesOf(g, grid, (p) => p.count, 0)).toEqual([5, 0, 3, 0]);
    expect(seriesOf(g, grid, (p) => p.latency.p95Ms, null)).toEqual([120, null, 80, null]);
  });

  it('draws each group and the summed rest, naming the empty key', () => {
    const lines = groupLines(
      [group('', [point(1, 2)]), group('gpt-4o', [point(0, 1)])],
      group('', [point(3, 4)]),
      grid,
      (p) => p.count,
      '(no model)',
    );
    expect(lines).toEqual([
      { label: '(no model)', values: [0, 2, 0, 0] },
      { label: 'gpt-4o', values: [1, 0, 0, 0] },
      { label: 'other', values: [0, 0, 0, 4] },
    ]);
    expect(groupLines([], { ...group('', []), count: 0 }, grid, (p) => p.count, '-')).toEqual([]);
  });

  it('computes the error rate over all groups, bucket by bucket', () => {
    const rate = errorRateLine(
      [group('a', [point(0, 4, 1), point(1, 2, 0)]), group('b', [point(0, 4, 3)])],
      group('', [point(1, 2, 2)]),
      grid,
    );
    expect(rate).toEqual([0.5, 0.5, null, null]);
  });

  it('knows when there is nothing to draw', () => {
    expect(hasValues({ times: grid, series: [{ label: 'x', values: [0, null, 0, 0] }] })).toBe(false);
    expect(hasValues({ times: grid, series: [{ label: 'x', values: [0, 1, 0, 0] }] })).toBe(true);
  });
});
