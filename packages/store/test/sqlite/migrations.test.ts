import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, SCHEMA_VERSION } from '../../src/index.js';
import { migrate } from '../../src/sqlite/migrations.js';
import { MIGRATIONS } from '../../src/sqlite/schema.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';
import { inspect, temporaryDatabasePerTest } from './sqlite-files.js';

/** A full-text index's table and its shadow tables. */
function fullTextIndex(name: string): string[] {
  return ['', '_config', '_data', '_docsize', '_idx'].map((suffix) => `${name}${suffix}`);
}

/** Every table, the full-text indexes' own shadow tables included. */
const TABLES = [
  'annotation_tags',
  ...fullTextIndex('annotation_words'),
  'annotations',
  ...fullTextIndex('log_words'),
  'logs',
  'metric_points',
  ...fullTextIndex('metric_terms'),
  'payloads',
  'resources',
  'scopes',
  'span_hours',
  'span_minutes',
  ...fullTextIndex('span_terms'),
  ...fullTextIndex('span_words'),
  'spans',
  'trace_links',
  'traces',
];

function tablesOf(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

describe('SQLite schema migrations', () => {
  let path = '';
  temporaryDatabasePerTest((fresh) => {
    path = fresh;
  });

  it('creates every table in an empty file, in WAL mode, at the latest version', async () => {
    await openSqliteStore({ path }).close();
    inspect(path, (db) => {
      expect(tablesOf(db)).toEqual(TABLES);
      expect(userVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    });
  });

  it('re-opens an existing file without migrating it again, keeping its data', async () => {
    const span = makeSpan({
      project: 'p',
      traceId: traceId(1),
      spanId: spanId(1),
      name: 'n',
      service: 's',
      start: EPOCH,
      duration: 5n,
    });
    const first = openSqliteStore({ path });
    await first.write({ spans: [span], logs: [], metrics: [] });
    await first.close();
    const second = openSqliteStore({ path, synchronous: 'full' });
    expect((await second.getTrace({ project: 'p', traceId: traceId(1) }))?.spans).toEqual([span]);
    await second.close();
    inspect(path, (db) => expect(userVersion(db)).toBe(SCHEMA_VERSION));
  });

  it('applies only the steps a file lacks, in order', () => {
    const db = new Database(path);
    try {
      migrate(db);
      const later = [
        ...MIGRATIONS,
        { version: SCHEMA_VERSION + 1, description: 'a', sql: 'CREATE TABLE later_a (x INTEGER)' },
        { version: SCHEMA_VERSION + 2, description: 'b', sql: 'ALTER TABLE later_a ADD COLUMN y TEXT' },
      ];
      migrate(db, later);
      expect(userVersion(db)).toBe(SCHEMA_VERSION + 2);
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('later_a')).toEqual(['x', 'y']);
      migrate(db, later);
      expect(userVersion(db)).toBe(SCHEMA_VERSION + 2);
    } finally {
      db.close();
    }
  });

  it('leaves the file as it was when a step fails', () => {
    const db = new Database(path);
    try {
      migrate(db);
      const broken = [
        ...MIGRATIONS,
        { version: SCHEMA_VERSION + 1, description: 'fine', sql: 'CREATE TABLE fine (x)' },
        {
          version: SCHEMA_VERSION + 2,
          description: 'broken',
          sql: 'CREATE TABLE broken (x); NOT SQL AT ALL',
        },
      ];
      expect(() => migrate(db, broken)).toThrow();
      expect(userVersion(db)).toBe(SCHEMA_VERSION);
      expect(tablesOf(db)).toEqual(TABLES);
    } finally {
      db.close();
    }
  });

  it('refuses a file written by a newer schema', async () => {
    await openSqliteStore({ path }).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(/newer/);
  });

  it('refuses a file that is not a database, as a connection failure', () => {
    writeFileSync(path, 'this is not a database, just text long enough to look like a header');
    let failure: unknown;
    try {
      openSqliteStore({ path });
    } catch (error) {
      failure = error;
    }
    const probe = openSqliteStore({ path: ':memory:', writer: 'inline' });
    expect(probe.classifyWriteError(failure)).toBe('connection');
    void probe.close();
  });

  it('refuses a bad payload threshold', () => {
    expect(() => openSqliteStore({ path, payloadThresholdBytes: 0 })).toThrow(RangeError);
  });
});
