import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { logsToOtlpJson, METRIC_TYPES, metricsToOtlpJson, parseTimeNano } from '@sextant/core';
import { MAX_LOG_PAGE, MAX_METRIC_PAGE } from '@sextant/store';
import { FormatParam, ProjectParam, parsedParam, TimeParam } from '../api/params.js';
import { logView, metricView } from '../api/telemetry-view.js';
import type { AppContext } from '../app-context.js';

const LogQuery = Type.Object(
  {
    project: ProjectParam,
    traceId: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{32}$' })),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    start: Type.Optional(TimeParam),
    end: Type.Optional(TimeParam),
    limit: Type.Integer({ minimum: 1, maximum: MAX_LOG_PAGE, default: 100 }),
    format: FormatParam,
  },
  { additionalProperties: false },
);

const MetricQuery = Type.Object(
  {
    project: ProjectParam,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    type: Type.Optional(Type.Union(METRIC_TYPES.map((t) => Type.Literal(t)))),
    start: Type.Optional(TimeParam),
    end: Type.Optional(TimeParam),
    limit: Type.Integer({ minimum: 1, maximum: MAX_METRIC_PAGE, default: 100 }),
    format: FormatParam,
  },
  { additionalProperties: false },
);

/** Reading logs and metric points, oldest first, bounded by `limit`. */
export const telemetryApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.get(
    '/api/logs',
    { schema: { querystring: LogQuery, description: 'Log records, oldest first.' } },
    async (request) => {
      const q = request.query;
      const logs = await store.findLogs({
        project: q.project,
        traceId: q.traceId?.toLowerCase(),
        service: q.service,
        startTimeMin: parsedParam(q.start, parseTimeNano, 'start'),
        startTimeMax: parsedParam(q.end, parseTimeNano, 'end'),
        limit: q.limit,
      });
      return q.format === 'otlp' ? logsToOtlpJson(logs) : { logs: logs.map(logView) };
    },
  );

  app.get(
    '/api/metrics',
    { schema: { querystring: MetricQuery, description: 'Metric points, oldest first.' } },
    async (request) => {
      const q = request.query;
      const points = await store.findMetrics({
        project: q.project,
        name: q.name,
        service: q.service,
        type: q.type,
        startTimeMin: parsedParam(q.start, parseTimeNano, 'start'),
        startTimeMax: parsedParam(q.end, parseTimeNano, 'end'),
        limit: q.limit,
      });
      return q.format === 'otlp' ? metricsToOtlpJson(points) : { points: points.map(metricView) };
    },
  );
};
