import { type TokenCounts, TRACE_STATUSES, type TraceStatus } from '@sextant/core';
import type { ServiceFigures, ServiceList, TimeWindow, TraceStats } from '../analytics.js';
import { rollupStatus, type TraceRollup } from '../rollup/trace-rollup.js';
import { type MeasureCell, TOKEN_KINDS } from './analytics-measures.js';
import { tally } from './analytics-records.js';
import type { SpanChecks } from './analytics-scan.js';

/** Sums over the traces that start in a window, from which `TraceStats` is made. */
export interface TraceTotals {
  traces: number;
  statuses: Record<TraceStatus, number>;
  durationSumNano: bigint;
  /** Null without traces. */
  durationMaxNano: number | null;
  spans: number;
  errorSpans: number;
  llmCalls: number;
  toolCalls: number;
  tokens: TokenCounts;
  costNanoUsd: number;
  /** Traces per root name (`''` for traces without root). */
  rootNames: Map<string, number>;
}

/** The totals of these rollups, one by one (the SQL backends sum them in SQL). */
export function traceTotalsOf(rollups: Iterable<TraceRollup>): TraceTotals {
  const totals: TraceTotals = {
    traces: 0,
    statuses: Object.fromEntries(TRACE_STATUSES.map((status) => [status, 0])) as Record<TraceStatus, number>,
    durationSumNano: 0n,
    durationMaxNano: null,
    spans: 0,
    errorSpans: 0,
    llmCalls: 0,
    toolCalls: 0,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 0 },
    costNanoUsd: 0,
    rootNames: new Map(),
  };
  for (const rollup of rollups) {
    totals.traces++;
    totals.statuses[rollupStatus(rollup)]++;
    const duration = rollup.endTimeUnixNano - rollup.startTimeUnixNano;
    totals.durationSumNano += duration;
    totals.durationMaxNano = Math.max(totals.durationMaxNano ?? 0, Number(duration));
    totals.spans += rollup.spanCount;
    totals.errorSpans += rollup.errorCount;
    totals.llmCalls += rollup.llmCallCount;
    totals.toolCalls += rollup.toolCallCount;
    for (const kind of TOKEN_KINDS) totals.tokens[kind] += rollup.tokens[kind];
    totals.costNanoUsd += rollup.costNanoUsd;
    tally(totals.rootNames, rollup.rootName ?? '');
  }
  return totals;
}

/** Per service, how many of these traces have a span of it. */
export function tracesPerServiceOf(rollups: Iterable<TraceRollup>): Map<string, number> {
  const traces = new Map<string, number>();
  for (const rollup of rollups) {
    for (const service of rollup.services) tally(traces, service);
  }
  return traces;
}

export function traceStatsOf(
  window: TimeWindow,
  totals: TraceTotals,
  limit: number,
  checks: SpanChecks,
): TraceStats {
  const ranked = [...totals.rootNames]
    .map(([name, traces]) => ({ name, traces }))
    .sort((a, b) => b.traces - a.traces || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const listed = ranked.slice(0, limit);
  return {
    window,
    traces: { stored: totals.traces, recorded: totals.traces - totals.statuses.partial },
    statuses: totals.statuses,
    latency: {
      avgNano: totals.traces === 0 ? null : Number(totals.durationSumNano) / totals.traces,
      maxNano: totals.durationMaxNano,
    },
    spans: totals.spans,
    errors: totals.errorSpans,
    llmCalls: totals.llmCalls,
    toolCalls: totals.toolCalls,
    tokens: totals.tokens,
    costNanoUsd: totals.costNanoUsd,
    retries: checks.retries,
    guardrails: { checks: checks.guardrailChecks, failures: checks.guardrailFailures },
    rootNames: listed,
    otherRootNameTraces: totals.traces - listed.reduce((sum, item) => sum + item.traces, 0),
  };
}

/**
 * The service list: span figures per service (spans starting in the window) and, per service, the
 * traces starting in the window that have a span of it. Most spans first, ties by name.
 */
export function serviceListOf(
  window: TimeWindow,
  spanCells: ReadonlyMap<string, MeasureCell>,
  tracesPerService: ReadonlyMap<string, number>,
  limit: number,
): ServiceList {
  const services: ServiceFigures[] = [];
  for (const service of new Set([...spanCells.keys(), ...tracesPerService.keys()])) {
    const measures = spanCells.get(service)?.measures();
    services.push({
      service,
      spans: measures?.count ?? 0,
      traces: tracesPerService.get(service) ?? 0,
      errors: measures?.errors ?? 0,
      errorRate: measures?.errorRate ?? null,
      avgDurationNano: measures?.latency.avgNano ?? null,
    });
  }
  services.sort(
    (a, b) =>
      b.spans - a.spans ||
      b.traces - a.traces ||
      (a.service < b.service ? -1 : a.service > b.service ? 1 : 0),
  );
  return { window, services: services.slice(0, limit), serviceCount: services.length };
}
