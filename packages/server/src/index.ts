export { type BuildAppOptions, buildApp } from './app.js';
export type { AppContext } from './app-context.js';
export { DemoTraffic, type DemoTrafficOptions } from './cli/demo/demo-traffic.js';
export {
  ConfigError,
  defaultConfig,
  resolveConfig,
  type SextantConfig,
  serveHelp,
} from './config/resolve-config.js';
export { ERROR_CODES, type ErrorCode, SextantError } from './errors.js';
export { IngestStats } from './ingest/ingest-stats.js';
export { WriteQueue } from './ingest/write-queue.js';
export { openStore } from './open-store.js';
export { type RunningServer, startServer } from './server.js';
