import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  AnalyticsWindowParams,
  analyticsRead,
  analyticsWindowOf,
  LimitParam,
} from '../api/analytics-params.js';
import { dependenciesView, operationsView, servicesView } from '../api/analytics-view.js';
import type { AppContext } from '../app-context.js';

const ServicesQuery = Type.Object(
  { ...AnalyticsWindowParams, limit: LimitParam('Services', 100) },
  { additionalProperties: false },
);
const OperationsQuery = Type.Object(
  { ...AnalyticsWindowParams, limit: LimitParam('Operations (span names)', 100) },
  { additionalProperties: false },
);
const DependenciesQuery = Type.Object(
  { ...AnalyticsWindowParams, limit: LimitParam('Edges', 100) },
  { additionalProperties: false },
);
const ServiceParams = Type.Object({
  service: Type.String({ minLength: 1, maxLength: 256, description: 'The service name (`service.name`).' }),
});

/** Services, their operations and the calls between them. */
export const servicesApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.get(
    '/api/services',
    {
      schema: {
        querystring: ServicesQuery,
        description:
          'Services with their spans in the window, the traces starting in it that touch them, ' +
          'error rate and average span duration; most spans first.',
      },
    },
    async (request) => {
      const q = request.query;
      return servicesView(await analyticsRead(store.services({ ...analyticsWindowOf(q), limit: q.limit })));
    },
  );

  app.get(
    '/api/services/:service/operations',
    {
      schema: {
        params: ServiceParams,
        querystring: OperationsQuery,
        description: "A service's operations (span names) with counts, errors and latency percentiles.",
      },
    },
    async (request) => {
      const q = request.query;
      const service = request.params.service;
      const result = await analyticsRead(
        store.groupedAnalytics({
          ...analyticsWindowOf(q),
          groupBy: { dimension: 'span_name' },
          bucket: null,
          rankBy: 'count',
          limit: q.limit,
          percentiles: true,
          service,
        }),
      );
      return operationsView(service, result);
    },
  );

  app.get(
    '/api/dependencies',
    {
      schema: {
        querystring: DependenciesQuery,
        description:
          'The service dependency graph: calls from spans of one service to child spans of another, ' +
          'from the spans of the traces starting in the window (a bounded scan).',
      },
    },
    async (request) => {
      const q = request.query;
      return dependenciesView(
        await analyticsRead(store.serviceDependencies({ ...analyticsWindowOf(q), limit: q.limit })),
      );
    },
  );
};
