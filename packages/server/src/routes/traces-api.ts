import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { tracesToOtlpJson } from '@sextant/core';
import { MAX_TRACE_PAGE } from '@sextant/store';
import { decodeCursor, encodeCursor } from '../api/cursor.js';
import { FormatParam, ProjectParam } from '../api/params.js';
import { traceNotesView } from '../api/trace-notes-view.js';
import { TraceFilterParams, traceQueryOf } from '../api/trace-search-params.js';
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
    ...TraceFilterParams,
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
        description:
          'One trace: its rollup, its spans as a tree, its newest annotations, its correlation id, ' +
          'the trace it replays and the traces replaying it.',
      },
    },
    async (request) => {
      const { project, format } = request.query;
      const traceId = request.params.traceId.toLowerCase();
      const trace = await store.getTrace({ project, traceId });
      if (!trace)
        throw new SextantError('SEXTANT_ERR_NOT_FOUND', `no trace ${traceId} in project '${project}'`);
      if (format === 'otlp') return tracesToOtlpJson(trace.spans);
      return { ...traceView(trace), ...(await traceNotesView(store, project, traceId)) };
    },
  );

  app.get(
    '/api/traces',
    {
      schema: {
        querystring: SearchQuery,
        description:
          'Traces newest first. The span conditions (service, spanName, spanType, model, provider, ' +
          'durations, start/end, attribute conditions) must hold on one span of a trace.',
      },
    },
    async (request) => {
      const { project, limit, cursor, ...filters } = request.query;
      const page = await store.findTraces(
        traceQueryOf(project, filters, {
          limit,
          after: cursor === undefined ? undefined : decodeCursor(cursor),
        }),
      );
      return {
        traces: page.traces.map(summaryView),
        nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      };
    },
  );
};
