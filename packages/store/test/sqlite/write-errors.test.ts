import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, StoreClosedError } from '../../src/index.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';
import { temporaryDatabasePerTest } from './sqlite-files.js';

describe('SQLite write errors', () => {
  let path = '';
  temporaryDatabasePerTest((fresh) => {
    path = fresh;
  });

  it('classifies a write blocked by another writer as contention', async () => {
    const store = openSqliteStore({ path, busyTimeoutMs: 0 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const span = makeSpan({
        project: 'p',
        traceId: traceId(1),
        spanId: spanId(1),
        name: 'n',
        service: 's',
        start: EPOCH,
        duration: 1n,
      });
      const failure = await store
        .write({ spans: [span], logs: [], metrics: [] })
        .catch((error: unknown) => error);
      expect((failure as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(store.classifyWriteError(failure)).toBe('contention');
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });

  it('classifies SQLite result codes', async () => {
    const store = openSqliteStore({ path });
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x UNIQUE)');
    db.exec('INSERT INTO t VALUES (1)');
    const unique = (() => {
      try {
        db.exec('INSERT INTO t VALUES (1)');
      } catch (error) {
        return error;
      }
    })();
    db.close();
    const cases: [unknown, string][] = [
      [unique, 'constraint'],
      [new Database.SqliteError('locked', 'SQLITE_LOCKED_SHAREDCACHE'), 'contention'],
      [new Database.SqliteError('busy', 'SQLITE_BUSY_SNAPSHOT'), 'contention'],
      [new Database.SqliteError('io', 'SQLITE_IOERR_WRITE'), 'connection'],
      [new Database.SqliteError('cannot open', 'SQLITE_CANTOPEN'), 'connection'],
      [new Database.SqliteError('read only', 'SQLITE_READONLY_DBMOVED'), 'connection'],
      [new Database.SqliteError('full', 'SQLITE_FULL'), 'connection'],
      [new Database.SqliteError('interrupted', 'SQLITE_INTERRUPT'), 'timeout'],
      [new Database.SqliteError('misuse', 'SQLITE_MISUSE'), 'unknown'],
      [new StoreClosedError('sqlite'), 'connection'],
      [new TypeError('The database connection is not open'), 'connection'],
      [new RangeError('The bound string, buffer, or bigint is too big'), 'unknown'],
      ['not an error', 'unknown'],
      [null, 'unknown'],
    ];
    for (const [error, expected] of cases)
      expect([error, store.classifyWriteError(error)]).toEqual([error, expected]);
    await store.close();
  });
});
