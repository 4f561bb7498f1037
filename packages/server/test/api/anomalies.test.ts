import type { AnalyticsMeasures, GroupedAnalytics } from '@sextant/store';
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/api/anomalies.js';

const MS = 1e6;

/** A service's figures: spans, errors and p95 in milliseconds (null: not computed). */
function measures(count: number, errors: number, p95Ms: number | null): AnalyticsMeasures {
  const nano = p95Ms === null ? null : p95Ms * MS;
  return {
    count,
    errors,
    errorRate: count === 0 ? null : errors / count,
    spans: count,
    requests: 0,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 0 },
    costNanoUsd: 0,
    latency: {
      avgNano: nano,
      minNano: nano,
      maxNano: nano,
      percentiles: nano === null ? null : { p50Nano: nano, p90Nano: nano, p95Nano: nano, p99Nano: nano },
    },
  };
}

function byService(services: Record<string, AnalyticsMeasures>): GroupedAnalytics {
  return {
    window: { from: 0n, to: 60_000_000_000n },
    subject: 'spans',
    groups: Object.entries(services).map(([key, figures]) => ({ key, measures: figures, series: null })),
    other: null,
    groupCount: Object.keys(services).length,
    total: measures(0, 0, null),
    scan: null,
  };
}

function anomaliesOf(current: AnalyticsMeasures, baseline: AnalyticsMeasures) {
  return findAnomalies(byService({ api: current }), byService({ api: baseline })).map(
    ({ kind, severity }) => [kind, severity],
  );
}

describe('error rate anomalies', () => {
  it.each([
    ['5 points up: none', 100, 5, []],
    ['5.1 points up: medium', 1000, 51, [['error_rate', 'medium']]],
    ['20 points up: medium', 100, 20, [['error_rate', 'medium']]],
    ['21 points up: high', 100, 21, [['error_rate', 'high']]],
  ] as const)('%s', (_name, count, errors, expected) => {
    expect(anomaliesOf(measures(count, errors, 100), measures(100, 0, 100))).toEqual(expected);
  });

  it('ignores a fall', () => {
    expect(anomaliesOf(measures(100, 0, 100), measures(100, 50, 100))).toEqual([]);
  });
});

describe('p95 latency anomalies', () => {
  it.each([
    ['1.5 times: none', 150, 100, []],
    ['1.6 times and 60 ms up: medium', 160, 100, [['latency_p95', 'medium']]],
    ['2 times: medium', 200, 100, [['latency_p95', 'medium']]],
    ['2.1 times: high', 210, 100, [['latency_p95', 'high']]],
    ['3 times but only 20 ms up: none', 30, 10, []],
    ['3 times and 26 ms up: high', 39, 13, [['latency_p95', 'high']]],
  ] as const)('%s', (_name, now, before, expected) => {
    expect(anomaliesOf(measures(100, 0, now), measures(100, 0, before))).toEqual(expected);
  });
});

describe('findAnomalies', () => {
  it('compares only services with spans in both windows, high first, with a readable description', () => {
    const current = byService({
      api: measures(100, 30, 100),
      web: measures(100, 10, 500),
      fresh: measures(10, 10, 1000),
    });
    const baseline = byService({
      api: measures(100, 0, 100),
      web: measures(100, 0, 200),
      gone: measures(5, 0, 1),
    });
    const anomalies = findAnomalies(current, baseline);
    expect(anomalies.map((a) => [a.service, a.kind, a.severity])).toEqual([
      ['api', 'error_rate', 'high'],
      ['web', 'latency_p95', 'high'],
      ['web', 'error_rate', 'medium'],
    ]);
    expect(anomalies[0]).toMatchObject({ current: 0.3, baseline: 0 });
    expect(anomalies[0]!.description).toBe(
      'The error rate of api rose from 0.0 % to 30.0 % (30.0 points; 30 errors in 100 spans).',
    );
    expect(anomalies[1]!.description).toBe(
      'The p95 latency of web rose from 200.0 ms to 500.0 ms (2.5 times).',
    );
  });
});
