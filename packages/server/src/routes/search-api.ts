import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { formatRfc3339Nano } from '@sextant/core';
import { MAX_TEXT_HITS } from '@sextant/store';
import { checkTextQuery, ProjectParam, TextParam, TimeParam, timeRangeOf } from '../api/params.js';
import type { AppContext } from '../app-context.js';

const SearchQuery = Type.Object(
  {
    project: ProjectParam,
    q: TextParam,
    start: Type.Optional(TimeParam),
    end: Type.Optional(TimeParam),
    limit: Type.Integer({ minimum: 1, maximum: MAX_TEXT_HITS, default: 20 }),
  },
  { additionalProperties: false },
);

/** Ranked full-text search over span text and log bodies. */
export const searchApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (
  app,
  { context },
) => {
  app.get(
    '/api/search',
    {
      schema: {
        querystring: SearchQuery,
        description:
          'Spans (names, attribute values, prompts and completions, events, status messages), log bodies ' +
          'and annotations (text and tags) matching a full-text query, best first (BM25), among the newest ' +
          '10 000 matches of each kind.',
      },
    },
    async (request) => {
      const { project, q, limit } = request.query;
      checkTextQuery(q, 'q');
      const result = await context.store.searchText({
        project,
        text: q,
        limit,
        ...timeRangeOf(request.query),
      });
      return {
        spans: result.spans.map((hit) => ({
          traceId: hit.traceId,
          spanId: hit.spanId,
          name: hit.name,
          service: hit.service,
          startTime: formatRfc3339Nano(hit.startTimeUnixNano),
          score: hit.score,
        })),
        logs: result.logs.map((hit) => ({
          traceId: hit.traceId,
          spanId: hit.spanId,
          service: hit.service,
          time: formatRfc3339Nano(hit.timeUnixNano),
          severityNumber: hit.severityNumber,
          score: hit.score,
        })),
        annotations: result.annotations.map((hit) => ({
          id: hit.id,
          traceId: hit.traceId,
          spanId: hit.spanId,
          time: formatRfc3339Nano(hit.timeUnixNano),
          score: hit.score,
        })),
      };
    },
  );
};
