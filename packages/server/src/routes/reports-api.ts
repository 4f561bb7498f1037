import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { parseTimeNano } from '@sextant/core';
import { ANALYTICS_LIMITS, type AnalyticsWindow, MAX_LOG_PAGE, MAX_METRIC_PAGE } from '@sextant/store';
import {
  AnalyticsWindowParams,
  analyticsRead,
  analyticsWindowOf,
  LimitParam,
} from '../api/analytics-params.js';
import { latencyView, servicesView, windowView } from '../api/analytics-view.js';
import { findAnomalies } from '../api/anomalies.js';
import { ProjectParam, parsedParam, TimeParam } from '../api/params.js';
import { logView, metricView } from '../api/telemetry-view.js';
import { summaryView } from '../api/trace-view.js';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';

const SummaryQuery = Type.Object(
  { ...AnalyticsWindowParams, limit: LimitParam('Services, operations and metric names', 10) },
  { additionalProperties: false },
);
const AnomaliesQuery = Type.Object(
  {
    ...AnalyticsWindowParams,
    baselineStart: Type.Optional(TimeParam),
    baselineEnd: Type.Optional(TimeParam),
  },
  { additionalProperties: false },
);
const CorrelateParams = Type.Object({
  traceId: Type.String({ pattern: '^[0-9a-fA-F]{32}$', description: '32 hex digits.' }),
});
/** Correlation reads the metrics of at most this many of the trace's services. */
const MAX_CORRELATED_SERVICES = 20;
const CorrelateQuery = Type.Object(
  {
    project: ProjectParam,
    limit: Type.Integer({
      minimum: 1,
      maximum: Math.min(MAX_LOG_PAGE, MAX_METRIC_PAGE),
      default: 100,
      description: 'Log records, and metric points per service, at most.',
    }),
  },
  { additionalProperties: false },
);

/** Reports composed from the analytics: a window's summary, its anomalies, one trace's context. */
export const reportsApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.get(
    '/api/reports/summary',
    {
      schema: {
        querystring: SummaryQuery,
        description:
          'A summary of the window: traces, spans, errors, trace latency percentiles, top services, ' +
          'top erroring operations (span names), log records by severity and metric points by name.',
      },
    },
    async (request) => {
      const q = request.query;
      const window = analyticsWindowOf(q);
      const [stats, traces, services, operations, records] = await analyticsRead(
        Promise.all([
          store.traceStats({ ...window, limit: q.limit }),
          store.groupedAnalytics({
            ...window,
            groupBy: { dimension: 'root_name' },
            bucket: null,
            rankBy: 'count',
            limit: 1,
            percentiles: true,
          }),
          store.services({ ...window, limit: q.limit }),
          store.groupedAnalytics({
            ...window,
            groupBy: { dimension: 'span_name' },
            bucket: null,
            rankBy: 'errors',
            limit: q.limit,
            percentiles: false,
          }),
          store.recordCounts({ ...window, limit: q.limit }),
        ]),
      );
      return {
        window: windowView(stats.window),
        traces: stats.traces,
        statuses: stats.statuses,
        spans: stats.spans,
        errors: stats.errors,
        traceLatency: latencyView(traces.total.latency),
        tokens: stats.tokens,
        costNanoUsd: stats.costNanoUsd,
        topServices: servicesView(services).services,
        topErroringOperations: operations.groups
          .filter((group) => group.measures.errors > 0)
          .map(({ key, measures }) => ({
            name: key,
            spans: measures.count,
            errors: measures.errors,
            errorRate: measures.errorRate,
          })),
        logs: { total: records.logs, bySeverity: records.logsBySeverity },
        metrics: {
          points: records.metricPoints,
          byName: records.metrics,
          nameCount: records.metricNameCount,
        },
      };
    },
  );

  app.get(
    '/api/reports/anomalies',
    {
      schema: {
        querystring: AnomaliesQuery,
        description:
          "Per service, the window's error rate and p95 latency against a baseline window (by default " +
          'the window of the same length just before): rises past the thresholds, with their severity.',
      },
    },
    async (request) => {
      const q = request.query;
      const window = analyticsWindowOf(q);
      const baselineEnd = parsedParam(q.baselineEnd, parseTimeNano, 'baselineEnd') ?? window.from;
      const baselineStart =
        parsedParam(q.baselineStart, parseTimeNano, 'baselineStart') ??
        baselineEnd - (window.to - window.from);
      const byService = (of: AnalyticsWindow) =>
        store.groupedAnalytics({
          ...of,
          groupBy: { dimension: 'service' },
          bucket: null,
          rankBy: 'count',
          limit: ANALYTICS_LIMITS.maxGroups,
          percentiles: true,
        });
      const [current, baseline] = await analyticsRead(
        Promise.all([byService(window), byService({ ...window, from: baselineStart, to: baselineEnd })]),
      );
      return {
        window: windowView(current.window),
        baseline: windowView(baseline.window),
        servicesCompared: current.groups.filter((group) =>
          baseline.groups.some((base) => base.key === group.key && base.measures.count > 0),
        ).length,
        anomalies: findAnomalies(current, baseline),
      };
    },
  );

  app.get(
    '/api/reports/correlate/:traceId',
    {
      schema: {
        params: CorrelateParams,
        querystring: CorrelateQuery,
        description:
          'A trace with its services, duration and errors, the log records carrying its trace id, and ' +
          "the metric points of its services over the trace's time range.",
      },
    },
    async (request) => {
      const { project, limit } = request.query;
      const traceId = request.params.traceId.toLowerCase();
      const trace = await store.getTrace({ project, traceId });
      if (!trace)
        throw new SextantError('SEXTANT_ERR_NOT_FOUND', `no trace ${traceId} in project '${project}'`);
      const { summary } = trace;
      const services = summary.services.slice(0, MAX_CORRELATED_SERVICES);
      const [logs, ...metrics] = await Promise.all([
        store.findLogs({ project, traceId, limit }),
        ...services.map((service) =>
          store.findMetrics({
            project,
            service,
            startTimeMin: summary.startTimeUnixNano,
            startTimeMax: summary.endTimeUnixNano,
            limit,
          }),
        ),
      ]);
      return {
        trace: summaryView(summary),
        services: summary.services,
        durationMs: Number(summary.durationNano) / 1e6,
        errorCount: summary.errorCount,
        logs: logs.map(logView),
        metrics: services.map((service, index) => ({ service, points: metrics[index]!.map(metricView) })),
      };
    },
  );
};
