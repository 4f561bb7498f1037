import type {
  DependenciesQuery,
  GroupedAnalytics,
  GroupedAnalyticsQuery,
  RecordCounts,
  RecordCountsQuery,
  ServiceDependencies,
  ServiceList,
  ServicesQuery,
  TraceStats,
  TraceStatsQuery,
} from '../analytics.js';
import { GroupedCells, spanGroupKey, spanPassesFilters } from '../query/analytics-groups.js';
import { recordCountsOf } from '../query/analytics-records.js';
import { dependenciesOf, spansInWindow, tracesWithinBudget } from '../query/analytics-scan.js';
import { serviceListOf, traceStatsOf } from '../query/analytics-traces.js';
import { checkGroupedQuery, checkLimit, checkWindow, isTraceGrouping } from '../query/analytics-window.js';
import type { PostgresAnalyticsSource } from './analytics-source.js';

/** Traces whose spans an attribute grouping reads at once: bounds what is decoded at a time. */
const SCAN_CHUNK = 500;

/*
 * The analytics reads of a PostgreSQL store: the same steps as the shared reads of
 * query/analytics-reads.ts (check the query, gather figures, rank, cut and shape with the shared
 * helpers), with each figure awaited from the database rather than read synchronously.
 */

export async function postgresTraceStats(
  source: PostgresAnalyticsSource,
  query: TraceStatsQuery,
): Promise<TraceStats> {
  const window = checkWindow(query);
  checkLimit(query.limit);
  const [totals, checks] = await Promise.all([
    source.traceTotals(query.projects, window),
    source.spanChecks(query.projects, window),
  ]);
  return traceStatsOf(window, totals, query.limit, checks);
}

export async function postgresGroupedAnalytics(
  source: PostgresAnalyticsSource,
  query: GroupedAnalyticsQuery,
): Promise<GroupedAnalytics> {
  const window = checkGroupedQuery(query);
  const cells = new GroupedCells(query);
  if (isTraceGrouping(query)) {
    await source.addTraceFigures(query, window, cells);
    return cells.result(window, 'traces', null);
  }
  if (query.groupBy?.dimension !== 'attribute') {
    await source.addSpanFigures(query, window, cells);
    return cells.result(window, 'spans', null);
  }
  const { traces, scan } = tracesWithinBudget(await source.tracesInScanOrder(query.projects, window));
  for (let start = 0; start < traces.length; start += SCAN_CHUNK) {
    const spans = await source.spansInWindow(traces.slice(start, start + SCAN_CHUNK), window);
    for (const span of spansInWindow([spans], window)) {
      if (spanPassesFilters(span, query)) {
        cells.cellAt(spanGroupKey(span, query.groupBy), span.startTimeUnixNano).addSpan(span);
      }
    }
  }
  return cells.result(window, 'spans', scan);
}

export async function postgresServices(
  source: PostgresAnalyticsSource,
  query: ServicesQuery,
): Promise<ServiceList> {
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
  const [, tracesPerService] = await Promise.all([
    source.addSpanFigures(byService, window, cells),
    source.tracesPerService(query.projects, window),
  ]);
  return serviceListOf(window, cells.totals(), tracesPerService, query.limit);
}

export async function postgresDependencies(
  source: PostgresAnalyticsSource,
  query: DependenciesQuery,
): Promise<ServiceDependencies> {
  const window = checkWindow(query);
  checkLimit(query.limit);
  const { traces, scan } = tracesWithinBudget(await source.tracesInScanOrder(query.projects, window));
  return dependenciesOf(window, await source.dependencyEdges(traces, window), query.limit, scan);
}

export async function postgresRecordCounts(
  source: PostgresAnalyticsSource,
  query: RecordCountsQuery,
): Promise<RecordCounts> {
  const window = checkWindow(query);
  checkLimit(query.limit);
  return recordCountsOf(window, await source.recordCounts(query.projects, window), query.limit);
}
