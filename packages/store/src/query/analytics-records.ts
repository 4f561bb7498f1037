import { type RecordCounts, SEVERITY_LEVELS, type SeverityLevel, type TimeWindow } from '../analytics.js';
import type { RecordTally } from './analytics-reads.js';

/** The level of an OTLP severity number: 0 unspecified, then four numbers per level. */
export function severityLevel(severityNumber: number): SeverityLevel {
  return SEVERITY_LEVELS[Math.min(Math.ceil(Math.max(severityNumber, 0) / 4), SEVERITY_LEVELS.length - 1)]!;
}

/** Adds one to the count of `key`. */
export function tally<K>(counts: Map<K, number>, key: K, count = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

export function recordCountsOf(window: TimeWindow, tallied: RecordTally, limit: number): RecordCounts {
  const logsBySeverity = Object.fromEntries(SEVERITY_LEVELS.map((level) => [level, 0])) as Record<
    SeverityLevel,
    number
  >;
  let logs = 0;
  for (const [severityNumber, count] of tallied.logsBySeverityNumber) {
    logsBySeverity[severityLevel(severityNumber)] += count;
    logs += count;
  }
  const metrics = [...tallied.pointsByMetric]
    .map(([name, points]) => ({ name, points }))
    .sort((a, b) => b.points - a.points || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    window,
    logs,
    logsBySeverity,
    metricPoints: metrics.reduce((sum, metric) => sum + metric.points, 0),
    metrics: metrics.slice(0, limit),
    metricNameCount: metrics.length,
  };
}
