import { formatRfc3339Nano } from '@sextant/core';
import type {
  AnalyticsGroup,
  AnalyticsMeasures,
  GroupedAnalytics,
  LatencyFigures,
  ServiceDependencies,
  ServiceList,
  TimeWindow,
  TraceStats,
} from '@sextant/store';

const NS_PER_MS = 1e6;
const NANO_USD_PER_USD = 1e9;

function ms(nano: number | null): number | null {
  return nano === null ? null : nano / NS_PER_MS;
}

function usd(nanoUsd: number): number {
  return nanoUsd / NANO_USD_PER_USD;
}

export function windowView(window: TimeWindow) {
  return {
    start: formatRfc3339Nano(window.from),
    end: formatRfc3339Nano(window.to),
    startUnixNano: window.from.toString(),
    endUnixNano: window.to.toString(),
  };
}

/** Latency in milliseconds; percentiles null unless computed. */
export function latencyView(latency: LatencyFigures) {
  const percentiles = latency.percentiles;
  return {
    avgMs: ms(latency.avgNano),
    minMs: ms(latency.minNano),
    maxMs: ms(latency.maxNano),
    p50Ms: ms(percentiles?.p50Nano ?? null),
    p90Ms: ms(percentiles?.p90Nano ?? null),
    p95Ms: ms(percentiles?.p95Nano ?? null),
    p99Ms: ms(percentiles?.p99Nano ?? null),
  };
}

export function measuresView(measures: AnalyticsMeasures) {
  return {
    count: measures.count,
    errors: measures.errors,
    errorRate: measures.errorRate,
    spans: measures.spans,
    requests: measures.requests,
    tokens: measures.tokens,
    costUsd: usd(measures.costNanoUsd),
    costNanoUsd: measures.costNanoUsd,
    latency: latencyView(measures.latency),
  };
}

function groupView(group: AnalyticsGroup) {
  return {
    key: group.key,
    ...measuresView(group.measures),
    series:
      group.series?.map((point) => ({
        start: formatRfc3339Nano(point.start),
        startUnixNano: point.start.toString(),
        ...measuresView(point.measures),
      })) ?? null,
  };
}

export function groupedView(
  result: GroupedAnalytics,
  groupBy: string | undefined,
  bucket: string | undefined,
) {
  return {
    window: windowView(result.window),
    subject: result.subject,
    groupBy: groupBy ?? null,
    bucket: bucket ?? null,
    groups: result.groups.map(groupView),
    other: result.other === null ? null : groupView(result.other),
    groupCount: result.groupCount,
    total: measuresView(result.total),
    scan: result.scan,
  };
}

/** The windowed aggregate of traces: overall and per root name ("flow"). */
export function aggregateView(result: GroupedAnalytics) {
  const flow = (measures: AnalyticsMeasures) => {
    const latency = latencyView(measures.latency);
    return {
      traces: measures.count,
      errorTraces: measures.errors,
      errorRate: measures.errorRate,
      avgMs: latency.avgMs,
      p50Ms: latency.p50Ms,
      p95Ms: latency.p95Ms,
      p99Ms: latency.p99Ms,
      minMs: latency.minMs,
      maxMs: latency.maxMs,
      totalTokens: measures.tokens.total,
      costUsd: usd(measures.costNanoUsd),
      costNanoUsd: measures.costNanoUsd,
      avgSpansPerTrace: measures.count === 0 ? null : measures.spans / measures.count,
    };
  };
  return {
    window: windowView(result.window),
    overall: flow(result.total),
    flows: result.groups.map((group) => ({ name: group.key, ...flow(group.measures) })),
    otherFlows: result.other === null ? null : flow(result.other.measures),
    flowCount: result.groupCount,
  };
}

export function statsView(stats: TraceStats) {
  return {
    window: windowView(stats.window),
    traces: stats.traces,
    statuses: stats.statuses,
    latency: { avgMs: ms(stats.latency.avgNano), maxMs: ms(stats.latency.maxNano) },
    spans: stats.spans,
    errors: stats.errors,
    llmCalls: stats.llmCalls,
    toolCalls: stats.toolCalls,
    tokens: stats.tokens,
    costUsd: usd(stats.costNanoUsd),
    costNanoUsd: stats.costNanoUsd,
    retries: stats.retries,
    guardrails: stats.guardrails,
    rootNames: stats.rootNames,
    otherRootNameTraces: stats.otherRootNameTraces,
  };
}

export function servicesView(list: ServiceList) {
  return {
    window: windowView(list.window),
    services: list.services.map(({ avgDurationNano, ...figures }) => ({
      ...figures,
      avgDurationMs: ms(avgDurationNano),
    })),
    serviceCount: list.serviceCount,
  };
}

export function operationsView(service: string, result: GroupedAnalytics) {
  return {
    window: windowView(result.window),
    service,
    operations: result.groups.map((group) => ({ name: group.key, ...measuresView(group.measures) })),
    other: result.other === null ? null : measuresView(result.other.measures),
    operationCount: result.groupCount,
  };
}

export function dependenciesView(dependencies: ServiceDependencies) {
  return {
    window: windowView(dependencies.window),
    edges: dependencies.edges,
    edgeCount: dependencies.edgeCount,
    scan: dependencies.scan,
  };
}
