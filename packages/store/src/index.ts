export * from './errors.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory/store.js';
export * from './query/page-limit.js';
export * from './query/span-conditions.js';
export * from './query/trace-order.js';
export * from './query/trace-page.js';
export * from './rollup/trace-rollup.js';
export { SCHEMA_VERSION } from './sqlite/migrations.js';
export {
  DEFAULT_PAYLOAD_THRESHOLD_BYTES,
  openSqliteStore,
  SQLITE_WRITER_MODES,
  type SqliteStoreOptions,
  type SqliteWriterMode,
} from './sqlite/store.js';
export { SqliteWriterExitedError } from './sqlite/thread-writer.js';
export * from './store.js';
