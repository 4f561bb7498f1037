import { MAX_WAITING_QUERIES } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/errors.js';
import { MAX_SQL_LENGTH } from '../../src/routes/sql-api.js';
import { jsonSpan, jsonTraceRequest } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A query that returns no row for a very long time: one step of SQLite, uninterruptible. */
const RUNAWAY =
  'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n, n AS m';

function postSql(server: TestServer, body: unknown) {
  return server.app.inject({ method: 'POST', url: '/api/sql', payload: body as object });
}

describe('POST /api/sql', () => {
  let server: TestServer;

  /** Every table's row count and every object's name, read through the endpoint itself. */
  async function databaseState() {
    const objects = await postSql(server, { sql: 'SELECT type, name FROM sqlite_schema ORDER BY name' });
    const counts = await postSql(server, {
      sql: 'SELECT (SELECT count(*) FROM spans), (SELECT count(*) FROM traces), (SELECT count(*) FROM payloads)',
    });
    return { objects: objects.json().rows, counts: counts.json().rows };
  }

  beforeAll(async () => {
    server = await startTestServer((config) => {
      config.sql = { enabled: true, timeoutMs: 1000, maxRows: 5 };
    });
    const spans = ['plan', 'search', 'answer'].map((name, index) =>
      jsonSpan({ name, startTimeUnixNano: `${1_700_000_000_000_000_000n + BigInt(index)}` }),
    );
    const ingest = await server.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(jsonTraceRequest(spans, 'agent')),
    });
    expect(ingest.statusCode).toBe(200);
  });
  afterAll(() => server.stop());

  it('answers a SELECT with its parameters: columns, rows, truncated and time', async () => {
    const response = await postSql(server, {
      sql: 'SELECT name, start_ns FROM spans WHERE service = ? AND name <> ? ORDER BY start_ns',
      params: ['agent', 'search'],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      columns: ['name', 'start_ns'],
      rows: [
        ['plan', '1700000000000000000'],
        ['answer', '1700000000000000002'],
      ],
      truncated: false,
    });
    expect(typeof body.elapsedMs).toBe('number');
  });

  it('answers at most the limit, and the configured maximum by default', async () => {
    const limited = (
      await postSql(server, { sql: 'SELECT name FROM spans ORDER BY start_ns', limit: 2 })
    ).json();
    expect(limited).toMatchObject({ rows: [['plan'], ['search']], truncated: true });
    const series =
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 9) SELECT x FROM n';
    const byDefault = (await postSql(server, { sql: series })).json();
    expect(byDefault.rows).toEqual([[1], [2], [3], [4], [5]]);
    expect(byDefault.truncated).toBe(true);
  });

  it.each<[string, unknown, ErrorCode, RegExp]>([
    [
      'an INSERT',
      { sql: "INSERT INTO payloads (project, hash, text) VALUES ('default', 'h', 't')" },
      'SEXTANT_ERR_SQL_NOT_SELECT',
      /INSERT/,
    ],
    ['an UPDATE', { sql: "UPDATE spans SET name = 'x'" }, 'SEXTANT_ERR_SQL_NOT_SELECT', /UPDATE/],
    ['a DELETE', { sql: 'DELETE FROM traces' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /DELETE/],
    ['a DROP', { sql: 'DROP TABLE spans' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /DROP/],
    ['a CREATE', { sql: 'CREATE TABLE mine (x)' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /CREATE/],
    [
      'an ATTACH',
      { sql: "ATTACH '/tmp/sextant-sql-attach.db' AS x" },
      'SEXTANT_ERR_SQL_NOT_SELECT',
      /ATTACH/,
    ],
    ['a DETACH', { sql: 'DETACH x' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /DETACH/],
    ['a PRAGMA write', { sql: 'PRAGMA user_version = 7' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /PRAGMA/],
    ['a PRAGMA read', { sql: 'PRAGMA journal_mode' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /PRAGMA/],
    [
      'a write behind WITH',
      { sql: 'WITH t AS (SELECT 1) DELETE FROM spans' },
      'SEXTANT_ERR_SQL_NOT_SELECT',
      /writes/,
    ],
    ['two statements', { sql: 'SELECT 1; DROP TABLE spans' }, 'SEXTANT_ERR_SQL_NOT_SELECT', /more than one/],
    [
      'load_extension',
      { sql: "SELECT load_extension('/tmp/x.so')" },
      'SEXTANT_ERR_SQL_INVALID',
      /not authorized/,
    ],
    ['a syntax error', { sql: 'SELECT FROM WHERE' }, 'SEXTANT_ERR_SQL_INVALID', /syntax error/],
    ['an unknown table', { sql: 'SELECT * FROM users' }, 'SEXTANT_ERR_SQL_INVALID', /no such table/],
    ['missing parameters', { sql: 'SELECT ? + ?', params: [1] }, 'SEXTANT_ERR_SQL_INVALID', /Too few/],
    [
      'a pragma function',
      { sql: "SELECT * FROM pragma_table_info('spans')" },
      'SEXTANT_ERR_SQL_FORBIDDEN_OBJECT',
      /pragma/,
    ],
    [
      'the temp schema',
      { sql: 'SELECT * FROM temp.sqlite_schema' },
      'SEXTANT_ERR_SQL_FORBIDDEN_OBJECT',
      /main/,
    ],
    [
      'over-long SQL',
      { sql: `SELECT 1 ${' '.repeat(MAX_SQL_LENGTH)}` },
      'SEXTANT_ERR_INVALID_REQUEST',
      /sql/,
    ],
    ['empty SQL', { sql: '' }, 'SEXTANT_ERR_INVALID_REQUEST', /sql/],
    ['a limit over the maximum', { sql: 'SELECT 1', limit: 6 }, 'SEXTANT_ERR_INVALID_REQUEST', /limit/],
    ['an object parameter', { sql: 'SELECT ?', params: [{ a: 1 }] }, 'SEXTANT_ERR_INVALID_REQUEST', /params/],
    [
      'an unknown field',
      { sql: 'SELECT 1', project: 'default' },
      'SEXTANT_ERR_INVALID_REQUEST',
      /additional/,
    ],
  ])('refuses %s with a precise 400, changing nothing', async (_what, body, code, message) => {
    const before = await databaseState();
    const response = await postSql(server, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(message);
    expect(await databaseState()).toEqual(before);
  });

  it('stops a runaway query at the time limit while the server keeps answering', async () => {
    const answered: string[] = [];
    const runaway = fetch(`${server.url}/api/sql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql: RUNAWAY }),
    }).then(async (response) => {
      answered.push('sql');
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    });
    // Sent after the query started, answered before it is stopped.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await fetch(`${server.url}/healthz`);
    answered.push('healthz');
    expect(health.status).toBe(200);
    const { status, body } = await runaway;
    expect(status).toBe(400);
    expect(body.error.code).toBe('SEXTANT_ERR_SQL_TIMEOUT');
    expect(answered).toEqual(['healthz', 'sql']);
    expect((await postSql(server, { sql: 'SELECT count(*) FROM spans' })).json().rows).toEqual([[3]]);
  });

  it(`answers 429 with Retry-After when ${MAX_WAITING_QUERIES} queries wait behind a running one`, async () => {
    const running = postSql(server, { sql: RUNAWAY });
    const waiting = Array.from({ length: MAX_WAITING_QUERIES }, () => postSql(server, { sql: 'SELECT 1' }));
    // The first one runs: let the others reach the queue before one more arrives.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await postSql(server, { sql: 'SELECT 1' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('SEXTANT_ERR_SQL_BUSY');
    expect(refused.headers['retry-after']).toBe('1');
    expect((await running).json().error.code).toBe('SEXTANT_ERR_SQL_TIMEOUT');
    for (const response of await Promise.all(waiting)) expect(response.statusCode).toBe(200);
  });
});

describe('POST /api/sql when it is not available', () => {
  it('answers 403 while the endpoint is off (the default), whatever the body', async () => {
    const server = await startTestServer();
    try {
      for (const body of [{ sql: 'SELECT 1' }, { nonsense: true }]) {
        const response = await postSql(server, body);
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('SEXTANT_ERR_SQL_DISABLED');
      }
    } finally {
      await server.stop();
    }
  });

  it('answers 404 on a store that is not SQLite', async () => {
    const server = await startTestServer((config) => {
      config.store.driver = 'memory';
      config.sql.enabled = true;
    });
    try {
      const response = await postSql(server, { sql: 'SELECT 1' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('SEXTANT_ERR_SQL_UNAVAILABLE');
    } finally {
      await server.stop();
    }
  });
});
