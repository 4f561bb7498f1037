import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, type WriteBatch } from '../../src/index.js';
import { migrate } from '../../src/sqlite/migrations.js';
import { RowEncoder } from '../../src/sqlite/row-encoder.js';
import { ThreadWriter, writerThreadScript } from '../../src/sqlite/thread-writer.js';
import { classifySqliteError } from '../../src/sqlite/write-errors.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';
import { temporaryDatabasePerTest } from './sqlite-files.js';

function batchOf(trace: number, spans: number, name = 'step'): WriteBatch {
  return {
    spans: Array.from({ length: spans }, (_, index) =>
      makeSpan({
        project: 'p',
        traceId: traceId(trace),
        spanId: spanId(index + 1),
        ...(index === 0 ? {} : { parentSpanId: spanId(1) }),
        name,
        service: 'agent',
        start: EPOCH + BigInt(index),
        duration: 10n,
      }),
    ),
    logs: [],
    metrics: [],
  };
}

describe('SQLite writer thread', () => {
  let path = '';
  temporaryDatabasePerTest((fresh) => {
    path = fresh;
  });

  it('applies concurrent writes in the order of the calls', async () => {
    const store = openSqliteStore({ path });
    const first = store.write(batchOf(1, 3, 'first'));
    const second = store.write(batchOf(1, 3, 'second'));
    const third = store.write(batchOf(2, 2));
    expect((await Promise.all([first, second, third])).map((result) => result.spansWritten)).toEqual([
      3, 0, 2,
    ]);
    const stored = await store.getTrace({ project: 'p', traceId: traceId(1) });
    expect(stored?.spans.map((span) => span.name)).toEqual(['first', 'first', 'first']);
    await store.close();
  });

  it('closes after the writes under way, leaving the file whole and the WAL empty', async () => {
    const store = openSqliteStore({ path });
    const writes = Array.from({ length: 20 }, (_, index) => store.write(batchOf(index + 1, 5)));
    await store.close();
    expect((await Promise.all(writes)).every((result) => result.spansWritten === 5)).toBe(true);
    expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true);
    const reopened = openSqliteStore({ path });
    expect(await reopened.counts({ project: 'p' })).toEqual({ traces: 20, spans: 100, logs: 0, metrics: 0 });
    await reopened.close();
  });

  it('fails the writes of a thread that died as connection failures, and starts a new one', async () => {
    // The thread cannot open a file in a directory that does not exist yet, and dies.
    const dir = join(dirname(path), 'later');
    const options = { path: join(dir, 'sextant.db'), synchronous: 'normal' as const, busyTimeoutMs: 1000 };
    const writer = new ThreadWriter(options);
    const encoder = new RowEncoder(2048);
    const failure = await writer
      .apply(encoder.encode(batchOf(1, 2)).encoded)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/writer thread exited/);
    expect(classifySqliteError(failure)).toBe('connection');

    mkdirSync(dir);
    const db = new Database(options.path);
    migrate(db);
    db.close();
    expect(await writer.apply(encoder.encode(batchOf(1, 2)).encoded)).toEqual({
      spansWritten: 2,
      logsWritten: 0,
      metricsWritten: 0,
    });
    await writer.close();
  });

  it('carries SQLite errors across with their code', async () => {
    const store = openSqliteStore({ path });
    const bad = batchOf(1, 1);
    const failure = await store
      .write({ ...bad, spans: [{ ...bad.spans[0]!, kind: Number.NaN as 0 }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Database.SqliteError);
    expect((failure as { code: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(store.classifyWriteError(failure)).toBe('constraint');
    await store.close();
  });

  it('finds the built script of the thread, and says what to do when it is missing', () => {
    expect(writerThreadScript()).toMatch(/dist[/\\]sqlite[/\\]writer-thread\.js$/);
    expect(() => writerThreadScript('@sextant/store/no-such-script')).toThrow(/not built: run `npx tsc -b`/);
  });

  it('refuses a writer mode it does not know, and a thread on a memory database', () => {
    expect(() => openSqliteStore({ path, writer: 'async' as 'inline' })).toThrow(RangeError);
    expect(() => openSqliteStore({ path: ':memory:' })).toThrow(RangeError);
  });
});
