import type { AnalyticsGroup, AnalyticsMeasures, GroupedAnalytics } from '@sextant/store';

/*
 * Grouped analytics in the Prometheus text exposition format (version 0.0.4), for scraping or
 * one-off export. The figures are of a window, not running totals, so every family is a gauge;
 * latency percentiles are a gauge with a `quantile` label, as summaries show them.
 */

type Labels = Record<string, string>;
type Sample = [labels: Labels, value: number];

const NS_PER_SECOND = 1e9;
const NANO_USD_PER_USD = 1e9;
const QUANTILES = [
  ['0.5', 'p50Nano'],
  ['0.9', 'p90Nano'],
  ['0.95', 'p95Nano'],
  ['0.99', 'p99Nano'],
] as const;
const TOKEN_KINDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning', 'total'] as const;

/** A label value with backslash, double quote and newline escaped, as the format requires. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function sampleLine(name: string, [labels, value]: Sample): string {
  const text = Object.entries(labels)
    .map(([key, labelValue]) => `${key}="${escapeLabel(labelValue)}"`)
    .join(',');
  return `${name}{${text}} ${Number.isFinite(value) ? value : 'NaN'}`;
}

function gauge(name: string, help: string, samples: Sample[]): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...samples.map((sample) => sampleLine(name, sample)),
  ];
}

/** Every listed group, then the rest summed (`other="true"`), each with its labels. */
function labelledGroups(result: GroupedAnalytics, base: Labels): [Labels, AnalyticsMeasures][] {
  const labelled = (group: AnalyticsGroup, other: boolean): [Labels, AnalyticsMeasures] => [
    { ...base, group: group.key, other: String(other) },
    group.measures,
  ];
  const groups = result.groups.map((group) => labelled(group, false));
  return result.other === null ? groups : [...groups, labelled(result.other, true)];
}

export function analyticsPrometheusText(
  result: GroupedAnalytics,
  projects: string,
  groupBy: string | undefined,
): string {
  const base = { project: projects, subject: result.subject, group_by: groupBy ?? '' };
  const groups = labelledGroups(result, base);
  const per = (pick: (measures: AnalyticsMeasures) => number): Sample[] =>
    groups.map(([labels, measures]) => [labels, pick(measures)]);
  const quantiles: Sample[] = groups.flatMap(([labels, measures]): Sample[] => {
    const percentiles = measures.latency.percentiles;
    if (percentiles === null) return [];
    return QUANTILES.map(([quantile, key]) => [{ ...labels, quantile }, percentiles[key] / NS_PER_SECOND]);
  });
  const seconds = (nano: number | null) => (nano === null ? Number.NaN : nano / NS_PER_SECOND);
  const windowLabels = { project: projects };
  return `${[
    ...gauge('sextant_analytics_window_start_seconds', 'Start of the window the figures cover.', [
      [windowLabels, Number(result.window.from) / NS_PER_SECOND],
    ]),
    ...gauge('sextant_analytics_window_end_seconds', 'End (exclusive) of the window.', [
      [windowLabels, Number(result.window.to) / NS_PER_SECOND],
    ]),
    ...gauge(
      'sextant_analytics_items',
      'Spans or traces (see subject) in the window.',
      per((m) => m.count),
    ),
    ...gauge(
      'sextant_analytics_errors',
      'Of those, with an error.',
      per((m) => m.errors),
    ),
    ...gauge(
      'sextant_analytics_requests',
      'LLM and embedding requests.',
      per((m) => m.requests),
    ),
    ...gauge(
      'sextant_analytics_tokens',
      'Tokens of LLM and embedding requests, by kind.',
      groups.flatMap(([labels, measures]) =>
        TOKEN_KINDS.map((kind): Sample => [{ ...labels, kind }, measures.tokens[kind]]),
      ),
    ),
    ...gauge(
      'sextant_analytics_cost_usd',
      'Cost in USD.',
      per((m) => m.costNanoUsd / NANO_USD_PER_USD),
    ),
    ...gauge(
      'sextant_analytics_latency_seconds',
      'Duration percentiles (label quantile), from a sketch within 1 %.',
      quantiles,
    ),
    ...gauge(
      'sextant_analytics_latency_avg_seconds',
      'Average duration.',
      per((m) => seconds(m.latency.avgNano)),
    ),
    ...gauge(
      'sextant_analytics_latency_min_seconds',
      'Shortest duration.',
      per((m) => seconds(m.latency.minNano)),
    ),
    ...gauge(
      'sextant_analytics_latency_max_seconds',
      'Longest duration.',
      per((m) => seconds(m.latency.maxNano)),
    ),
  ].join('\n')}\n`;
}
