import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_WAITING_QUERIES,
  openReadOnlySql,
  openSqliteStore,
  type ReadOnlySql,
  ReadOnlySqlError,
  type ReadOnlySqlRefusal,
  type Store,
} from '../../src/index.js';
import { temporaryDirectory } from '../contract/backends.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';
import { inspect, temporaryDatabasePerTest } from './sqlite-files.js';

/** Counts every row and lists every object, to show that a refused query changed nothing. */
function snapshotOf(path: string) {
  return inspect(path, (db) => {
    const objects = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() as {
      name: string;
    }[];
    const tables = objects.filter((o) => !o.name.startsWith('sqlite_'));
    return {
      objects,
      userVersion: db.pragma('user_version', { simple: true }),
      rows: tables.map(({ name }) => {
        try {
          return db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get();
        } catch {
          return 'index'; // an index is no table to count
        }
      }),
    };
  });
}

async function refusalOf(run: Promise<unknown>): Promise<ReadOnlySqlError> {
  const error = await run.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ReadOnlySqlError);
  return error as ReadOnlySqlError;
}

/** A query that returns no row for a very long time: one step of SQLite, uninterruptible. */
const RUNAWAY =
  'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n, n AS m';

describe('read-only SQL on a SQLite store', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  let path = '';
  let store: Store;
  let sql: ReadOnlySql;

  beforeAll(async () => {
    directory = temporaryDirectory();
    path = join(directory.dir, 'sextant.db');
    store = openSqliteStore({ path });
    await store.write({
      spans: [1, 2, 3].map((n) =>
        makeSpan({
          project: n === 3 ? 'other' : 'p',
          traceId: traceId(n),
          spanId: spanId(n),
          name: `step ${n}`,
          service: 'agent',
          start: EPOCH + BigInt(n),
          duration: 10n,
        }),
      ),
      logs: [],
      metrics: [],
    });
    sql = openReadOnlySql({ path, timeoutMs: 10_000, maxRows: 100 });
  });
  afterAll(async () => {
    await sql.close();
    await store.close();
    directory.remove();
  });

  it('answers a SELECT with its parameters, columns and rows, over every project', async () => {
    const result = await sql.run(
      'SELECT project, name, start_ns FROM spans WHERE service = ? ORDER BY start_ns',
      ['agent'],
    );
    expect(result.columns).toEqual(['project', 'name', 'start_ns']);
    expect(result.rows).toEqual([
      ['p', 'step 1', String(EPOCH + 1n)],
      ['p', 'step 2', String(EPOCH + 2n)],
      ['other', 'step 3', String(EPOCH + 3n)],
    ]);
    expect(result.truncated).toBe(false);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('answers at most the limit, saying the rows were truncated', async () => {
    const two = await sql.run('SELECT trace_id FROM traces ORDER BY trace_id', [], 2);
    expect(two.rows).toEqual([[traceId(1)], [traceId(2)]]);
    expect(two.truncated).toBe(true);
    const all = await sql.run('SELECT trace_id FROM traces', [], 3);
    expect(all.truncated).toBe(false);
  });

  it('answers integers past 2^53 as strings, blobs as hex and infinities by name', async () => {
    const { rows } = await sql.run(
      "SELECT 9007199254740991, 9007199254740993, x'00ff', 1e999, -1e999, 0.5, NULL",
    );
    expect(rows).toEqual([
      [9007199254740991, '9007199254740993', '00ff', 'Infinity', '-Infinity', 0.5, null],
    ]);
  });

  it('reads sqlite_schema, the indexes SQLite names, Sextant virtual tables and JSON table functions', async () => {
    const tables = await sql.run("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?", [
      'spans',
    ]);
    expect(tables.rows).toEqual([['spans']]);
    // (project, hash) is served by sqlite_autoindex_payloads_1.
    const payload = await sql.run('SELECT count(*) FROM payloads WHERE project = ? AND hash = ?', ['p', 'h']);
    expect(payload.rows).toEqual([[0]]);
    const json = await sql.run("SELECT value FROM json_each('[1, 2]') ORDER BY value");
    expect(json.rows).toEqual([[1], [2]]);

    const db = new Database(path);
    db.exec(
      "CREATE VIRTUAL TABLE notes_text USING fts5(body); INSERT INTO notes_text VALUES ('a slow agent run');",
    );
    db.close();
    const found = await sql.run('SELECT body FROM notes_text WHERE notes_text MATCH ?', ['slow']);
    expect(found.rows).toEqual([['a slow agent run']]);
  });

  it.each<[string, ReadOnlySqlRefusal, RegExp]>([
    ["INSERT INTO payloads (project, hash, text) VALUES ('p', 'h', 't')", 'not-select', /not INSERT/],
    ["UPDATE spans SET name = 'x'", 'not-select', /not UPDATE/],
    ['DELETE FROM spans', 'not-select', /not DELETE/],
    ['DROP TABLE spans', 'not-select', /not DROP/],
    ['CREATE TABLE extra (x)', 'not-select', /not CREATE/],
    ['CREATE TEMP TABLE extra AS SELECT * FROM spans', 'not-select', /not CREATE/],
    ['DETACH main', 'not-select', /not DETACH/],
    ['PRAGMA user_version = 99', 'not-select', /not PRAGMA/],
    ['PRAGMA table_info(spans)', 'not-select', /not PRAGMA/],
    ['VACUUM', 'not-select', /not VACUUM/],
    ['BEGIN IMMEDIATE', 'not-select', /not BEGIN/],
    ['EXPLAIN SELECT * FROM spans', 'not-select', /not EXPLAIN/],
    ['/* hidden */ -- still\nDELETE FROM spans', 'not-select', /not DELETE/],
    ['WITH doomed AS (SELECT trace_key FROM traces) DELETE FROM spans', 'not-select', /this one writes/],
    ['SELECT 1; DELETE FROM spans', 'not-select', /more than one statement/],
    ['  -- nothing', 'not-select', /no statements/],
    ["SELECT load_extension('/tmp/evil.so')", 'invalid', /not authorized/],
    ['SELEC name FROM spans', 'invalid', /syntax error/],
    ['SELECT * FROM no_such_table', 'invalid', /no such table/],
    ["SELECT json_extract('{', '$')", 'invalid', /malformed JSON/],
    ['SELECT * FROM temp.sqlite_schema', 'forbidden-object', /main database/],
    [
      "SELECT * FROM pragma_table_info('spans')",
      'forbidden-object',
      /virtual table other than Sextant's own/,
    ],
    ['SELECT * FROM dbstat', 'forbidden-object', /virtual table other than Sextant's own/],
  ])('refuses %j as %s, changing nothing', async (text, reason, message) => {
    const before = snapshotOf(path);
    const error = await refusalOf(sql.run(text));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(snapshotOf(path)).toEqual(before);
  });

  it('refuses ATTACH, creating no file', async () => {
    const elsewhere = join(directory.dir, 'elsewhere.db');
    const error = await refusalOf(sql.run(`ATTACH '${elsewhere}' AS elsewhere`));
    expect(error.reason).toBe('not-select');
    expect(error.message).toMatch(/not ATTACH/);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it("refuses SQLite's own tables other than sqlite_schema", async () => {
    const db = new Database(path);
    db.exec('ANALYZE');
    db.close();
    const error = await refusalOf(sql.run('SELECT * FROM spans WHERE EXISTS (SELECT 1 FROM sqlite_stat1)'));
    expect(error.reason).toBe('forbidden-object');
    expect(error.message).toMatch(/sqlite_stat1 is not one of Sextant's tables/);
  });

  it('refuses parameters that do not fit the statement', async () => {
    expect((await refusalOf(sql.run('SELECT ?', []))).message).toMatch(/Too few parameter/);
    expect((await refusalOf(sql.run('SELECT ?', [1, 2]))).message).toMatch(/Too many parameter/);
    expect((await refusalOf(sql.run('SELECT :name', ['x']))).reason).toBe('invalid');
  });

  it('refuses a limit outside 1 to maxRows, and bad options', async () => {
    await expect(sql.run('SELECT 1', [], 0)).rejects.toThrow(RangeError);
    await expect(sql.run('SELECT 1', [], 101)).rejects.toThrow(RangeError);
    expect(() => openReadOnlySql({ path, timeoutMs: 0, maxRows: 1 })).toThrow(/timeoutMs/);
    expect(() => openReadOnlySql({ path, timeoutMs: 1, maxRows: 1.5 })).toThrow(/maxRows/);
    expect(() =>
      openReadOnlySql({ path: join(dirname(path), 'missing.db'), timeoutMs: 1, maxRows: 1 }),
    ).toThrow(/no SQLite database/);
  });
});

describe('read-only SQL time limit', () => {
  let path = '';
  temporaryDatabasePerTest((fresh) => {
    path = fresh;
  });

  it('stops a query that runs past it, keeps the caller free meanwhile, and answers the next', async () => {
    const store = openSqliteStore({ path });
    const sql = openReadOnlySql({ path, timeoutMs: 500, maxRows: 10 });
    const events: string[] = [];
    const runaway = refusalOf(sql.run(RUNAWAY)).then((error) => {
      events.push('runaway stopped');
      return error;
    });
    const waiting = sql.run('SELECT count(*) FROM spans').then((result) => {
      events.push('next answered');
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    events.push('caller free');
    const error = await runaway;
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/500 ms time limit/);
    expect((await waiting).rows).toEqual([[0]]);
    expect(events).toEqual(['caller free', 'runaway stopped', 'next answered']);
    await sql.close();
    await store.close();
  });

  it(`refuses a query when ${MAX_WAITING_QUERIES} wait, and refuses the waiting ones on close`, async () => {
    const store = openSqliteStore({ path });
    const sql = openReadOnlySql({ path, timeoutMs: 60_000, maxRows: 10 });
    const running = sql.run(RUNAWAY).catch((error: unknown) => error);
    const waiting = Array.from({ length: MAX_WAITING_QUERIES }, () =>
      sql.run('SELECT 1').catch((error: unknown) => error),
    );
    expect((await refusalOf(sql.run('SELECT 1'))).reason).toBe('busy');
    await sql.close();
    for (const outcome of [await running, ...(await Promise.all(waiting))]) {
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(/closed/);
    }
    await expect(sql.run('SELECT 1')).rejects.toThrow(/closed/);
    await store.close();
  });
});
