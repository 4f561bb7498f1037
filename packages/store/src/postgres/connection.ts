import pg from 'pg';

/** How a PostgreSQL store connects. */
export interface PostgresConnectionOptions {
  /** A connection URL, `postgres://user:password@host:port/database`. */
  url: string;
  /** Connections the pool may open (default 10). */
  maxConnections?: number | undefined;
  /** A statement still running after this long is cancelled, and fails as a timeout (default 30 000). */
  statementTimeoutMs?: number | undefined;
  /** How long getting a connection may take before failing as a connection failure (default 5000). */
  connectTimeoutMs?: number | undefined;
}

const INT8 = 20;
const INT8_ARRAY = 1016;

const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]);

/** Times are int64 nanoseconds, and counts may pass 2^53: every bigint is read as a BigInt. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === INT8_ARRAY) {
      return (text: string) => (parseInt8Array(text) as string[]).map((item) => BigInt(item));
    }
    return pg.types.getTypeParser(oid as Parameters<typeof pg.types.getTypeParser>[0], format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function openPool(options: PostgresConnectionOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    application_name: 'sextant',
    types: TYPES,
  });
  // An idle connection the server drops (a restart, a failover) must not crash the process: the
  // pool discards it, and the next query opens a new one.
  pool.on('error', () => {});
  return pool;
}

/** Something queries run on: the pool (one statement, autocommitted) or a client in a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

/** Every row as an array, in the order of the statement's columns. */
export async function rows<Row extends unknown[]>(
  on: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  const result = await on.query<Row>({ text, values: values as unknown[], rowMode: 'array' });
  return result.rows;
}

/** Runs a writing statement; how many rows it changed. */
export async function run(on: Queryable, text: string, values: readonly unknown[] = []): Promise<number> {
  const result = await on.query({ text, values: values as unknown[] });
  return result.rowCount ?? 0;
}

/**
 * Runs `work` in a transaction on a connection of its own, committing what it did, or rolling it
 * all back when it throws. A connection that failed is discarded rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client, breaks) => {
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(breaks);
      throw error;
    }
  });
}

/**
 * Runs `work` on a connection of its own. A connection the server drops while it is checked out
 * (between two queries of a transaction) emits an error that nothing else listens to, which would
 * crash the process: it is kept here instead, and the connection discarded rather than returned
 * to the pool. `breaks` marks the connection as unfit for reuse.
 */
export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, breaks: (error: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const breaks = (error: Error) => {
    broken ??= error;
  };
  client.on('error', breaks);
  try {
    return await work(client, breaks);
  } finally {
    client.off('error', breaks);
    client.release(broken);
  }
}

/**
 * SQL written with `?` for each parameter (as `WhereClause` builds it) in PostgreSQL's numbered
 * form. The statements of this backend use no operator spelled with a `?`.
 */
export function positional(sql: string): string {
  let next = 0;
  return sql.replace(/\?/g, () => `$${++next}`);
}
