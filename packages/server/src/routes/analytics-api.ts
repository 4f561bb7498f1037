import { type FastifyPluginAsyncTypebox, type Static, Type } from '@fastify/type-provider-typebox';
import type { AnalyticsDimension, AnalyticsRank, GroupedAnalyticsQuery } from '@sextant/store';
import {
  AnalyticsWindowParams,
  analyticsRead,
  analyticsWindowOf,
  GroupParams,
  groupByOf,
  LimitParam,
  SeriesParams,
} from '../api/analytics-params.js';
import { analyticsPrometheusText } from '../api/analytics-prometheus.js';
import { aggregateView, groupedView, statsView } from '../api/analytics-view.js';
import type { AppContext } from '../app-context.js';

const SeriesQuery = Type.Object(SeriesParams, { additionalProperties: false });
const PrometheusQuery = Type.Object(GroupParams, { additionalProperties: false });
type GroupedRequest = Static<typeof SeriesQuery>;
const StatsQuery = Type.Object(
  { ...AnalyticsWindowParams, limit: LimitParam('Root names', 10) },
  { additionalProperties: false },
);

/**
 * The grouped analytics routes: each a view of `Store.groupedAnalytics` with its own defaults —
 * what ranks the groups, whether percentiles are computed, and for some a fixed grouping.
 */
const GROUPED_ROUTES: {
  path: string;
  description: string;
  rankBy: AnalyticsRank;
  percentiles: boolean;
  groupBy?: AnalyticsDimension;
}[] = [
  {
    path: 'usage',
    description: 'LLM and embedding requests and their tokens by kind, per group (and bucket).',
    rankBy: 'requests',
    percentiles: false,
  },
  {
    path: 'cost',
    description: 'Cost of LLM and embedding requests, per group (and bucket).',
    rankBy: 'cost',
    percentiles: false,
  },
  {
    path: 'latency',
    description: 'Latency average, bounds and percentiles, per group (and bucket).',
    rankBy: 'count',
    percentiles: true,
  },
  {
    path: 'errors',
    description: 'Errors and error rates, per group (and bucket).',
    rankBy: 'errors',
    percentiles: false,
  },
  {
    path: 'models',
    description: 'Every figure per model (response model, else request model).',
    rankBy: 'requests',
    percentiles: true,
    groupBy: 'model',
  },
  {
    path: 'keys',
    description: 'Every figure per API key hash (span attribute `sextant.api_key.hash`).',
    rankBy: 'requests',
    percentiles: true,
    groupBy: 'api_key_hash',
  },
];

function groupedQueryOf(
  q: GroupedRequest,
  defaults: { rankBy: AnalyticsRank; percentiles: boolean; groupBy?: string | undefined },
): GroupedAnalyticsQuery {
  return {
    ...analyticsWindowOf(q),
    groupBy: groupByOf(defaults.groupBy ?? q.groupBy),
    bucket: q.bucket ?? null,
    rankBy: q.rankBy ?? defaults.rankBy,
    limit: q.limit,
    percentiles: q.percentiles ?? defaults.percentiles,
    service: q.service,
    spanType: q.spanType,
  };
}

/** Analytics over stored spans and traces, under `/api/analytics/`. */
export const analyticsApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.get(
    '/api/analytics/stats',
    {
      schema: {
        querystring: StatsQuery,
        description:
          'Figures of the traces that start in the window: counts, statuses, latency, tokens, cost, ' +
          'spans, errors, retries, guardrail checks and the most common root names.',
      },
    },
    async (request) => {
      const q = request.query;
      return statsView(await analyticsRead(store.traceStats({ ...analyticsWindowOf(q), limit: q.limit })));
    },
  );

  app.get(
    '/api/analytics/aggregate',
    {
      schema: {
        querystring: StatsQuery,
        description:
          'Trace count, error rate, latency (avg, p50, p95, p99, min, max), tokens and spans per ' +
          'trace of the traces that start in the window, overall and per root name ("flow").',
      },
    },
    async (request) => {
      const q = request.query;
      const result = await analyticsRead(
        store.groupedAnalytics({
          ...analyticsWindowOf(q),
          groupBy: { dimension: 'root_name' },
          bucket: null,
          rankBy: 'count',
          limit: q.limit,
          percentiles: true,
        }),
      );
      return aggregateView(result);
    },
  );

  for (const route of GROUPED_ROUTES) {
    app.get(
      `/api/analytics/${route.path}`,
      { schema: { querystring: SeriesQuery, description: route.description } },
      async (request) => {
        const q = request.query;
        const groupBy = route.groupBy ?? q.groupBy;
        const result = await analyticsRead(store.groupedAnalytics(groupedQueryOf(q, { ...route, groupBy })));
        return groupedView(result, groupBy, q.bucket);
      },
    );
  }

  app.get(
    '/api/analytics/prometheus',
    {
      schema: {
        querystring: PrometheusQuery,
        description:
          'Grouped analytics (as `/api/analytics/latency`, without series) in the Prometheus text ' +
          'exposition format.',
      },
    },
    async (request, reply) => {
      const q = request.query;
      const result = await analyticsRead(
        store.groupedAnalytics(groupedQueryOf(q, { rankBy: 'count', percentiles: true })),
      );
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return analyticsPrometheusText(result, q.project, q.groupBy);
    },
  );
};
