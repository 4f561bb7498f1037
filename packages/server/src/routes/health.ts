import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../app-context.js';

/**
 * `/healthz`: the process is up and serving. `/readyz`: it should be sent traffic — not while
 * shutting down, and not while the write queue is saturated.
 */
export const healthRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const { pressure } = context.queue.diagnostics();
    const reasons: string[] = [];
    if (context.lifecycle.shuttingDown) reasons.push('shutting down');
    if (pressure === 'saturated') reasons.push('write queue saturated');
    if (reasons.length > 0)
      reply.code(503).header('retry-after', String(context.config.queue.retryAfterSeconds));
    return { status: reasons.length === 0 ? 'ready' : 'not ready', reasons, pressure };
  });
};
