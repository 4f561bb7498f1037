import type Database from 'better-sqlite3';
import { StoreClosedError } from '../errors.js';
import type { Store } from '../store.js';
import { SqliteAnnotations } from './annotations.js';
import { type BatchWriter, InlineWriter } from './batch-writer.js';
import { type ConnectionOptions, openConnection } from './connection.js';
import { migrate } from './migrations.js';
import { RowEncoder } from './row-encoder.js';
import {
  READ_METHODS,
  type ReadArgument,
  type ReadMethod,
  type ReadResult,
  sqliteReads,
} from './sqlite-reads.js';
import { ThreadReads } from './thread-reads.js';
import { ThreadWriter } from './thread-writer.js';
import { SqliteTraceLinks } from './trace-links.js';
import { classifySqliteError } from './write-errors.js';

/** Where a SQLite store commits: on a writer thread of its own (the default), or inline. */
export const SQLITE_WRITER_MODES = ['thread', 'inline'] as const;
export type SqliteWriterMode = (typeof SQLITE_WRITER_MODES)[number];

export interface SqliteStoreOptions {
  /** The database file (created if missing), or `:memory:` with the `inline` writer. */
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
  /**
   * `thread` (the default) commits on a worker thread with its own connection, beside the calling
   * thread; `inline` commits on the calling thread. Either way rows are encoded on the calling
   * thread. A `thread` store needs a file on disk (a second connection cannot
   * share `:memory:`).
   */
  writer?: SqliteWriterMode | undefined;
  /**
   * With the `thread` writer, reads run on this many reader threads (default 2), each with its own
   * connection, so that a long read never holds the calling thread; 0 runs them on the calling
   * thread. With the `inline` writer, reads always run on the calling thread.
   */
  readerThreads?: number | undefined;
}

export const DEFAULT_PAYLOAD_THRESHOLD_BYTES = 2048;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_READER_THREADS = 2;

/**
 * Opens (creating and migrating as needed) a SQLite store: the default backend, in one file.
 * better-sqlite3 is synchronous: a write's encoding and each read hold the calling thread for
 * their duration, which batch sizes and read limits keep short; with the `thread` writer, SQLite's
 * share of a write runs on the writer thread. A read issued after a write resolved sees that write.
 *
 * @throws RangeError for a bad option, Error when the writer thread's script is not built, and
 * better-sqlite3's `SqliteError` when the file cannot be opened or migrated (not a database,
 * read-only, from a newer Sextant).
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const threshold = options.payloadThresholdBytes ?? DEFAULT_PAYLOAD_THRESHOLD_BYTES;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`payloadThresholdBytes must be a positive integer, not ${threshold}`);
  }
  const mode = options.writer ?? 'thread';
  if (!SQLITE_WRITER_MODES.includes(mode)) {
    throw new RangeError(`writer must be one of ${SQLITE_WRITER_MODES.join(', ')}, not ${mode}`);
  }
  if (mode === 'thread' && (options.path === '' || options.path === ':memory:')) {
    throw new RangeError("a temporary or in-memory database takes writer: 'inline'");
  }
  const connection: ConnectionOptions = {
    path: options.path,
    synchronous: options.synchronous ?? 'normal',
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
  };
  const readerThreads = mode === 'thread' ? (options.readerThreads ?? DEFAULT_READER_THREADS) : 0;
  if (!Number.isInteger(readerThreads) || readerThreads < 0) {
    throw new RangeError(`readerThreads must be a whole number, not ${readerThreads}`);
  }
  const db = openConnection(connection);
  let writer: BatchWriter;
  let reads: <M extends ReadMethod>(method: M, argument: ReadArgument<M>) => Promise<ReadResult<M>>;
  let closeReads: () => Promise<void>;
  try {
    migrate(db);
    writer = mode === 'thread' ? new ThreadWriter(connection) : new InlineWriter(db);
    if (readerThreads > 0) {
      const threads = new ThreadReads(connection, readerThreads);
      reads = (method, argument) => threads.read(method, argument);
      closeReads = () => threads.close();
    } else {
      const inline = sqliteReads(db);
      reads = async (method, argument) =>
        (inline[method] as (argument: unknown) => ReadResult<typeof method>)(argument);
      closeReads = async () => {};
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const encoder = new RowEncoder(threshold);
  const notes = new SqliteAnnotations(db);
  const links = new SqliteTraceLinks(db);
  let closed = false;
  const open = (): void => {
    if (closed) throw new StoreClosedError('sqlite');
  };
  const readMethods = Object.fromEntries(
    READ_METHODS.map((method) => [
      method,
      async (argument: never) => {
        open();
        return reads(method, argument);
      },
    ]),
  ) as Pick<Store, ReadMethod>;
  return {
    driver: 'sqlite',
    ...readMethods,
    write: async (batch) => {
      open();
      const { encoded, listed } = encoder.encode(batch);
      const result = await writer.apply(encoded);
      encoder.confirm(listed);
      return result;
    },
    deleteTraces: async ({ project, traceIds }) => {
      open();
      const removed = await writer.remove({ kind: 'traces', project, traceIds });
      return { deleted: removed.traces };
    },
    removeOlderThan: async ({ before, limit }) => {
      open();
      // Later batches must list their payloads again: this removal may collect some.
      encoder.forgetStoredPayloads();
      return writer.remove({ kind: 'older-than', before, limit });
    },
    addAnnotations: async ({ project, annotations }) => {
      open();
      return notes.add(project, annotations);
    },
    deleteAnnotation: async ({ project, id }) => {
      open();
      return notes.delete(project, id);
    },
    linkTrace: async (change) => {
      open();
      return links.link(change);
    },
    classifyWriteError: classifySqliteError,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await Promise.all([writer.close(), closeReads()]);
      } finally {
        closeReader(db);
      }
    },
  };
}

/** Lets SQLite refresh the statistics its planner uses for the queries this connection ran. */
function closeReader(db: Database.Database): void {
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
