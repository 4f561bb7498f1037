import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryStore, openSqliteStore, type Store } from '@sextant/store';
import type { SextantConfig } from './config/resolve-config.js';

/** The database file inside the data directory. */
export const SQLITE_FILE_NAME = 'sextant.db';

/** Opens the configured backend; the caller closes it. */
export function openStore(config: SextantConfig): Store {
  const { store } = config;
  switch (store.driver) {
    case 'memory':
      return createMemoryStore(store.memory);
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return openSqliteStore({
        path: join(config.dataDir, SQLITE_FILE_NAME),
        synchronous: store.sqliteSynchronous,
        payloadThresholdBytes: store.payloadThresholdBytes,
      });
  }
}
