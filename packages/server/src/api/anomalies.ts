import type { AnalyticsMeasures, GroupedAnalytics } from '@sextant/store';

/*
 * Anomalies of a window against a baseline window, per service: the error rate up more than
 * 5 points is medium, more than 20 high; the p95 latency more than 1.5 times and 25 ms above the
 * baseline's is medium, more than twice (and 25 ms above) high. Only services with spans in both
 * windows are compared.
 */

export const ANOMALY_KINDS = ['error_rate', 'latency_p95'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export type AnomalySeverity = 'medium' | 'high';

export interface Anomaly {
  service: string;
  kind: AnomalyKind;
  severity: AnomalySeverity;
  /** The error rate (0..1) or the p95 in milliseconds, in each window. */
  current: number;
  baseline: number;
  description: string;
}

const MEDIUM_RATE_POINTS = 5;
const HIGH_RATE_POINTS = 20;
const MEDIUM_LATENCY_RATIO = 1.5;
const HIGH_LATENCY_RATIO = 2;
const MIN_LATENCY_RISE_MS = 25;
const NS_PER_MS = 1e6;

function errorRateAnomaly(
  service: string,
  current: AnalyticsMeasures,
  baseline: AnalyticsMeasures,
): Anomaly | null {
  const now = current.errorRate ?? 0;
  const before = baseline.errorRate ?? 0;
  const points = (now - before) * 100;
  if (points <= MEDIUM_RATE_POINTS) return null;
  return {
    service,
    kind: 'error_rate',
    severity: points > HIGH_RATE_POINTS ? 'high' : 'medium',
    current: now,
    baseline: before,
    description:
      `The error rate of ${service} rose from ${percent(before)} to ${percent(now)} ` +
      `(${points.toFixed(1)} points; ${current.errors} errors in ${current.count} spans).`,
  };
}

function latencyAnomaly(
  service: string,
  current: AnalyticsMeasures,
  baseline: AnalyticsMeasures,
): Anomaly | null {
  const now = current.latency.percentiles?.p95Nano;
  const before = baseline.latency.percentiles?.p95Nano;
  if (now === undefined || before === undefined || before <= 0) return null;
  const [nowMs, beforeMs] = [now / NS_PER_MS, before / NS_PER_MS];
  const ratio = nowMs / beforeMs;
  if (ratio <= MEDIUM_LATENCY_RATIO || nowMs - beforeMs <= MIN_LATENCY_RISE_MS) return null;
  return {
    service,
    kind: 'latency_p95',
    severity: ratio > HIGH_LATENCY_RATIO ? 'high' : 'medium',
    current: nowMs,
    baseline: beforeMs,
    description:
      `The p95 latency of ${service} rose from ${milliseconds(beforeMs)} to ${milliseconds(nowMs)} ` +
      `(${ratio.toFixed(1)} times).`,
  };
}

/** The anomalies of `current` against `baseline`, both grouped by service with percentiles; high first. */
export function findAnomalies(current: GroupedAnalytics, baseline: GroupedAnalytics): Anomaly[] {
  const before = new Map(baseline.groups.map((group) => [group.key, group.measures]));
  const anomalies: Anomaly[] = [];
  for (const { key: service, measures } of current.groups) {
    const base = before.get(service);
    if (base === undefined || base.count === 0) continue;
    for (const anomaly of [
      errorRateAnomaly(service, measures, base),
      latencyAnomaly(service, measures, base),
    ]) {
      if (anomaly !== null) anomalies.push(anomaly);
    }
  }
  const rank = (anomaly: Anomaly) => (anomaly.severity === 'high' ? 0 : 1);
  return anomalies.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.service < b.service ? -1 : a.service > b.service ? 1 : 0) ||
      ANOMALY_KINDS.indexOf(a.kind) - ANOMALY_KINDS.indexOf(b.kind),
  );
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

function milliseconds(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
