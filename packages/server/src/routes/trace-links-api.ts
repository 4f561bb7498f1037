import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MAX_TRACE_PAGE, type TraceLinkChange, type TraceLinkField, type TracePage } from '@sextant/store';
import type { FastifyReply } from 'fastify';
import { decodeCursor, encodeCursor } from '../api/cursor.js';
import { ProjectParam } from '../api/params.js';
import { summaryView } from '../api/trace-view.js';
import type { AppContext } from '../app-context.js';
import { SextantError } from '../errors.js';
import { replyMissingTargets } from './missing-targets.js';

const TRACE_ID_PATTERN = '^[0-9a-fA-F]{32}$';
const TraceParams = Type.Object({
  traceId: Type.String({ pattern: TRACE_ID_PATTERN, description: '32 hex digits.' }),
});
const CorrelationId = Type.String({
  pattern: '^[\\x21-\\x7E]{1,128}$',
  description: '1 to 128 printable ASCII characters without spaces (a request id, a UUID, a job name).',
});
const ProjectQuery = Type.Object({ project: ProjectParam }, { additionalProperties: false });
const PageQuery = Type.Object(
  {
    project: ProjectParam,
    limit: Type.Integer({ minimum: 1, maximum: MAX_TRACE_PAGE, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

function tracePageView(page: TracePage) {
  return {
    traces: page.traces.map(summaryView),
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
  };
}

/**
 * A trace's links: its correlation id (shared by the traces of one larger piece of work) and the
 * trace it replays. Each is set by PUT and cleared by DELETE, and read from both ends.
 */
export const traceLinksApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { store } = context;

  /** Applies a change to the links of the trace in the path; answers the links as they now are. */
  const changeLinks = (
    links: Omit<TraceLinkChange, 'project' | 'traceId'>,
    request: { query: { project: string }; params: { traceId: string } },
    reply: FastifyReply,
  ) => {
    const change = {
      project: request.query.project,
      traceId: request.params.traceId.toLowerCase(),
      ...links,
    };
    if (change.replayOf === change.traceId) {
      throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', 'replayOf: a trace cannot be a replay of itself');
    }
    return store.linkTrace(change).then(
      (now) => ({ traceId: change.traceId, ...now }),
      (error: unknown) => replyMissingTargets(reply, error),
    );
  };

  /** A page of the traces whose link has the value. */
  const linkedTraces = async (
    field: TraceLinkField,
    value: string,
    { project, limit, cursor }: { project: string; limit: number; cursor?: string | undefined },
  ) => {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    return tracePageView(await store.findLinkedTraces({ project, field, value, limit, after }));
  };

  app.put(
    '/api/traces/:traceId/correlation',
    {
      schema: {
        params: TraceParams,
        querystring: ProjectQuery,
        body: Type.Object({ correlationId: CorrelationId }, { additionalProperties: false }),
        description: "Sets the trace's correlation id; several traces may share one.",
      },
    },
    async (request, reply) => changeLinks({ correlationId: request.body.correlationId }, request, reply),
  );

  app.delete(
    '/api/traces/:traceId/correlation',
    {
      schema: {
        params: TraceParams,
        querystring: ProjectQuery,
        description: "Clears the trace's correlation id.",
      },
    },
    async (request, reply) => changeLinks({ correlationId: null }, request, reply),
  );

  app.put(
    '/api/traces/:traceId/replay-of',
    {
      schema: {
        params: TraceParams,
        querystring: ProjectQuery,
        body: Type.Object(
          {
            replayOf: Type.String({ pattern: TRACE_ID_PATTERN, description: 'The trace this one re-runs.' }),
          },
          { additionalProperties: false },
        ),
        description: 'Marks the trace as a replay of another trace of the project.',
      },
    },
    async (request, reply) => changeLinks({ replayOf: request.body.replayOf.toLowerCase() }, request, reply),
  );

  app.delete(
    '/api/traces/:traceId/replay-of',
    {
      schema: {
        params: TraceParams,
        querystring: ProjectQuery,
        description: 'Clears the replay link of the trace.',
      },
    },
    async (request, reply) => changeLinks({ replayOf: null }, request, reply),
  );

  app.get(
    '/api/correlations/:correlationId',
    {
      schema: {
        params: Type.Object({ correlationId: CorrelationId }),
        querystring: PageQuery,
        description: 'The traces sharing a correlation id, newest first.',
      },
    },
    async (request) => linkedTraces('correlationId', request.params.correlationId, request.query),
  );

  app.get(
    '/api/traces/:traceId/replays',
    {
      schema: {
        params: TraceParams,
        querystring: PageQuery,
        description: 'The traces that replay this one, newest first.',
      },
    },
    async (request) => linkedTraces('replayOf', request.params.traceId.toLowerCase(), request.query),
  );
};
