import { parseArgs } from 'node:util';
import { type IngestLimits, parseDurationNano } from '@sextant/core';
import { envVarOf, OPTION_SPECS, type OptionFlag, type OptionSpec, type StoreDriver } from './options.js';

/** The server's whole configuration, resolved once at start and passed down. */
export interface SextantConfig {
  host: string;
  port: number;
  dataDir: string;
  store: {
    driver: StoreDriver;
    sqliteSynchronous: 'normal' | 'full';
    payloadThresholdBytes: number;
    memory: { maxTraces: number; maxSpansPerTrace: number; maxAgeMs: number | undefined };
    /** The database of the `postgres` store (its URL is required for it). */
    postgres: { url: string; maxConnections: number; statementTimeoutMs: number };
  };
  /** A LiteLLM-format price file, or null for the built-in catalog only. */
  pricesFile: string | null;
  limits: {
    maxBodyBytes: number;
    maxDecompressedBytes: number;
    ingest: IngestLimits;
  };
  queue: {
    capacity: number;
    batchMaxItems: number;
    batchMaxDelayMs: number;
    maxWritesInFlight: number;
    retryAfterSeconds: number;
  };
  shutdownTimeoutMs: number;
  /** What retention keeps (null: no limit), settable at run time through the API. */
  retention: { maxAgeNano: bigint | null; maxBytes: number | null; intervalMs: number };
  /** `POST /api/sql`: off unless enabled; it reads the SQLite store only. */
  sql: { enabled: boolean; timeoutMs: number; maxRows: number };
  /** The built web UI to serve, or null for the one built into packages/ui. */
  uiDir: string | null;
  logLevel: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type RawValues = Record<OptionFlag, string | number>;

function parseValue(spec: OptionSpec, raw: string, origin: string): string | number {
  if (spec.kind === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) {
      throw new ConfigError(`${origin} must be one of ${spec.choices.join(', ')}; got '${raw}'`);
    }
    return raw;
  }
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${origin} must be a whole number; got '${raw}'`);
  const value = Number(raw);
  if (value < spec.min || value > spec.max) {
    throw new ConfigError(`${origin} must be between ${spec.min} and ${spec.max}; got ${value}`);
  }
  return value;
}

/** Flags win over environment variables, which win over defaults. */
function resolveRawValues(flags: Record<string, string | undefined>, env: NodeJS.ProcessEnv): RawValues {
  const values: Record<string, string | number> = {};
  for (const spec of OPTION_SPECS) {
    const fromFlag = flags[spec.flag];
    const envName = envVarOf(spec.flag);
    const fromEnv = env[envName];
    if (fromFlag !== undefined) values[spec.flag] = parseValue(spec, fromFlag, `--${spec.flag}`);
    else if (fromEnv !== undefined && fromEnv !== '') values[spec.flag] = parseValue(spec, fromEnv, envName);
    else values[spec.flag] = spec.default;
  }
  return values as RawValues;
}

export interface ParsedCommandLine {
  help: boolean;
  config: SextantConfig;
}

/** Parses `sextant serve` arguments (without the command word) and the environment. */
export function resolveConfig(args: readonly string[], env: NodeJS.ProcessEnv): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of OPTION_SPECS) options[spec.flag] = { type: 'string' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const { help, ...flags } = parsed.values as Record<string, string | undefined> & { help?: boolean };
  return { help: help === true, config: configFromValues(resolveRawValues(flags, env)) };
}

function configFromValues(v: RawValues): SextantConfig {
  const int = (flag: OptionFlag) => v[flag] as number;
  const str = (flag: OptionFlag) => v[flag] as string;
  const maxAgeSeconds = int('memory-max-age-seconds');
  return {
    host: str('host'),
    port: int('port'),
    dataDir: str('data-dir'),
    store: {
      driver: str('store') as StoreDriver,
      sqliteSynchronous: str('sqlite-synchronous') as 'normal' | 'full',
      payloadThresholdBytes: int('payload-threshold-bytes'),
      memory: {
        maxTraces: int('memory-max-traces'),
        maxSpansPerTrace: int('memory-max-spans-per-trace'),
        maxAgeMs: maxAgeSeconds > 0 ? maxAgeSeconds * 1000 : undefined,
      },
      postgres: {
        url: postgresUrlOf(str('store') as StoreDriver, str('postgres-url')),
        maxConnections: int('postgres-max-connections'),
        statementTimeoutMs: int('postgres-statement-timeout-ms'),
      },
    },
    pricesFile: str('prices-file') === '' ? null : str('prices-file'),
    limits: {
      maxBodyBytes: int('max-body-bytes'),
      maxDecompressedBytes: int('max-decompressed-bytes'),
      ingest: {
        maxAttributeValueLength: int('max-attribute-value-length'),
        maxAttributesPerItem: int('max-attributes'),
        maxEventsPerSpan: int('max-events'),
        maxLinksPerSpan: int('max-links'),
      },
    },
    queue: {
      capacity: int('queue-capacity'),
      batchMaxItems: int('batch-max-items'),
      batchMaxDelayMs: int('batch-max-delay-ms'),
      maxWritesInFlight: int('writes-in-flight'),
      retryAfterSeconds: int('retry-after-seconds'),
    },
    shutdownTimeoutMs: int('shutdown-timeout-ms'),
    retention: {
      maxAgeNano: maxAgeOf(str('retention-max-age')),
      maxBytes: int('retention-max-bytes') === 0 ? null : int('retention-max-bytes'),
      intervalMs: int('retention-interval-seconds') * 1000,
    },
    sql: { enabled: str('sql') === 'true', timeoutMs: int('sql-timeout-ms'), maxRows: int('sql-max-rows') },
    uiDir: str('ui-dir') === '' ? null : str('ui-dir'),
    logLevel: str('log-level'),
  };
}

function postgresUrlOf(driver: StoreDriver, url: string): string {
  if (driver === 'postgres' && url === '') {
    throw new ConfigError('--store postgres needs --postgres-url (or SEXTANT_POSTGRES_URL)');
  }
  return url;
}

function maxAgeOf(text: string): bigint | null {
  if (text === '') return null;
  const nanos = parseDurationNano(text);
  if (nanos === null || nanos === 0n) {
    throw new ConfigError(`--retention-max-age must be a duration such as 30d or 72h; got '${text}'`);
  }
  return nanos;
}

/** Every setting at its default: what tests and embedders start from before changing a few. */
export function defaultConfig(): SextantConfig {
  return resolveConfig([], {}).config;
}

/** `sextant serve --help`: every option, its variable and its default. */
export function serveHelp(): string {
  const rows = OPTION_SPECS.map((spec) => {
    const choices = 'choices' in spec ? ` (${spec.choices.join(' | ')})` : '';
    const def = spec.default === '' ? 'unset' : String(spec.default);
    return `  --${spec.flag} <value>\n      ${spec.help}${choices}\n      env ${envVarOf(spec.flag)}, default ${def}`;
  });
  return [
    'Usage: sextant serve [options]',
    '',
    'Starts Sextant: OTLP/HTTP ingest (/v1/traces, /v1/logs, /v1/metrics) and the API, on one port.',
    'Each option can also be set by its environment variable; a flag wins over the variable.',
    '',
    'Options:',
    ...rows,
    '  -h, --help\n      show this help',
  ].join('\n');
}
