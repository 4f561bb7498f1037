import type pg from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresMigrationStep } from './schema.js';

/** The schema version this code reads and writes. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;

/** The key of the advisory lock that instances starting at once take turns on. */
const MIGRATION_LOCK = 0x5e7a47;

/**
 * Brings the database to the latest version, in one transaction: every step newer than the
 * recorded version runs in order, with its record, so a failure leaves the old version whole.
 * Instances starting at once wait on an advisory lock, and the later ones find the work done. A
 * database from a newer Sextant is refused rather than written with an older schema.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  steps: readonly PostgresMigrationStep[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS sextant_migrations (version integer PRIMARY KEY, ' +
        'description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM sextant_migrations',
    );
    const current = rows[0]?.version ?? 0;
    const latest = steps[steps.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema version ${current} is newer than this Sextant's (${latest})`);
    }
    for (const step of steps) {
      if (step.version <= current) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO sextant_migrations (version, description) VALUES ($1, $2)', [
        step.version,
        step.description,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
