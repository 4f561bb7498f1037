import type { PriceCatalog } from '@sextant/core';
import type { ReadOnlySql, Store } from '@sextant/store';
import type { SextantConfig } from './config/resolve-config.js';
import type { IngestStats } from './ingest/ingest-stats.js';
import type { WriteQueue } from './ingest/write-queue.js';
import type { LiveHub } from './live/live-hub.js';
import type { RetentionService } from './retention/retention-service.js';

/** What the server's plugins share: built once at start, passed down, never global. */
export interface AppContext {
  config: SextantConfig;
  store: Store;
  queue: WriteQueue;
  prices: PriceCatalog;
  ingestStats: IngestStats;
  retention: RetentionService;
  /** The live tail: committed spans go to its subscribers. */
  live: LiveHub;
  /** Runs `POST /api/sql`: null unless the endpoint is enabled and the store is SQLite. */
  sql: ReadOnlySql | null;
  /** Set when a graceful shutdown begins: readiness fails and ingest answers 503. */
  lifecycle: { shuttingDown: boolean };
}
