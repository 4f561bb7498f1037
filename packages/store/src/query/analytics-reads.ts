import type { Span } from '@sextant/core';
import type {
  DependenciesQuery,
  DependencyEdge,
  GroupedAnalytics,
  GroupedAnalyticsQuery,
  RecordCounts,
  RecordCountsQuery,
  ServiceDependencies,
  ServiceList,
  ServicesQuery,
  TimeWindow,
  TraceStats,
  TraceStatsQuery,
} from '../analytics.js';
import { GroupedCells, spanGroupKey, spanPassesFilters } from './analytics-groups.js';
import { recordCountsOf } from './analytics-records.js';
import {
  dependenciesOf,
  type ScanPosition,
  type SpanChecks,
  spansInWindow,
  tracesWithinBudget,
} from './analytics-scan.js';
import { serviceListOf, type TraceTotals, traceStatsOf } from './analytics-traces.js';
import { checkGroupedQuery, checkLimit, checkWindow, isTraceGrouping } from './analytics-window.js';

/**
 * What a backend supplies for analytics; the reads below check the query, and rank, cut and
 * shape the answer, the same for every backend. Every figure is of the projects and window given:
 * span figures of the spans that start in the window, trace figures of the traces that start in it.
 * A backend computes them its own way (SQLite in SQL, from its per-minute cube for spans).
 */
export interface AnalyticsSource<T extends ScanPosition> {
  /** Sums over the traces. */
  traceTotals(projects: readonly string[], window: TimeWindow): TraceTotals;
  /** Per service, the traces that have a span of it. */
  tracesPerService(projects: readonly string[], window: TimeWindow): Map<string, number>;
  /** Retries and guardrail spans among the spans that start in the window, of those traces. */
  spanChecks(projects: readonly string[], window: TimeWindow): SpanChecks;
  /** Adds the spans passing the query's filters to `cells`, by a span dimension (never `attribute`). */
  addSpanFigures(query: GroupedAnalyticsQuery, window: TimeWindow, cells: GroupedCells): void;
  /** Adds the traces to `cells`, by a trace dimension. */
  addTraceFigures(query: GroupedAnalyticsQuery, window: TimeWindow, cells: GroupedCells): void;
  /** The traces in scan order (see `compareScanOrder`). */
  tracesInScanOrder(projects: readonly string[], window: TimeWindow): Iterable<T>;
  /** Every stored span of a trace `tracesInScanOrder` gave. */
  spansOf(trace: T): readonly Span[];
  /** The calls between services (see `edgesOfSpans`) in the first traces of the scan order, down to these. */
  dependencyEdges(traces: readonly T[], window: TimeWindow): DependencyEdge[];
  /** Log records per severity number (0..24), and metric points per name, whose time is in the window. */
  recordCounts(projects: readonly string[], window: TimeWindow): RecordTally;
}

export interface RecordTally {
  logsBySeverityNumber: Map<number, number>;
  pointsByMetric: Map<string, number>;
}

export function readTraceStats<T extends ScanPosition>(
  source: AnalyticsSource<T>,
  query: TraceStatsQuery,
): TraceStats {
  const window = checkWindow(query);
  checkLimit(query.limit);
  const totals = source.traceTotals(query.projects, window);
  return traceStatsOf(window, totals, query.limit, source.spanChecks(query.projects, window));
}

export function readGroupedAnalytics<T extends ScanPosition>(
  source: AnalyticsSource<T>,
  query: GroupedAnalyticsQuery,
): GroupedAnalytics {
  const window = checkGroupedQuery(query);
  const cells = new GroupedCells(query);
  if (isTraceGrouping(query)) {
    source.addTraceFigures(query, window, cells);
    return cells.result(window, 'traces', null);
  }
  if (query.groupBy?.dimension !== 'attribute') {
    source.addSpanFigures(query, window, cells);
    return cells.result(window, 'spans', null);
  }
  const { traces, scan } = tracesWithinBudget(source.tracesInScanOrder(query.projects, window));
  for (const span of spansInWindow(spansTraceByTrace(source, traces), window)) {
    if (spanPassesFilters(span, query)) {
      cells.cellAt(spanGroupKey(span, query.groupBy), span.startTimeUnixNano).addSpan(span);
    }
  }
  return cells.result(window, 'spans', scan);
}

export function readServices<T extends ScanPosition>(
  source: AnalyticsSource<T>,
  query: ServicesQuery,
): ServiceList {
  const window = checkWindow(query);
  checkLimit(query.limit);
  const byService: GroupedAnalyticsQuery = {
    ...query,
    groupBy: { dimension: 'service' },
    bucket: null,
    rankBy: 'count',
    percentiles: false,
  };
  const cells = new GroupedCells(byService);
  source.addSpanFigures(byService, window, cells);
  return serviceListOf(window, cells.totals(), source.tracesPerService(query.projects, window), query.limit);
}

export function readDependencies<T extends ScanPosition>(
  source: AnalyticsSource<T>,
  query: DependenciesQuery,
): ServiceDependencies {
  const window = checkWindow(query);
  checkLimit(query.limit);
  const { traces, scan } = tracesWithinBudget(source.tracesInScanOrder(query.projects, window));
  return dependenciesOf(window, source.dependencyEdges(traces, window), query.limit, scan);
}

export function readRecordCounts<T extends ScanPosition>(
  source: AnalyticsSource<T>,
  query: RecordCountsQuery,
): RecordCounts {
  const window = checkWindow(query);
  checkLimit(query.limit);
  return recordCountsOf(window, source.recordCounts(query.projects, window), query.limit);
}

/** Lazily, so that only one trace's spans are held at a time. */
export function* spansTraceByTrace<T extends ScanPosition>(
  source: Pick<AnalyticsSource<T>, 'spansOf'>,
  traces: Iterable<T>,
): Iterable<readonly Span[]> {
  for (const trace of traces) yield source.spansOf(trace);
}
