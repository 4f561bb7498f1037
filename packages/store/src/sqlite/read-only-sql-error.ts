import Database from 'better-sqlite3';

/**
 * Why a read-only SQL query was refused or stopped:
 * - `invalid`: SQLite cannot compile or run it (syntax, unknown table or column, wrong number of
 *   parameters, a function's error such as `load_extension`'s "not authorized");
 * - `not-select`: it is not exactly one statement that only reads (a write, DDL, `ATTACH`,
 *   `DETACH`, `PRAGMA`, `VACUUM`, a transaction, `EXPLAIN`, several statements, none);
 * - `forbidden-object`: it reads something other than Sextant's own tables and indexes;
 * - `timeout`: it ran past the time limit and was stopped;
 * - `busy`: too many queries are already waiting for their turn.
 */
export type ReadOnlySqlRefusal = 'invalid' | 'not-select' | 'forbidden-object' | 'timeout' | 'busy';

/** A query the read-only SQL runner did not answer, and why; nothing was changed. */
export class ReadOnlySqlError extends Error {
  override readonly name = 'ReadOnlySqlError';
  constructor(
    readonly reason: ReadOnlySqlRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * SQLite result codes that blame the statement (its SQL, its arguments, a function it called)
 * rather than the database file or the machine.
 */
const STATEMENT_FAULTS = ['SQLITE_ERROR', 'SQLITE_TOOBIG', 'SQLITE_RANGE', 'SQLITE_MISMATCH'] as const;

/**
 * An error of compiling, binding or running a query, as an `invalid` refusal when the query is to
 * blame: SQLite's statement faults, and better-sqlite3's RangeError or TypeError for parameters
 * that do not fit. Any other error (a damaged file, no memory) is returned as it is.
 */
export function blamingQuery(error: unknown): unknown {
  if (error instanceof RangeError || error instanceof TypeError)
    return new ReadOnlySqlError('invalid', error.message);
  if (!(error instanceof Database.SqliteError)) return error;
  const { code } = error;
  const blamed = STATEMENT_FAULTS.some((fault) => code === fault || code.startsWith(`${fault}_`));
  return blamed ? new ReadOnlySqlError('invalid', error.message) : error;
}
