export * from './analytics.js';
export * from './annotations.js';
export * from './errors.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory/store.js';
export { POSTGRES_SCHEMA_VERSION } from './postgres/migrations.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/store.js';
export * from './query/page-limit.js';
export * from './query/span-conditions.js';
export * from './query/trace-order.js';
export * from './query/trace-page.js';
export * from './rollup/trace-rollup.js';
export { SCHEMA_VERSION } from './sqlite/migrations.js';
export {
  MAX_WAITING_QUERIES,
  openReadOnlySql,
  type ReadOnlySql,
  type ReadOnlySqlOptions,
} from './sqlite/read-only-sql.js';
export type { ReadOnlySqlParam } from './sqlite/read-only-sql-check.js';
export { ReadOnlySqlError, type ReadOnlySqlRefusal } from './sqlite/read-only-sql-error.js';
export type { ReadOnlySqlResult, ReadOnlySqlValue } from './sqlite/read-only-sql-query.js';
export {
  DEFAULT_PAYLOAD_THRESHOLD_BYTES,
  openSqliteStore,
  SQLITE_WRITER_MODES,
  type SqliteStoreOptions,
  type SqliteWriterMode,
} from './sqlite/store.js';
export { SqliteReaderExitedError } from './sqlite/thread-reads.js';
export { SqliteWriterExitedError } from './sqlite/thread-writer.js';
export * from './store.js';
export * from './trace-links.js';
