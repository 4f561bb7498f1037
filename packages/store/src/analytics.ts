import type { SpanType, TokenCounts, TraceStatus } from '@sextant/core';

/*
 * Analytics over stored spans and traces: what `Store`'s analytics methods take and answer.
 * Every backend computes the same numbers (the contract suite checks them); percentiles come from
 * core's `LatencySketch` everywhere, so they agree to the last digit.
 *
 * Time rules, the same in every backend:
 * - A window is half-open, [from, to), in nanoseconds, widened to whole minutes (from floored,
 *   to ceiled; the result says which window was used), since SQLite keeps span figures per minute.
 * - **Span figures** (`subject: 'spans'`) count the spans that *start* in the window, bucketed by
 *   their start. **Trace figures** (`subject: 'traces'`) count the traces that *start* in the
 *   window (a trace starts with its earliest span), bucketed by their start.
 * - Buckets are aligned on the Unix epoch: UTC minutes, hours and days.
 */

export const ANALYTICS_BUCKETS = ['minute', 'hour', 'day'] as const;
export type AnalyticsBucket = (typeof ANALYTICS_BUCKETS)[number];

const MINUTE_NANO = 60_000_000_000n;
export const BUCKET_NANO: Readonly<Record<AnalyticsBucket, bigint>> = {
  minute: MINUTE_NANO,
  hour: 60n * MINUTE_NANO,
  day: 1440n * MINUTE_NANO,
};

/**
 * What analytics can group by. Span dimensions: `model` (response model, else request model),
 * `provider`, `service`, `span_name`, `span_type`, `project`, `api_key_hash` (the string span
 * attribute `sextant.api_key.hash`). Trace dimensions, whose figures count traces: `user` and
 * `session` (the trace's, see `TraceSummary`) and `root_name` (a "flow"). A span or trace without
 * the value is in the group `''`.
 */
export const ANALYTICS_DIMENSIONS = [
  'model',
  'provider',
  'service',
  'span_name',
  'span_type',
  'project',
  'api_key_hash',
  'user',
  'session',
  'root_name',
] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

/** The dimensions whose groups hold traces rather than spans. */
export const TRACE_DIMENSIONS: ReadonlySet<AnalyticsDimension> = new Set<AnalyticsDimension>([
  'user',
  'session',
  'root_name',
]);

/**
 * A dimension, or any attribute: the span attribute `key`, else the span's resource attribute
 * `key`, in the text form of attribute conditions (`attributeText`); a span with neither, or with
 * a list, map or overlong value there, is in the group `''`. Attribute groups read spans one by
 * one, within a budget (see `SpanScan`).
 */
export type AnalyticsGroupBy = { dimension: AnalyticsDimension } | { dimension: 'attribute'; key: string };

/**
 * A span is a retry when it carries this attribute with an integer ≥ 1: OpenTelemetry's count of
 * the times an HTTP request was sent again, set by the HTTP clients LLM SDKs use.
 */
export const RETRY_ATTRIBUTE = 'http.request.resend_count';

/** What ranks groups, highest first: only the top `limit` groups are listed one by one. */
export const ANALYTICS_RANKS = ['count', 'errors', 'requests', 'tokens', 'cost', 'duration'] as const;
export type AnalyticsRank = (typeof ANALYTICS_RANKS)[number];

/** The bounds of every analytics read. */
export const ANALYTICS_LIMITS = {
  /** The longest window: 31 days. */
  maxWindowNano: 31n * 1440n * MINUTE_NANO,
  /** The most time buckets a series may have (a day of minutes fits). */
  maxBuckets: 1500,
  /** The most groups listed one by one (the rest are summed into `other`). */
  maxGroups: 1000,
  /** The most projects one read may cover. */
  maxProjects: 16,
  /** The most spans read one by one, for attribute groups and dependencies (see `SpanScan`). */
  maxScannedSpans: 100_000,
} as const;

/** The projects and time an analytics read covers. */
export interface AnalyticsWindow {
  /** One project or several (1..`ANALYTICS_LIMITS.maxProjects`), without duplicates. */
  projects: readonly string[];
  /** Inclusive start, in nanoseconds since the epoch. */
  from: bigint;
  /** Exclusive end, in nanoseconds since the epoch; after `from`. */
  to: bigint;
}

/** The window a result covers: the query's, widened to whole minutes. */
export interface TimeWindow {
  from: bigint;
  to: bigint;
}

/**
 * How far a read that goes through spans one by one got. It reads the spans that start in the
 * window, of the traces that start in the window, newest trace first (by start, then trace id,
 * then project), whole traces only, until the next trace would pass `maxScannedSpans`.
 */
export interface SpanScan {
  tracesRead: number;
  spansRead: number;
  /** False when traces of the window were left unread: the figures then cover the newest part. */
  complete: boolean;
}

/** Latency figures in nanoseconds, null when nothing was counted. */
export interface LatencyFigures {
  avgNano: number | null;
  minNano: number | null;
  maxNano: number | null;
  /** From `LatencySketch`, within its relative accuracy; null unless asked for (or when empty). */
  percentiles: { p50Nano: number; p90Nano: number; p95Nano: number; p99Nano: number } | null;
}

/**
 * The figures of a group of spans or traces (see `GroupedAnalytics.subject`). For spans: `count`
 * spans, `errors` spans with an error status, `requests` spans of type llm or embedding, tokens and
 * cost of those llm and embedding spans only (agent and chain spans repeat their children's), and
 * the spans' durations. For traces: `count` traces, `errors` traces with an error span, `requests`
 * their LLM calls (spans of type llm), their token and cost totals, and the traces' durations.
 */
export interface AnalyticsMeasures {
  count: number;
  errors: number;
  /** errors / count, null when count is 0. */
  errorRate: number | null;
  /** Spans in the group: `count` for spans; the traces' span counts for traces. */
  spans: number;
  requests: number;
  tokens: TokenCounts;
  costNanoUsd: number;
  latency: LatencyFigures;
}

export interface AnalyticsSeriesPoint {
  /** The bucket's start, in nanoseconds. */
  start: bigint;
  measures: AnalyticsMeasures;
}

export interface AnalyticsGroup {
  /** The group's value (`''` for spans or traces without one). */
  key: string;
  measures: AnalyticsMeasures;
  /** By bucket start, only buckets with data; null when no bucket was asked for. */
  series: AnalyticsSeriesPoint[] | null;
}

export interface GroupedAnalyticsQuery extends AnalyticsWindow {
  /** Null: one group of everything (`key` `''`). */
  groupBy: AnalyticsGroupBy | null;
  /** Null: no series. */
  bucket: AnalyticsBucket | null;
  /** The order of groups, highest first (ties by key). */
  rankBy: AnalyticsRank;
  /** Groups listed one by one (1..`ANALYTICS_LIMITS.maxGroups`). */
  limit: number;
  /** Whether to compute latency percentiles (they cost a sketch merge per stored minute). */
  percentiles: boolean;
  /** Only spans of this service (span dimensions only). */
  service?: string | undefined;
  /** Only spans of this type (span dimensions only). */
  spanType?: SpanType | undefined;
}

export interface GroupedAnalytics {
  window: TimeWindow;
  subject: 'spans' | 'traces';
  /** The top `limit` groups by `rankBy`. */
  groups: AnalyticsGroup[];
  /** Every group past the top `limit`, summed (key `''`); null when there were none. */
  other: AnalyticsGroup | null;
  /** How many groups there were in all. */
  groupCount: number;
  /** Every group summed. */
  total: AnalyticsMeasures;
  /** Set for attribute groups, which read spans one by one. */
  scan: SpanScan | null;
}

export interface TraceStatsQuery extends AnalyticsWindow {
  /** Root names listed one by one (1..`ANALYTICS_LIMITS.maxGroups`). */
  limit: number;
}

/** Figures of the traces that start in the window. */
export interface TraceStats {
  window: TimeWindow;
  traces: {
    /** Every trace stored with a span, partial ones (root not yet arrived) included. */
    stored: number;
    /** Traces recorded whole as far as Sextant can tell: their root span is stored. */
    recorded: number;
  };
  statuses: Record<TraceStatus, number>;
  /** Trace durations. */
  latency: { avgNano: number | null; maxNano: number | null };
  /** Spans ("steps") of those traces. */
  spans: number;
  /** Spans with an error status. */
  errors: number;
  llmCalls: number;
  toolCalls: number;
  tokens: TokenCounts;
  costNanoUsd: number;
  /** Spans carrying `RETRY_ATTRIBUTE` ≥ 1, among the spans of those traces that start in the window. */
  retries: number;
  /** Spans of type `guardrail` among the same spans; a failure is one with an error status. */
  guardrails: { checks: number; failures: number };
  /** The most common root names, most traces first (ties by name); `''` for traces without root. */
  rootNames: { name: string; traces: number }[];
  /** Traces whose root name is past the listed ones. */
  otherRootNameTraces: number;
}

export interface ServicesQuery extends AnalyticsWindow {
  /** Services listed (1..`ANALYTICS_LIMITS.maxGroups`), most spans first. */
  limit: number;
}

export interface ServiceFigures {
  service: string;
  /** Spans of the service that start in the window. */
  spans: number;
  /** Traces that start in the window and have a span of the service. */
  traces: number;
  errors: number;
  /** errors / spans, null without spans. */
  errorRate: number | null;
  avgDurationNano: number | null;
}

export interface ServiceList {
  window: TimeWindow;
  services: ServiceFigures[];
  /** How many services there were in all. */
  serviceCount: number;
}

export interface DependenciesQuery extends AnalyticsWindow {
  /** Edges listed (1..`ANALYTICS_LIMITS.maxGroups`), most calls first. */
  limit: number;
}

/** Calls from spans of one service to child spans of another. */
export interface DependencyEdge {
  parent: string;
  child: string;
  /** Child spans of `child` whose parent span is of `parent`. */
  calls: number;
  /** Of those, the ones with an error status. */
  errors: number;
}

export interface ServiceDependencies {
  window: TimeWindow;
  edges: DependencyEdge[];
  /** How many edges there were in all. */
  edgeCount: number;
  scan: SpanScan;
}

/**
 * Log severity levels, from OTLP's severity numbers: 0 unspecified, 1–4 trace, 5–8 debug,
 * 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal.
 */
export const SEVERITY_LEVELS = ['unspecified', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export interface RecordCountsQuery extends AnalyticsWindow {
  /** Metric names listed (1..`ANALYTICS_LIMITS.maxGroups`), most points first. */
  limit: number;
}

/** The log records and metric points whose time is in the window. */
export interface RecordCounts {
  window: TimeWindow;
  logs: number;
  logsBySeverity: Record<SeverityLevel, number>;
  metricPoints: number;
  /** Points per metric name, most first (ties by name). */
  metrics: { name: string; points: number }[];
  /** How many metric names there were in all. */
  metricNameCount: number;
}

/** Why an analytics query cannot be answered as asked; `field` names the culprit. */
export class AnalyticsQueryError extends RangeError {
  override name = 'AnalyticsQueryError';
  constructor(
    readonly field: 'window' | 'projects' | 'bucket' | 'groupBy' | 'limit' | 'filter',
    message: string,
  ) {
    super(message);
  }
}
