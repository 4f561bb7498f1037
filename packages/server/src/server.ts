import { readFileSync } from 'node:fs';
import { createPriceCatalog, type PriceCatalog } from '@sextant/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { AppContext } from './app-context.js';
import type { SextantConfig } from './config/resolve-config.js';
import { IngestStats } from './ingest/ingest-stats.js';
import { WriteQueue } from './ingest/write-queue.js';
import { LiveHub } from './live/live-hub.js';
import { openSqlRunner, openStore } from './open-store.js';
import { RetentionService } from './retention/retention-service.js';

export interface RunningServer {
  app: FastifyInstance;
  context: AppContext;
  /** The address it listens on, e.g. `http://127.0.0.1:4318`. */
  url: string;
  /** Graceful stop: refuse new work, finish what was accepted, close the store. */
  close(): Promise<void>;
}

function loadPrices(file: string | null): PriceCatalog {
  if (file === null) return createPriceCatalog();
  let overrides: unknown;
  try {
    overrides = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the prices file ${file}: ${(error as Error).message}`);
  }
  return createPriceCatalog({ overrides });
}

/** Builds everything the configuration asks for and starts listening. */
export async function startServer(
  config: SextantConfig,
  options: { logger: boolean } = { logger: true },
): Promise<RunningServer> {
  const prices = loadPrices(config.pricesFile);
  const store = await openStore(config);
  let sql: AppContext['sql'];
  try {
    sql = openSqlRunner(config);
  } catch (error) {
    await store.close();
    throw error;
  }
  const context: AppContext = {
    config,
    store,
    queue: new WriteQueue(store, config.queue),
    prices,
    ingestStats: new IngestStats(),
    live: new LiveHub(),
    retention: new RetentionService(store, config.retention, { intervalMs: config.retention.intervalMs }),
    sql,
    lifecycle: { shuttingDown: false },
  };
  let app: FastifyInstance;
  try {
    app = await buildApp(context, { logger: options.logger ? { level: config.logLevel } : false });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await sql?.close();
    await store.close();
    throw error;
  }
  context.retention.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      context.lifecycle.shuttingDown = true;
      await context.retention.stop();
      // Requests already in flight are waiting on the queue, which keeps committing meanwhile.
      await app.close();
      await sql?.close();
      const drained = await context.queue.drain(config.shutdownTimeoutMs);
      if (!drained)
        app.log.error(
          'shutdown: the write queue did not drain in time; unacknowledged items were not written',
        );
      await store.close();
    })();
    return closing;
  };
  return { app, context, url: `http://${host}:${port}`, close };
}
