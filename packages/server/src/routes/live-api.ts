import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Span } from '@sextant/core';
import { ProjectParam } from '../api/params.js';
import { TraceFilterParams, traceQueryOf } from '../api/trace-search-params.js';
import { spanView } from '../api/trace-view.js';
import type { AppContext } from '../app-context.js';
import { liveSpanFilter } from '../live/live-filter.js';

/** Past this many bytes waiting for a slow client, new spans are dropped for it (and counted). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** The trace ids a stream remembers having announced (the oldest are forgotten first). */
const REMEMBERED_TRACES = 10_000;

const LiveQuery = Type.Object(
  { project: ProjectParam, ...TraceFilterParams },
  { additionalProperties: false },
);

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /api/live`: a Server-Sent Events stream of the spans committed from now on that meet the
 * filters, each trace announced by a `trace` event the first time one of its spans comes.
 */
export const liveApiRoutes: FastifyPluginAsyncTypebox<{ context: AppContext }> = async (app, { context }) => {
  const streams = new Set<() => void>();
  // Open streams would hold a closing server forever: they end first.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/api/live',
    {
      schema: {
        querystring: LiveQuery,
        description:
          'Live tail (Server-Sent Events): `trace` and `span` events for new spans meeting the filters of ' +
          '`GET /api/traces`, each applied to the span itself; `dropped` when a slow client missed some.',
      },
    },
    async (request, reply) => {
      const { project, ...filters } = request.query;
      const wants = liveSpanFilter(traceQueryOf(project, filters, { limit: 1 }));
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(': sextant live tail\n\n');
      const announced = new Set<string>();
      let dropped = 0;
      const deliver = (spans: readonly Span[]): boolean => {
        if (raw.writableLength > MAX_BUFFERED_BYTES) {
          dropped += spans.length;
          return false;
        }
        let text = dropped > 0 ? sseEvent('dropped', { spans: dropped }) : '';
        dropped = 0;
        for (const span of spans) {
          if (!announced.has(span.traceId)) {
            if (announced.size >= REMEMBERED_TRACES) announced.delete(announced.values().next().value!);
            announced.add(span.traceId);
            text += sseEvent('trace', { traceId: span.traceId, project: span.project });
          }
          text += sseEvent('span', spanView(span));
        }
        raw.write(text);
        return true;
      };
      const unsubscribe = context.live.subscribe({ wants, deliver });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        raw.end();
      };
      streams.add(end);
      raw.on('close', end);
    },
  );
};
