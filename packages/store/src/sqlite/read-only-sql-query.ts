import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { prepareReadOnlyQuery, type ReadOnlySqlParam } from './read-only-sql-check.js';
import { blamingQuery } from './read-only-sql-error.js';

/** A value as answered: plain JSON. */
export type ReadOnlySqlValue = string | number | null;

export interface ReadOnlySqlRequest {
  sql: string;
  /** Bound to the statement's `?` parameters, in order. */
  params: readonly ReadOnlySqlParam[];
  /** Rows answered at most; more make the answer `truncated`. */
  limit: number;
}

export interface ReadOnlySqlResult {
  columns: string[];
  rows: ReadOnlySqlValue[][];
  /** The query had more rows than the limit. */
  truncated: boolean;
  /** Time spent compiling, checking and running the query, in milliseconds. */
  elapsedMs: number;
}

/**
 * Integers exactly: as numbers up to 2^53, as decimal strings beyond. Blobs as lower-case hex;
 * infinite reals (SQLite has no NaN) as `"Infinity"` / `"-Infinity"`, which JSON cannot carry.
 */
function jsonValue(value: unknown): ReadOnlySqlValue {
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value as ReadOnlySqlValue;
}

/**
 * Checks and runs one query on `db` (a read-only connection), reading at most one row past the
 * limit. The statement is its own read transaction: every row comes from one state of the file.
 * @throws ReadOnlySqlError for a query refused or failing by its own fault.
 */
export function runReadOnlySql(db: Database.Database, request: ReadOnlySqlRequest): ReadOnlySqlResult {
  const started = performance.now();
  const statement = prepareReadOnlyQuery(db, request.sql, request.params);
  const rows: ReadOnlySqlValue[][] = [];
  let truncated = false;
  try {
    for (const row of statement.raw(true).safeIntegers(true).iterate() as Iterable<unknown[]>) {
      if (rows.length === request.limit) {
        truncated = true;
        break;
      }
      rows.push(row.map(jsonValue));
    }
  } catch (error) {
    throw blamingQuery(error);
  }
  return {
    columns: statement.columns().map((column) => column.name),
    rows,
    truncated,
    elapsedMs: Math.round((performance.now() - started) * 1000) / 1000,
  };
}
