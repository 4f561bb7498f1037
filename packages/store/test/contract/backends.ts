import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryStore,
  openPostgresStore,
  openSqliteStore,
  SQLITE_WRITER_MODES,
  type Store,
} from '../../src/index.js';
import { type PostgresCluster, startPostgresCluster } from '../postgres/postgres-cluster.js';

/** What the contract checks beyond the rules every backend keeps; a backend may lack some. */
export const CAPABILITIES = ['durability'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Backend {
  /** How the contract's reports name it. */
  name: string;
  /** What the store says its driver is. */
  driver: string;
  /** Capabilities this backend does not have: their checks do not run for it. */
  lacks: readonly Capability[];
  /** Opens the store kept in `dir` (a fresh temporary directory per test file). */
  open(dir: string): Store | Promise<Store>;
  /** Releases what the backend's stores share (a database server), once its contract has run. */
  release?(): Promise<void>;
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'memory',
    driver: 'memory',
    lacks: ['durability'],
    open: () => createMemoryStore({ maxTraces: 100_000, maxSpansPerTrace: 100_000 }),
  },
  ...SQLITE_WRITER_MODES.map(
    (writer): Backend => ({
      name: `sqlite (${writer} writer)`,
      driver: 'sqlite',
      lacks: [],
      open: (dir) => openSqliteStore({ path: join(dir, 'sextant.db'), writer }),
    }),
  ),
  postgresBackend(),
];

/**
 * PostgreSQL on a throwaway cluster, started at the first open and removed on release: each
 * directory stands for a database of its own, so that opening a directory again finds its data.
 */
function postgresBackend(): Backend {
  let cluster: Promise<PostgresCluster> | null = null;
  return {
    name: 'postgres',
    driver: 'postgres',
    lacks: [],
    open: async (dir) => {
      cluster ??= startPostgresCluster();
      const database = `store_${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
      return openPostgresStore({ url: await (await cluster).createDatabase(database) });
    },
    release: async () => {
      const started = cluster;
      cluster = null;
      await (await started)?.destroy();
    },
  };
}

export function has(backend: Backend, capability: Capability): boolean {
  return !backend.lacks.includes(capability);
}

/** A temporary directory, and how to remove it. */
export function temporaryDirectory(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
