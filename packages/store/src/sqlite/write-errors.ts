import { StoreClosedError } from '../errors.js';
import type { WriteFailureClass } from '../store.js';
import { SqliteWriterExitedError } from './thread-writer.js';

/** By SQLite's primary result code (an extended code such as `SQLITE_BUSY_SNAPSHOT` starts with one). */
const CLASS_BY_PRIMARY_CODE: Readonly<Record<string, WriteFailureClass>> = {
  SQLITE_BUSY: 'contention',
  SQLITE_LOCKED: 'contention',
  SQLITE_CONSTRAINT: 'constraint',
  SQLITE_CANTOPEN: 'connection',
  SQLITE_IOERR: 'connection',
  SQLITE_NOTADB: 'connection',
  SQLITE_READONLY: 'connection',
  SQLITE_CORRUPT: 'connection',
  SQLITE_FULL: 'connection',
  SQLITE_PERM: 'connection',
  SQLITE_PROTOCOL: 'connection',
  SQLITE_INTERRUPT: 'timeout',
};

/** better-sqlite3's message when a statement runs on a closed database. */
const CLOSED_MESSAGE = 'The database connection is not open';

/** Classifies what better-sqlite3 throws (a `SqliteError` carries SQLite's result code). */
export function classifySqliteError(error: unknown): WriteFailureClass {
  if (error instanceof StoreClosedError || error instanceof SqliteWriterExitedError) return 'connection';
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
    if (primary !== undefined) return CLASS_BY_PRIMARY_CODE[primary] ?? 'unknown';
  }
  return error.message === CLOSED_MESSAGE ? 'connection' : 'unknown';
}
