import type { IdGenerator, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export const EXPORTERS = ['none', 'stdout', 'otlp', 'zipkin', 'jaeger'] as const;
/** Where finished spans go. Jaeger accepts OTLP today, so `jaeger` sends OTLP to its endpoint. */
export type ExporterName = (typeof EXPORTERS)[number];

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** What `init()` accepts. Every field is optional; the environment fills what is left out. */
export interface SdkConfig {
  /** False turns every call into a cheap no-op (user timing still measures). Env: `OTEL_SDK_DISABLED`. */
  enabled?: boolean;
  /** `service.name`. Env: `OTEL_SERVICE_NAME`. */
  serviceName?: string;
  /** `service.version`. Env: `OTEL_RESOURCE_ATTRIBUTES` (`service.version=…`). */
  serviceVersion?: string;
  /** The Sextant project the spans belong to (resource `sextant.project`). Env: `SEXTANT_PROJECT`. */
  project?: string;
  /** Share of root traces kept, 0..1. Env: `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`. */
  sampleRate?: number;
  /** Env: `OTEL_TRACES_EXPORTER` (`console` is read as `stdout`). Default `otlp`. */
  exporter?: ExporterName;
  /** OTLP encoding. Env: `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, `OTEL_EXPORTER_OTLP_PROTOCOL`. */
  otlpProtocol?: OtlpProtocol;
  /**
   * OTLP (and Jaeger): the base URL, `/v1/traces` and `/v1/logs` are appended. Zipkin: the full
   * URL. Env: `OTEL_EXPORTER_OTLP_ENDPOINT` (base), `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (full
   * traces URL), `OTEL_EXPORTER_ZIPKIN_ENDPOINT`.
   */
  endpoint?: string;
  /** Headers sent with every OTLP request. Env: `OTEL_EXPORTER_OTLP_HEADERS` (`k=v,k2=v2`). */
  headers?: Record<string, string>;
  /** Keep span events. Env: `SEXTANT_INCLUDE_EVENTS`. Default true. */
  includeEvents?: boolean;
  /** Keep span links. Env: `SEXTANT_INCLUDE_LINKS`. Default true. */
  includeLinks?: boolean;
  /** Env: `OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT`. Default 128. */
  maxAttributesPerSpan?: number;
  /** Env: `OTEL_SPAN_EVENT_COUNT_LIMIT`. Default 128. */
  maxEventsPerSpan?: number;
  /**
   * Record prompts, completions, tool arguments and results. False keeps them out of every span.
   * Env: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`. Default true.
   */
  captureContent?: boolean;
  /** Also export log records over OTLP (see `correlateConsole`). Env: `OTEL_LOGS_EXPORTER=otlp`. */
  exportLogs?: boolean;
  /** Prices that win over the built-in catalog, in LiteLLM's `model_prices_and_context_window.json` format. */
  priceOverrides?: unknown;
  /** More span processors, such as an `InMemoryCollector`. */
  spanProcessors?: SpanProcessor[];
  /** Trace and span id source; tests pass a seeded one. */
  idGenerator?: IdGenerator;
  /** Where configuration warnings go. Default `console.warn`. */
  warn?: (message: string) => void;
}

/** The configuration after defaults, environment and clamping: every value is usable. */
export interface ResolvedConfig {
  enabled: boolean;
  serviceName: string;
  serviceVersion: string | null;
  project: string | null;
  sampleRate: number;
  exporter: ExporterName;
  otlpProtocol: OtlpProtocol;
  /** The full URL spans are sent to (null for `none` and `stdout`). */
  tracesUrl: string | null;
  /** The full URL OTLP logs are sent to (null when logs are not exported). */
  logsUrl: string | null;
  headers: Record<string, string>;
  includeEvents: boolean;
  includeLinks: boolean;
  maxAttributesPerSpan: number;
  maxEventsPerSpan: number;
  captureContent: boolean;
}
