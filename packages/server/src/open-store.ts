import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMemoryStore,
  openPostgresStore,
  openReadOnlySql,
  openSqliteStore,
  type ReadOnlySql,
  type Store,
} from '@sextant/store';
import type { SextantConfig } from './config/resolve-config.js';

/** The database file inside the data directory. */
export const SQLITE_FILE_NAME = 'sextant.db';

const sqlitePath = (config: SextantConfig) => join(config.dataDir, SQLITE_FILE_NAME);

/**
 * Opens the runner of `POST /api/sql` on the SQLite store's file (which `openStore` created), when
 * the endpoint is enabled; the caller closes it.
 */
export function openSqlRunner(config: SextantConfig): ReadOnlySql | null {
  if (!config.sql.enabled || config.store.driver !== 'sqlite') return null;
  return openReadOnlySql({
    path: sqlitePath(config),
    timeoutMs: config.sql.timeoutMs,
    maxRows: config.sql.maxRows,
  });
}

/**
 * Opens the configured backend; the caller closes it. A PostgreSQL store connects and migrates
 * its schema first, and fails when the database cannot be reached.
 */
export async function openStore(config: SextantConfig): Promise<Store> {
  const { store } = config;
  switch (store.driver) {
    case 'memory':
      return createMemoryStore(store.memory);
    case 'postgres':
      return openPostgresStore({
        url: store.postgres.url,
        maxConnections: store.postgres.maxConnections,
        statementTimeoutMs: store.postgres.statementTimeoutMs,
      });
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return openSqliteStore({
        path: sqlitePath(config),
        synchronous: store.sqliteSynchronous,
        payloadThresholdBytes: store.payloadThresholdBytes,
      });
  }
}
