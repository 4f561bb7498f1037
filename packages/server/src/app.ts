import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from './app-context.js';
import { errorBody, SextantError } from './errors.js';
import { toSextantError } from './http/to-sextant-error.js';
import { analyticsApiRoutes } from './routes/analytics-api.js';
import { annotationsApiRoutes } from './routes/annotations-api.js';
import { diagnosticsRoutes } from './routes/diagnostics.js';
import { exportApiRoutes } from './routes/export-api.js';
import { healthRoutes } from './routes/health.js';
import { liveApiRoutes } from './routes/live-api.js';
import { maintenanceApiRoutes } from './routes/maintenance-api.js';
import { registerOpenApi } from './routes/openapi.js';
import { otlpIngestRoutes } from './routes/otlp-ingest.js';
import { reportsApiRoutes } from './routes/reports-api.js';
import { searchApiRoutes } from './routes/search-api.js';
import { servicesApiRoutes } from './routes/services-api.js';
import { sqlApiRoutes } from './routes/sql-api.js';
import { telemetryApiRoutes } from './routes/telemetry-api.js';
import { traceLinksApiRoutes } from './routes/trace-links-api.js';
import { tracesApiRoutes } from './routes/traces-api.js';
import { uiRoutes } from './routes/ui.js';

export interface BuildAppOptions {
  /** Fastify's logger setting: `false` in tests, a level name when serving. */
  logger: boolean | { level: string };
}

/**
 * The whole HTTP interface, ready for `inject()` in tests or `listen()` in `sextant serve`.
 * It owns nothing: the store and queue in `context` are opened and closed by the caller.
 */
export async function buildApp(context: AppContext, options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    // One line per OTLP export is noise at ingest rates; failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: context.config.limits.maxBodyBytes,
    // Path parameters are ids: a long one is a mistake or an attack.
    routerOptions: { maxParamLength: 256 },
    ajv: { customOptions: { coerceTypes: true, useDefaults: true, removeAdditional: false } },
  });

  app.setErrorHandler((error, request, reply) => {
    const failure = toSextantError(error);
    if (failure.code === 'SEXTANT_ERR_INTERNAL') request.log.error({ err: error }, 'request failed');
    if (failure.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(failure.retryAfterSeconds));
    return reply.code(failure.status).send(errorBody(failure));
  });
  app.setNotFoundHandler((request, reply) => {
    const failure = new SextantError(
      'SEXTANT_ERR_NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.code(failure.status).send(errorBody(failure));
  });

  // First: the OpenAPI document lists the routes registered after it.
  await registerOpenApi(app);
  await app.register(sqlApiRoutes, { context });
  await app.register(healthRoutes, { context });
  await app.register(diagnosticsRoutes, { context });
  await app.register(tracesApiRoutes, { context });
  await app.register(annotationsApiRoutes, { context });
  await app.register(traceLinksApiRoutes, { context });
  await app.register(exportApiRoutes, { context });
  await app.register(telemetryApiRoutes, { context });
  await app.register(searchApiRoutes, { context });
  await app.register(maintenanceApiRoutes, { context });
  await app.register(liveApiRoutes, { context });
  await app.register(analyticsApiRoutes, { context });
  await app.register(servicesApiRoutes, { context });
  await app.register(reportsApiRoutes, { context });
  await app.register(otlpIngestRoutes, { context });
  // Last, and a catch-all: every route above keeps its path.
  await app.register(uiRoutes, { context });
  return app;
}
