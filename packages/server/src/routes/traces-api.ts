import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { parseDurationNano, parseTimeNano, TRACE_STATUSES, tracesToOtlpJson } from '@sextant/core';
import { MAX_TRACE_PAGE } from '@sextant/store';
import { decodeCursor, encodeCursor } from '../api/cursor.js';
import { DurationParam, FormatParam, ProjectParam, parsedParam, TimeParam } from '../api/params.js';
import { summaryView, traceView } from '../api/trace-view.js';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';

const TraceParams = Type.Object({
  traceId: Type.String({ pattern: '^[0-9a-fA-F]{32}$', description: '32 hex digits.' }),
});
const TraceQuery = Type.Object(
  {
    project: ProjectParam,
    format: FormatParam,
  },
  { additionalProperties: false },
);

const SearchQuery = Type.Object(
  {
    project: ProjectParam,
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    spanName: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    status: Type.Optional(Type.Union(TRACE_STATUSES.map((s) => Type.Literal(s)))),
    minDuration: Type.Optional(DurationParam),
    maxDuration: Type.Optional(DurationParam),
    start: Type.Optional(TimeParam),
    end: Type.Optional(TimeParam),
    limit: Type.Integer({ minimum: 1, maximum: MAX_TRACE_PAGE, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Reading traces: one trace by id, and the newest-first trace list with its filters. */
export const tracesApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  app.get(
    '/api/traces/:traceId',
    {
      schema: {
        params: TraceParams,
        querystring: TraceQuery,
        description: 'One trace: its rollup and its spans as a tree.',
      },
    },
    async (request) => {
      const { project, format } = request.query;
      const traceId = request.params.traceId.toLowerCase();
      const trace = await store.getTrace({ project, traceId });
      if (!trace)
        throw new SextantError('SEXTANT_ERR_NOT_FOUND', `no trace ${traceId} in project '${project}'`);
      return format === 'otlp' ? tracesToOtlpJson(trace.spans) : traceView(trace);
    },
  );

  app.get(
    '/api/traces',
    {
      schema: {
        querystring: SearchQuery,
        description:
          'Traces newest first. Span conditions (service, spanName, durations, start/end) must hold on one span of a trace.',
      },
    },
    async (request) => {
      const q = request.query;
      const minDurationNano = parsedParam(q.minDuration, parseDurationNano, 'minDuration');
      const maxDurationNano = parsedParam(q.maxDuration, parseDurationNano, 'maxDuration');
      const startTimeMin = parsedParam(q.start, parseTimeNano, 'start');
      const startTimeMax = parsedParam(q.end, parseTimeNano, 'end');
      const page = await store.findTraces({
        project: q.project,
        service: q.service,
        spanName: q.spanName,
        status: q.status,
        minDurationNano,
        maxDurationNano,
        startTimeMin,
        startTimeMax,
        limit: q.limit,
        after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      });
      return {
        traces: page.traces.map(summaryView),
        nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      };
    },
  );
};
