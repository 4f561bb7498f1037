import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { logsToOtlpJson, METRIC_TYPES, metricsToOtlpJson } from '@sextant/core';
import { MAX_LOG_PAGE, MAX_METRIC_PAGE, type MetricAttributeCondition } from '@sextant/store';
import {
  checkTextQuery,
  FormatParam,
  ProjectParam,
  TextParam,
  TimeParam,
  timeRangeOf,
} from '../api/params.js';
import { logView, metricView } from '../api/telemetry-view.js';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';

const MAX_METRIC_ATTRIBUTE_CONDITIONS = 20;

const LogQuery = Type.Object(
  {
    project: ProjectParam,
    traceId: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{32}$' })),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    severityMin: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 24,
        description: 'Records at least this severe: OTLP severity numbers, 9 = INFO, 13 = WARN, 17 = ERROR.',
      }),
    ),
    text: Type.Optional(TextParam),
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
    attr: Type.Optional(
      Type.Union(
        [
          Type.String({ maxLength: 1024 }),
          Type.Array(Type.String({ maxLength: 1024 }), { maxItems: MAX_METRIC_ATTRIBUTE_CONDITIONS }),
        ],
        {
          description:
            "Repeatable `key=value`: the point's attribute (or its resource's) equal to the value, as text.",
        },
      ),
    ),
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
      checkTextQuery(q.text, 'text');
      const logs = await store.findLogs({
        project: q.project,
        traceId: q.traceId?.toLowerCase(),
        service: q.service,
        severityMin: q.severityMin,
        text: q.text,
        ...timeRangeOf(q),
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
        attributes: metricAttributesOf(q.attr),
        ...timeRangeOf(q),
        limit: q.limit,
      });
      return q.format === 'otlp' ? metricsToOtlpJson(points) : { points: points.map(metricView) };
    },
  );
};

function metricAttributesOf(attr: string | string[] | undefined): MetricAttributeCondition[] | undefined {
  if (attr === undefined) return undefined;
  return (typeof attr === 'string' ? [attr] : attr).map((text) => {
    const at = text.indexOf('=');
    if (at < 1) {
      throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', `attr: '${text}' is not key=value`);
    }
    return { key: text.slice(0, at), value: text.slice(at + 1) };
  });
}
