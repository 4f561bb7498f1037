import type { AnalyticsGroup, Measures } from '../api/types.js';

/** One line of a chart: a label and its values on the chart's time grid (null: no value). */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export interface ChartData {
  /** The bucket starts, in epoch seconds (uPlot's time unit). */
  times: number[];
  series: ChartSeries[];
}

/** Every bucket start in the window: the API leaves out empty buckets, a chart must not. */
export function bucketGrid(windowStartMs: number, windowEndMs: number, bucketMs: number): number[] {
  const grid: number[] = [];
  for (let ms = Math.floor(windowStartMs / bucketMs) * bucketMs; ms < windowEndMs; ms += bucketMs)
    grid.push(ms / 1000);
  return grid;
}

function secondsOf(startUnixNano: string): number {
  return Number(BigInt(startUnixNano) / 1_000_000_000n);
}

/**
 * A group's series on the grid. `empty` is what a bucket without data shows: 0 for counts and
 * money (nothing happened), null for latency (nothing to measure: a gap in the line).
 */
export function seriesOf(
  group: AnalyticsGroup,
  grid: readonly number[],
  value: (point: Measures) => number | null,
  empty: 0 | null,
): (number | null)[] {
  const byTime = new Map((group.series ?? []).map((point) => [secondsOf(point.startUnixNano), value(point)]));
  return grid.map((time) => byTime.get(time) ?? empty);
}

/** The groups as chart lines, the summed rest as "other", labels for the empty key. */
export function groupLines(
  groups: readonly AnalyticsGroup[],
  other: AnalyticsGroup | null,
  grid: readonly number[],
  value: (point: Measures) => number | null,
  emptyKeyLabel: string,
): ChartSeries[] {
  const lines = groups.map((group) => ({
    label: group.key === '' ? emptyKeyLabel : group.key,
    values: seriesOf(group, grid, value, 0),
  }));
  if (other && other.count > 0) lines.push({ label: 'other', values: seriesOf(other, grid, value, 0) });
  return lines;
}

/** The error rate per bucket over all groups: errors summed over counts summed (null without any). */
export function errorRateLine(
  groups: readonly AnalyticsGroup[],
  other: AnalyticsGroup | null,
  grid: readonly number[],
): (number | null)[] {
  const all = other ? [...groups, other] : [...groups];
  const counts = grid.map(() => 0);
  const errors = grid.map(() => 0);
  for (const group of all) {
    seriesOf(group, grid, (point) => point.count, 0).forEach((count, index) => {
      counts[index]! += count ?? 0;
    });
    seriesOf(group, grid, (point) => point.errors, 0).forEach((count, index) => {
      errors[index]! += count ?? 0;
    });
  }
  return counts.map((count, index) => (count === 0 ? null : errors[index]! / count));
}

/** Whether a chart has anything to draw. */
export function hasValues(data: ChartData): boolean {
  return data.series.some((line) => line.values.some((value) => value !== null && value !== 0));
}
