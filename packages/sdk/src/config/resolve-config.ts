import { ConfigReader } from './config-reader.js';
import {
  EXPORTERS,
  type ExporterName,
  OTLP_PROTOCOLS,
  type ResolvedConfig,
  type SdkConfig,
} from './sdk-config.js';

const DEFAULT_SERVICE_NAME = 'unknown_service:node';
/** Sextant's own port; Jaeger's OTLP/HTTP receiver listens on the same one. */
const DEFAULT_OTLP_BASE = 'http://localhost:4318';
const DEFAULT_ZIPKIN_URL = 'http://localhost:9411/api/v2/spans';
const DEFAULT_SPAN_LIMIT = 128;
const SPAN_LIMIT_RANGE = { min: 0, max: 65_536, integer: true };
const RATE_RANGE = { min: 0, max: 1, integer: false };

/** OTEL_TRACES_SAMPLER values and the rate they stand for; the ratio ones read OTEL_TRACES_SAMPLER_ARG. */
const SAMPLER_RATES: Readonly<Record<string, number | 'arg'>> = {
  always_on: 1,
  always_off: 0,
  traceidratio: 'arg',
  parentbased_always_on: 1,
  parentbased_always_off: 0,
  parentbased_traceidratio: 'arg',
};

export interface ConfigResolution {
  config: ResolvedConfig;
  /** Settings that could not be used as given, and what was used instead. */
  problems: string[];
}

/** Config first, then `OTEL_*` (or `SEXTANT_*` where OpenTelemetry has no variable), then defaults. */
export function resolveConfig(
  given: SdkConfig = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConfigResolution {
  const read = new ConfigReader(env);
  const exporter = read.choice(
    'exporter',
    given.exporter,
    firstListed(read.env('OTEL_TRACES_EXPORTER')),
    EXPORTERS,
    'otlp',
    {
      console: 'stdout',
    },
  );
  const otlpProtocol = read.choice(
    'otlpProtocol',
    given.otlpProtocol,
    read.env('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL'),
    OTLP_PROTOCOLS,
    'http/protobuf',
  );
  const exportLogs =
    given.exportLogs !== undefined
      ? read.boolean('exportLogs', given.exportLogs, [], false)
      : read.env('OTEL_LOGS_EXPORTER')?.value.toLowerCase() === 'otlp';
  const otlpBase = trimSlash(
    given.endpoint !== undefined && exporter !== 'zipkin'
      ? checkedUrl(read, 'endpoint', given.endpoint, DEFAULT_OTLP_BASE)
      : (envUrl(read, 'OTEL_EXPORTER_OTLP_ENDPOINT') ?? DEFAULT_OTLP_BASE),
  );
  const resourceFromEnv = read.keyValueList('OTEL_RESOURCE_ATTRIBUTES');
  const config: ResolvedConfig = {
    enabled:
      given.enabled !== undefined
        ? read.boolean('enabled', given.enabled, [], true)
        : !read.boolean('OTEL_SDK_DISABLED', undefined, ['OTEL_SDK_DISABLED'], false),
    serviceName: read.text(
      'serviceName',
      given.serviceName,
      ['OTEL_SERVICE_NAME'],
      resourceFromEnv['service.name'] ?? DEFAULT_SERVICE_NAME,
    ),
    serviceVersion: read.text(
      'serviceVersion',
      given.serviceVersion,
      [],
      resourceFromEnv['service.version'] ?? null,
    ),
    project: read.text('project', given.project, ['SEXTANT_PROJECT'], null),
    sampleRate: sampleRate(read, given.sampleRate),
    exporter,
    otlpProtocol,
    tracesUrl: tracesUrl(read, exporter, given, otlpBase),
    logsUrl: exportLogs
      ? given.endpoint === undefined
        ? (envUrl(read, 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT') ?? `${otlpBase}/v1/logs`)
        : `${otlpBase}/v1/logs`
      : null,
    headers: headers(read, given.headers),
    includeEvents: read.boolean('includeEvents', given.includeEvents, ['SEXTANT_INCLUDE_EVENTS'], true),
    includeLinks: read.boolean('includeLinks', given.includeLinks, ['SEXTANT_INCLUDE_LINKS'], true),
    maxAttributesPerSpan: read.number(
      'maxAttributesPerSpan',
      given.maxAttributesPerSpan,
      read.env('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT'),
      SPAN_LIMIT_RANGE,
      DEFAULT_SPAN_LIMIT,
    ),
    maxEventsPerSpan: read.number(
      'maxEventsPerSpan',
      given.maxEventsPerSpan,
      read.env('OTEL_SPAN_EVENT_COUNT_LIMIT'),
      SPAN_LIMIT_RANGE,
      DEFAULT_SPAN_LIMIT,
    ),
    captureContent: read.boolean(
      'captureContent',
      given.captureContent,
      ['OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT'],
      true,
    ),
  };
  return { config, problems: read.problems };
}

function sampleRate(read: ConfigReader, given: unknown): number {
  if (given !== undefined) return read.number('sampleRate', given, null, RATE_RANGE, 1);
  const sampler = read.env('OTEL_TRACES_SAMPLER');
  if (sampler === null) return 1;
  const rate = SAMPLER_RATES[sampler.value.toLowerCase()];
  if (rate === undefined) {
    read.note(`${sampler.name} ${JSON.stringify(sampler.value)} is not supported; sampling everything`);
    return 1;
  }
  return rate === 'arg'
    ? read.number('sampleRate', undefined, read.env('OTEL_TRACES_SAMPLER_ARG'), RATE_RANGE, 1)
    : rate;
}

function tracesUrl(
  read: ConfigReader,
  exporter: ExporterName,
  given: SdkConfig,
  otlpBase: string,
): string | null {
  if (exporter === 'none' || exporter === 'stdout') return null;
  if (exporter === 'zipkin') {
    return given.endpoint !== undefined
      ? checkedUrl(read, 'endpoint', given.endpoint, DEFAULT_ZIPKIN_URL)
      : (envUrl(read, 'OTEL_EXPORTER_ZIPKIN_ENDPOINT') ?? DEFAULT_ZIPKIN_URL);
  }
  if (given.endpoint === undefined) {
    const full = envUrl(read, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
    if (full !== null) return full;
  }
  return `${otlpBase}/v1/traces`;
}

function checkedUrl(read: ConfigReader, field: string, given: unknown, fallback: string): string {
  if (typeof given !== 'string') {
    read.note(`${field} must be a URL string, got ${String(given)}; using ${fallback}`);
    return fallback;
  }
  return read.url(field, given, fallback);
}

function envUrl(read: ConfigReader, name: string): string | null {
  const fromEnv = read.env(name);
  if (fromEnv === null) return null;
  const url = read.url(name, fromEnv.value, '');
  return url === '' ? null : url;
}

function headers(read: ConfigReader, given: unknown): Record<string, string> {
  if (given === undefined)
    return read.keyValueList('OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'OTEL_EXPORTER_OTLP_HEADERS');
  const valid =
    typeof given === 'object' &&
    given !== null &&
    Object.values(given).every((value) => typeof value === 'string');
  if (valid) return { ...(given as Record<string, string>) };
  read.note('headers must be an object of strings; sending none');
  return {};
}

/** `OTEL_TRACES_EXPORTER` may list several; one is used. */
function firstListed(
  fromEnv: { name: string; value: string } | null,
): { name: string; value: string } | null {
  if (fromEnv === null) return null;
  return { name: fromEnv.name, value: fromEnv.value.split(',')[0]!.trim() };
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
