import type Database from 'better-sqlite3';
import { blamingQuery, ReadOnlySqlError } from './read-only-sql-error.js';

export type ReadOnlySqlParam = string | number | null;

/** The statement kinds that can be a query: one statement's first keyword decides its kind. */
const QUERY_KEYWORDS: readonly string[] = ['SELECT', 'WITH'];

/**
 * Table-valued functions that compute rows from their arguments and read nothing stored (they
 * take JSON apart, which the `body` columns are). Other eponymous virtual tables (the `pragma_*`
 * functions, `dbstat`) describe the database rather than hold Sextant's data, and are refused.
 */
const PURE_TABLE_FUNCTIONS = ['json_each', 'json_tree', 'jsonb_each', 'jsonb_tree'] as const;

/**
 * `sqlite_schema` lives at root page 1. It is readable: it only lists Sextant's own tables and
 * indexes with their `CREATE` statements, which is how a user finds the columns to query.
 */
const SCHEMA_TABLE = { rootPage: 1, name: 'sqlite_schema' } as const;

/** Whitespace and comments before a statement's first keyword. */
const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  rootpage: number | null;
  sql: string | null;
}

interface ProgramStep {
  opcode: string;
  p2: number;
  p3: number;
  p4: string | null;
}

function firstKeyword(sql: string): string {
  const rest = sql.slice(LEADING_NOISE.exec(sql)?.[0].length ?? 0);
  return /^[A-Za-z]+/.exec(rest)?.[0].toUpperCase() ?? '';
}

/**
 * SQLite's own tables (`sqlite_stat1`, `sqlite_sequence`…) and their indexes. The indexes SQLite
 * makes for the keys of Sextant's tables (`sqlite_autoindex_payloads_1`) are Sextant's.
 */
function isSqliteInternal(row: SchemaRow): boolean {
  return row.tbl_name.toLowerCase().startsWith('sqlite_');
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function explain(
  db: Database.Database,
  sql: string,
  params: readonly ReadOnlySqlParam[],
): Database.Statement {
  return db.prepare(`EXPLAIN ${sql}`).bind(...params);
}

/**
 * What the query may read: Sextant's tables and indexes by root page, and the virtual tables it
 * may open, known by the `vtab:<address>` that `EXPLAIN` shows for them. SQLite keeps one such
 * object per virtual table and connection, so a table shows one address in every program of the
 * connection; and a compiled statement holds the virtual tables it opens, so while it lives no
 * other can take their addresses.
 */
function readableObjects(db: Database.Database) {
  const schema = db
    .prepare('SELECT type, name, tbl_name, rootpage, sql FROM main.sqlite_schema')
    .all() as SchemaRow[];
  const pages = new Map<number, string>([[SCHEMA_TABLE.rootPage, SCHEMA_TABLE.name]]);
  const refusedPages = new Map<number, string>();
  const virtualTables: string[] = [...PURE_TABLE_FUNCTIONS];
  for (const row of schema) {
    if (row.rootpage) (isSqliteInternal(row) ? refusedPages : pages).set(row.rootpage, row.name);
    else if (row.type === 'table' && /^\s*CREATE\s+VIRTUAL\b/i.test(row.sql ?? '') && !isSqliteInternal(row))
      virtualTables.push(row.name);
  }
  const vtabs = new Set(
    virtualTables.flatMap((name) =>
      (explain(db, `SELECT * FROM ${quoted(name)}`, []).all() as ProgramStep[])
        .filter((step) => step.opcode === 'VOpen')
        .map((step) => step.p4),
    ),
  );
  return { pages, refusedPages, vtabs };
}

/** The refusal of one step of the compiled program, if it opens something the query may not read. */
function refusalOf(step: ProgramStep, readable: ReturnType<typeof readableObjects>): ReadOnlySqlError | null {
  switch (step.opcode) {
    case 'OpenWrite':
      return new ReadOnlySqlError('not-select', 'the statement writes');
    case 'OpenRead':
    case 'ReopenIdx': {
      if (step.p3 !== 0)
        return new ReadOnlySqlError('forbidden-object', 'only the main database can be read');
      if (readable.pages.has(step.p2)) return null;
      const name = readable.refusedPages.get(step.p2) ?? `root page ${step.p2}`;
      return new ReadOnlySqlError('forbidden-object', `${name} is not one of Sextant's tables`);
    }
    case 'VOpen':
      if (step.p4 !== null && readable.vtabs.has(step.p4)) return null;
      return new ReadOnlySqlError(
        'forbidden-object',
        `the statement reads a virtual table other than Sextant's own and ${PURE_TABLE_FUNCTIONS.join(', ')} (such as a pragma function or dbstat)`,
      );
    default:
      return null;
  }
}

function compile(db: Database.Database, sql: string): Database.Statement {
  try {
    return db.prepare(sql);
  } catch (error) {
    // better-sqlite3 refuses an SQL text of several statements, or of none, with a RangeError.
    if (error instanceof RangeError) throw new ReadOnlySqlError('not-select', error.message);
    throw blamingQuery(error);
  }
}

/**
 * Compiles `sql` with `params` bound, provided it is one statement that only reads Sextant's own
 * tables: a `SELECT` (or `WITH … SELECT`) that SQLite marks read-only and returning rows, whose
 * compiled program opens only Sextant's tables and indexes, `sqlite_schema`, Sextant's virtual
 * tables and the JSON table functions. Nothing runs: the caller steps the statement.
 * @throws ReadOnlySqlError (`invalid`, `not-select` or `forbidden-object`).
 */
export function prepareReadOnlyQuery(
  db: Database.Database,
  sql: string,
  params: readonly ReadOnlySqlParam[],
): Database.Statement {
  const statement = compile(db, sql);
  const keyword = firstKeyword(sql);
  if (!QUERY_KEYWORDS.includes(keyword)) {
    throw new ReadOnlySqlError(
      'not-select',
      `only one SELECT (or WITH … SELECT) statement can run, not ${keyword || 'this'}`,
    );
  }
  if (!statement.reader || !statement.readonly)
    throw new ReadOnlySqlError(
      'not-select',
      'only one SELECT (or WITH … SELECT) statement can run: this one writes',
    );
  let program: Database.Statement;
  try {
    statement.bind(...params);
    program = explain(db, sql, params);
  } catch (error) {
    throw blamingQuery(error);
  }
  // Probed while the statement's program lives (see readableObjects).
  const readable = readableObjects(db);
  for (const step of program.all() as ProgramStep[]) {
    const refusal = refusalOf(step, readable);
    if (refusal) throw refusal;
  }
  return statement;
}
