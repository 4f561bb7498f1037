import Database from 'better-sqlite3';

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
