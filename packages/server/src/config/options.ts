/**
 * Every setting of `sextant serve`: its flag, its environment variable, its type and default.
 * This one table drives parsing, validation and `--help`, so they cannot disagree.
 */
export const STORE_DRIVERS = ['sqlite', 'memory', 'postgres'] as const;
export type StoreDriver = (typeof STORE_DRIVERS)[number];

export const SQLITE_SYNC_MODES = ['normal', 'full'] as const;

interface OptionBase {
  /** The flag, without `--`; the env variable is `SEXTANT_` + upper snake case of it. */
  flag: string;
  help: string;
}
interface StringOption extends OptionBase {
  kind: 'string';
  default: string;
  choices?: readonly string[];
}
interface IntegerOption extends OptionBase {
  kind: 'integer';
  default: number;
  min: number;
  max: number;
}

export type OptionSpec = StringOption | IntegerOption;

const MiB = 1024 * 1024;

export const OPTION_SPECS = [
  {
    flag: 'host',
    kind: 'string',
    default: '127.0.0.1',
    help: 'address to listen on (0.0.0.0 for every interface)',
  },
  { flag: 'port', kind: 'integer', default: 4318, min: 0, max: 65535, help: 'port for ingest and the API' },
  { flag: 'data-dir', kind: 'string', default: './.sextant', help: 'where the embedded database lives' },
  { flag: 'store', kind: 'string', default: 'sqlite', choices: STORE_DRIVERS, help: 'storage backend' },
  {
    flag: 'sqlite-synchronous',
    kind: 'string',
    default: 'normal',
    choices: SQLITE_SYNC_MODES,
    help: 'normal survives a crash of the process; full also survives power loss (slower)',
  },
  {
    flag: 'postgres-url',
    kind: 'string',
    default: '',
    help: 'postgres store: the database, postgres://user:password@host:port/database',
  },
  {
    flag: 'postgres-max-connections',
    kind: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    help: 'postgres store: connections this instance opens at most',
  },
  {
    flag: 'postgres-statement-timeout-ms',
    kind: 'integer',
    default: 30_000,
    min: 100,
    max: 3_600_000,
    help: 'postgres store: a statement running longer is cancelled (a write then fails as a timeout)',
  },
  { flag: 'prices-file', kind: 'string', default: '', help: 'LiteLLM-format JSON price overrides' },
  {
    flag: 'max-body-bytes',
    kind: 'integer',
    default: 16 * MiB,
    min: 1024,
    max: 1024 * MiB,
    help: 'largest request body, as received',
  },
  {
    flag: 'max-decompressed-bytes',
    kind: 'integer',
    default: 64 * MiB,
    min: 1024,
    max: 4096 * MiB,
    help: 'largest request body after gzip decompression',
  },
  {
    flag: 'max-attribute-value-length',
    kind: 'integer',
    default: 64 * 1024,
    min: 16,
    max: 64 * MiB,
    help: 'longer string values are cut (and counted)',
  },
  {
    flag: 'max-attributes',
    kind: 'integer',
    default: 1024,
    min: 1,
    max: 1_000_000,
    help: 'attributes kept per span, event, link, resource, log or point',
  },
  {
    flag: 'max-events',
    kind: 'integer',
    default: 1024,
    min: 0,
    max: 1_000_000,
    help: 'events kept per span',
  },
  { flag: 'max-links', kind: 'integer', default: 1024, min: 0, max: 1_000_000, help: 'links kept per span' },
  {
    flag: 'payload-threshold-bytes',
    kind: 'integer',
    default: 2048,
    min: 64,
    max: 64 * MiB,
    help: 'string values this long are stored once, content-addressed',
  },
  {
    flag: 'queue-capacity',
    kind: 'integer',
    default: 200_000,
    min: 1,
    max: 100_000_000,
    help: 'items (spans, logs, points) waiting to be written before ingest answers 429',
  },
  {
    flag: 'batch-max-items',
    kind: 'integer',
    default: 8192,
    min: 1,
    max: 1_000_000,
    help: 'most items committed in one write',
  },
  {
    flag: 'batch-max-delay-ms',
    kind: 'integer',
    default: 2,
    min: 0,
    max: 10_000,
    help: 'longest wait to fill a write batch',
  },
  {
    flag: 'writes-in-flight',
    kind: 'integer',
    default: 2,
    min: 1,
    max: 16,
    help: 'store writes started before the previous one has committed',
  },
  {
    flag: 'retry-after-seconds',
    kind: 'integer',
    default: 1,
    min: 1,
    max: 3600,
    help: 'Retry-After sent with 429 and 503 answers',
  },
  {
    flag: 'shutdown-timeout-ms',
    kind: 'integer',
    default: 10_000,
    min: 0,
    max: 600_000,
    help: 'how long a graceful shutdown waits for the queue to drain',
  },
  {
    flag: 'memory-max-traces',
    kind: 'integer',
    default: 10_000,
    min: 1,
    max: 100_000_000,
    help: 'memory store: traces kept (oldest evicted first)',
  },
  {
    flag: 'memory-max-spans-per-trace',
    kind: 'integer',
    default: 10_000,
    min: 1,
    max: 100_000_000,
    help: 'memory store: spans kept per trace',
  },
  {
    flag: 'memory-max-age-seconds',
    kind: 'integer',
    default: 0,
    min: 0,
    max: 100 * 365 * 86_400,
    help: 'memory store: traces older than this are evicted (0: no limit)',
  },
  {
    flag: 'sql',
    kind: 'string',
    default: 'false',
    choices: ['false', 'true'],
    help: 'true serves POST /api/sql: read-only SQL over the whole SQLite database, an admin tool',
  },
  {
    flag: 'sql-timeout-ms',
    kind: 'integer',
    default: 5000,
    min: 10,
    max: 600_000,
    help: 'a query of /api/sql still running after this long is stopped and refused',
  },
  {
    flag: 'sql-max-rows',
    kind: 'integer',
    default: 1000,
    min: 1,
    max: 100_000,
    help: 'most rows one query of /api/sql answers (its default limit)',
  },
  {
    flag: 'retention-max-age',
    kind: 'string',
    default: '',
    help: 'remove traces that started longer ago than this (e.g. 30d, 72h), and older logs and points; empty keeps everything',
  },
  {
    flag: 'retention-max-bytes',
    kind: 'integer',
    default: 0,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    help: 'remove the oldest data while the store takes more than this; 0 for no limit',
  },
  {
    flag: 'retention-interval-seconds',
    kind: 'integer',
    default: 60,
    min: 1,
    max: 86_400,
    help: 'how often retention runs in the background',
  },
  {
    flag: 'ui-dir',
    kind: 'string',
    default: '',
    help: 'serve the web UI from this directory (a build of packages/ui) instead of the built-in one',
  },
  {
    flag: 'log-level',
    kind: 'string',
    default: 'info',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    help: 'server log level',
  },
] as const satisfies readonly OptionSpec[];

export type OptionFlag = (typeof OPTION_SPECS)[number]['flag'];

/** `data-dir` → `SEXTANT_DATA_DIR`. */
export function envVarOf(flag: string): string {
  return `SEXTANT_${flag.toUpperCase().replaceAll('-', '_')}`;
}
