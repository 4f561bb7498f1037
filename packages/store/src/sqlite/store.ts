import Database from 'better-sqlite3';
import { StoreClosedError } from '../errors.js';
import type { Store } from '../store.js';
import { migrate } from './migrations.js';
import { SqliteReader } from './reader.js';
import { classifySqliteError } from './write-errors.js';
import { SqliteWriter } from './writer.js';

export interface SqliteStoreOptions {
  /** The database file (created if missing), or `:memory:`. */
  path: string;
  /**
   * When a commit reaches the disk. In WAL mode, `normal` (the default) loses no committed
   * transaction when the process crashes, even on SIGKILL, since the WAL is in the OS's hands;
   * only a power loss or OS crash may undo the last commits. `full` syncs the WAL on every commit,
   * which survives power loss too, at a cost in write speed.
   */
  synchronous?: 'normal' | 'full' | undefined;
  /** Strings of at least this many UTF-8 bytes are stored once, by hash (default 2048). */
  payloadThresholdBytes?: number | undefined;
  /** How long a write waits for another connection's lock before failing as contention (default 5000). */
  busyTimeoutMs?: number | undefined;
}

export const DEFAULT_PAYLOAD_THRESHOLD_BYTES = 2048;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Page cache, in KiB (SQLite takes a negative size as KiB). */
const CACHE_KIB = 64 * 1024;
/**
 * Rows with prompts run to a few KiB: on 4 KiB pages most would sit one to a page, half empty.
 * 16 KiB pages pack them (measured: a third fewer bytes, and faster writes). Only a new file takes
 * it; an existing one keeps its page size.
 */
const PAGE_SIZE = 16 * 1024;

/**
 * Opens (creating and migrating as needed) a SQLite store: the default backend, in one file.
 * better-sqlite3 is synchronous: each call holds the calling thread for its duration, which batch
 * sizes and read limits keep short (a 512-span batch takes a few milliseconds).
 *
 * @throws RangeError for a bad option, and better-sqlite3's `SqliteError` when the file cannot be
 * opened or migrated (not a database, read-only, from a newer Sextant).
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const threshold = options.payloadThresholdBytes ?? DEFAULT_PAYLOAD_THRESHOLD_BYTES;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`payloadThresholdBytes must be a positive integer, not ${threshold}`);
  }
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  let writer: SqliteWriter;
  let reader: SqliteReader;
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
    migrate(db);
    writer = new SqliteWriter(db, threshold);
    reader = new SqliteReader(db);
  } catch (error) {
    db.close();
    throw error;
  }
  let closed = false;
  const open = (): void => {
    if (closed) throw new StoreClosedError('sqlite');
  };
  return {
    driver: 'sqlite',
    write: async (batch) => {
      open();
      return writer.write(batch);
    },
    getTrace: async ({ project, traceId }) => {
      open();
      return reader.getTrace(project, traceId);
    },
    findTraces: async (query) => {
      open();
      return reader.findTraces(query);
    },
    findLogs: async (query) => {
      open();
      return reader.findLogs(query);
    },
    findMetrics: async (query) => {
      open();
      return reader.findMetrics(query);
    },
    counts: async ({ project }) => {
      open();
      return reader.counts(project);
    },
    classifyWriteError: classifySqliteError,
    close: async () => {
      if (closed) return;
      closed = true;
      db.pragma('optimize');
      db.close();
    },
  };
}
