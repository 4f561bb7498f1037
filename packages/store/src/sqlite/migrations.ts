import type Database from 'better-sqlite3';
import { MIGRATIONS, type MigrationStep } from './schema.js';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings the database to `SCHEMA_VERSION`: every step newer than the file's `user_version` runs,
 * in order, in one transaction with the version bump, so a crash leaves the old version whole.
 * A file from a newer Sextant is refused rather than written with an older schema.
 */
export function migrate(db: Database.Database, steps: readonly MigrationStep[] = MIGRATIONS): void {
  const apply = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    const latest = steps[steps.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema version ${current} is newer than this Sextant's (${latest})`);
    }
    for (const step of steps) {
      if (step.version <= current) continue;
      db.exec(step.sql);
      // The version must be a literal here: PRAGMA takes no bound parameter.
      db.pragma(`user_version = ${Math.trunc(step.version)}`);
    }
  });
  apply.immediate();
}
