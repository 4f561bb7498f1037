import type { PriceCatalog } from '@sextant/core';
import type { Store } from '@sextant/store';
import type { SextantConfig } from './config/resolve-config.js';
import type { IngestStats } from './ingest/ingest-stats.js';
import type { WriteQueue } from './ingest/write-queue.js';

/** What the server's plugins share: built once at start, passed down, never global. */
export interface AppContext {
  config: SextantConfig;
  store: Store;
  queue: WriteQueue;
  prices: PriceCatalog;
  ingestStats: IngestStats;
  /** Set when a graceful shutdown begins: readiness fails and ingest answers 503. */
  lifecycle: { shuttingDown: boolean };
}
