import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { temporaryDirectory } from '../contract/backends.js';

/** A second, read-only connection, to look at what a store left in its file. */
export function inspect<T>(path: string, look: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

export function countRows(path: string, table: string): number {
  return inspect(path, (db) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
}

/**
 * Gives each test of the enclosing suite a fresh database path (through `setPath`) in a temporary
 * directory that is removed after the test.
 */
export function temporaryDatabasePerTest(setPath: (path: string) => void): void {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
    setPath(join(directory.dir, 'sextant.db'));
  });
  afterEach(() => directory.remove());
}
