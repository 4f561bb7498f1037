export * from './errors.js';
export type { MemoryStore, MemoryStoreOptions } from './memory/store.js';
export { createMemoryStore } from './memory/store.js';
export * from './rollup/trace-rollup.js';
export { DEFAULT_PAYLOAD_THRESHOLD_BYTES, openSqliteStore, type SqliteStoreOptions } from './sqlite/store.js';
export { SCHEMA_VERSION } from './sqlite/migrations.js';
export * from './store.js';
