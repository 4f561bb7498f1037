import { Type } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../app-context.js';
import { PRESSURE_STATES } from '../ingest/pressure.js';

const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  reasons: Type.Array(Type.String(), { description: 'Why not ready: shutting down, write queue saturated.' }),
  pressure: Type.Union(PRESSURE_STATES.map((state) => Type.Literal(state))),
});

/**
 * `/healthz`: the process is up and serving. `/readyz`: it should be sent traffic — not while
 * shutting down, and not while the write queue is saturated.
 */
export const healthRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      schema: {
        description: 'Whether the server should get traffic (503, with the reasons, when not).',
        // Not ready is no error: the same body, with 503.
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const { pressure } = context.queue.diagnostics();
      const reasons: string[] = [];
      if (context.lifecycle.shuttingDown) reasons.push('shutting down');
      if (pressure === 'saturated') reasons.push('write queue saturated');
      if (reasons.length > 0)
        reply.code(503).header('retry-after', String(context.config.queue.retryAfterSeconds));
      return { status: reasons.length === 0 ? 'ready' : 'not ready', reasons, pressure };
    },
  );
};
