import type {
  LogRecord,
  MetricPoint,
  MetricType,
  Span,
  SpanType,
  TraceStatus,
  TraceSummary,
} from '@sextant/core';
import type {
  DependenciesQuery,
  GroupedAnalytics,
  GroupedAnalyticsQuery,
  RecordCounts,
  RecordCountsQuery,
  ServiceDependencies,
  ServiceList,
  ServicesQuery,
  TraceStats,
  TraceStatsQuery,
} from './analytics.js';
import type { Annotation, AnnotationPage, AnnotationQuery, NewAnnotation } from './annotations.js';
import type { LinkedTraceQuery, TraceLinkChange, TraceLinks } from './trace-links.js';

/**
 * What one call to `Store.write` commits, all or nothing.
 * Every item carries its project; one batch may mix projects.
 */
export interface WriteBatch {
  spans: readonly Span[];
  logs: readonly LogRecord[];
  metrics: readonly MetricPoint[];
}

export interface WriteResult {
  /** Spans that were new; the others were already stored (a retried export) and were ignored. */
  spansWritten: number;
  logsWritten: number;
  metricsWritten: number;
}

/** A trace and every span of it, as stored. */
export interface StoredTrace {
  summary: TraceSummary;
  /** Sorted by start time, then span id. */
  spans: Span[];
}

/** Where a page of traces ends; the next page starts strictly after it. */
export interface TraceCursor {
  startTimeUnixNano: bigint;
  traceId: string;
}

/** Where an attribute condition looks: anywhere on the span (Jaeger's rule), or in one place. */
export const ATTRIBUTE_PLACES = ['any', 'span', 'resource', 'scope', 'event', 'link'] as const;
export type AttributePlace = (typeof ATTRIBUTE_PLACES)[number];

/** How an attribute condition compares: `eq` as strings, the others as numbers. */
export const ATTRIBUTE_OPERATORS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
export type AttributeOperator = (typeof ATTRIBUTE_OPERATORS)[number];

/**
 * A condition on one attribute of a span. `eq` compares the attribute's value in its string form
 * (`123`, `72.5`, `true`, the text itself) with `value`, so a typed value matches its text; the
 * numeric operators hold only for an int or double attribute compared with a finite number.
 * Only scalar values of at most `MAX_INDEXED_VALUE_LENGTH` characters can be matched by `eq`.
 */
export interface AttributeCondition {
  place: AttributePlace;
  key: string;
  op: AttributeOperator;
  value: string;
}

/** Attribute values longer than this are found by full-text search, not by equality. */
export const MAX_INDEXED_VALUE_LENGTH = 256;

/**
 * A trace search. The span conditions (`service`, `spanName`, `spanType`, `model`, `provider`,
 * the duration bounds, the start time range and every attribute condition) must all hold on
 * **one single span** of a trace for the trace to match (Jaeger's rule). The others are
 * conditions on the trace as a whole: `status`, `hasErrors`, `userId` and `sessionId` on its
 * rollup; `tag` and `text` on any one of its spans.
 */
export interface TraceQuery {
  project: string;
  service?: string | undefined;
  spanName?: string | undefined;
  spanType?: SpanType | undefined;
  /** The span's request model or its response model. */
  model?: string | undefined;
  provider?: string | undefined;
  /** Inclusive bounds on a span's duration, in nanoseconds. */
  minDurationNano?: bigint | undefined;
  maxDurationNano?: bigint | undefined;
  /** Inclusive bounds on a span's start time, in nanoseconds since the epoch. */
  startTimeMin?: bigint | undefined;
  startTimeMax?: bigint | undefined;
  attributes?: readonly AttributeCondition[] | undefined;
  status?: TraceStatus | undefined;
  /** True: traces with at least one error span; false: traces with none. */
  hasErrors?: boolean | undefined;
  userId?: string | undefined;
  sessionId?: string | undefined;
  /** A tag some span of the trace carries (`tag.tags`, `sextant.tags`). */
  tag?: string | undefined;
  /** A full-text query (see `parseTextQuery`) that some span of the trace matches. */
  text?: string | undefined;
  /** At most this many traces (1..`MAX_TRACE_PAGE`). */
  limit: number;
  /** Continue after this trace (from the previous page's `nextCursor`). */
  after?: TraceCursor | undefined;
}

export interface TracePage {
  /** Newest first: by trace start time descending, then trace id descending. */
  traces: TraceSummary[];
  /** Set when more traces may match; pass it as `after` for the next page. */
  nextCursor: TraceCursor | null;
}

export interface LogQuery {
  project: string;
  traceId?: string | undefined;
  service?: string | undefined;
  /** Records at least this severe (OTLP severity numbers, 1 = TRACE … 21 = FATAL). */
  severityMin?: number | undefined;
  /** A full-text query (see core's `parseTextQuery`) that the record's body matches. */
  text?: string | undefined;
  /** Inclusive bounds on the record's time, in nanoseconds since the epoch. */
  startTimeMin?: bigint | undefined;
  startTimeMax?: bigint | undefined;
  /** At most this many records (1..`MAX_LOG_PAGE`). */
  limit: number;
}

export interface MetricQuery {
  project: string;
  name?: string | undefined;
  service?: string | undefined;
  type?: MetricType | undefined;
  /** Attributes of the point (or of its resource) equal to these values, compared as text. */
  attributes?: readonly MetricAttributeCondition[] | undefined;
  startTimeMin?: bigint | undefined;
  startTimeMax?: bigint | undefined;
  /** At most this many points (1..`MAX_METRIC_PAGE`). */
  limit: number;
}

export interface MetricAttributeCondition {
  key: string;
  value: string;
}

/** A ranked full-text search over spans and log records. */
export interface TextSearchQuery {
  project: string;
  /** A full-text query (see core's `parseTextQuery`). */
  text: string;
  /** Inclusive bounds on the span's start or the record's time, in nanoseconds. */
  startTimeMin?: bigint | undefined;
  startTimeMax?: bigint | undefined;
  /** At most this many hits of each kind (1..`MAX_TEXT_HITS`). */
  limit: number;
}

/** A span whose text matches, and how well (higher is better; comparable within one answer). */
export interface SpanTextHit {
  traceId: string;
  spanId: string;
  name: string;
  service: string;
  startTimeUnixNano: bigint;
  score: number;
}

export interface LogTextHit {
  traceId: string;
  spanId: string;
  service: string;
  timeUnixNano: bigint;
  severityNumber: number;
  score: number;
}

export interface AnnotationTextHit {
  id: string;
  traceId: string;
  spanId: string | null;
  timeUnixNano: bigint;
  score: number;
}

/**
 * The best hits, best first. Ranking considers the newest `MAX_RANKED_MATCHES` matches of each
 * kind, so that a query for a common word costs the same as one for a rare word.
 */
export interface TextSearchResult {
  spans: SpanTextHit[];
  logs: LogTextHit[];
  /** Annotations whose text or tags match. */
  annotations: AnnotationTextHit[];
}

export const MAX_TEXT_HITS = 100;
export const MAX_RANKED_MATCHES = 10_000;

export const MAX_TRACE_PAGE = 1000;
export const MAX_LOG_PAGE = 10_000;
export const MAX_METRIC_PAGE = 10_000;

/** Why a write failed, so the write queue can say whether retrying may help. */
export const WRITE_FAILURE_CLASSES = [
  'connection',
  'timeout',
  'contention',
  'constraint',
  'unknown',
] as const;
export type WriteFailureClass = (typeof WRITE_FAILURE_CLASSES)[number];

/** What a removal took away. */
export interface RemovalCounts {
  traces: number;
  spans: number;
  logs: number;
  metrics: number;
  /** Long strings no longer referenced (collected only when a removal by age completes). */
  payloads: number;
}

export interface RemovalResult extends RemovalCounts {
  /** False when the limit stopped the removal short: call again for the rest. */
  done: boolean;
}

/** Counts of what a store holds, for diagnostics and tests. */
export interface StoreCounts {
  traces: number;
  spans: number;
  logs: number;
  metrics: number;
}

/**
 * The one storage interface every backend implements (memory, SQLite; PostgreSQL and ClickHouse
 * later), and that the contract suite in `test/contract` checks against each of them.
 *
 * Rules every backend keeps:
 * - **Scoped.** Every read names one project and sees only that project's rows.
 * - **Atomic.** `write` commits its whole batch or nothing; its promise resolves only once the
 *   batch is durable as far as the backend goes (committed for SQLite), and rejects otherwise.
 * - **Idempotent.** A span is identified by (project, traceId, spanId): writing it again, in the
 *   same batch or a later one, stores nothing new and leaves the trace's rollup unchanged.
 *   Logs and metric points are appended (they carry no identity in OTLP).
 * - **Order-free.** A trace's rollup is the same whatever order and batches its spans came in.
 * - **Exact.** What is read back is what was written: every attribute with its type, nanosecond
 *   times, ids, status, kinds, events, links and dropped counts.
 * - **Bounded.** Every read takes a limit and returns at most that many items.
 */
export interface Store {
  /** The backend's name, e.g. `sqlite`, as shown in diagnostics. */
  readonly driver: string;

  /** Commits a batch (see the rules above). */
  write(batch: WriteBatch): Promise<WriteResult>;

  /** A trace with all its spans, or null when the project has no span of it. */
  getTrace(params: { project: string; traceId: string }): Promise<StoredTrace | null>;

  /** Trace summaries matching a query, newest first, one page at a time. */
  findTraces(query: TraceQuery): Promise<TracePage>;

  /** Spans, log records and annotations ranked by how well their text matches (BM25), best first. */
  searchText(query: TextSearchQuery): Promise<TextSearchResult>;

  /** Log records, oldest first (by time, then observed time). */
  findLogs(query: LogQuery): Promise<LogRecord[]>;

  /** Metric points, oldest first (by time), then by name. */
  findMetrics(query: MetricQuery): Promise<MetricPoint[]>;

  /**
   * Adds annotations (at most `ANNOTATION_LIMITS.perCall`), all or none: when the project does
   * not hold a trace or span one of them is on, rejects with `TargetsNotFoundError` listing every
   * such target, and stores nothing. Answers them as stored, with their ids, in the order given.
   * Rejects with a RangeError for an annotation that breaks `checkNewAnnotations`.
   */
  addAnnotations(params: { project: string; annotations: readonly NewAnnotation[] }): Promise<Annotation[]>;

  /** Annotations matching a query, newest first, one page at a time. */
  findAnnotations(query: AnnotationQuery): Promise<AnnotationPage>;

  /** Deletes one annotation; false when the project has none of that id. */
  deleteAnnotation(params: { project: string; id: string }): Promise<boolean>;

  /**
   * Sets or clears a trace's links, answering them as they now are. Rejects with
   * `TargetsNotFoundError` when the project does not hold the trace, or the trace it is to replay,
   * and with a RangeError for a change that breaks `checkLinkChange`.
   */
  linkTrace(change: TraceLinkChange): Promise<TraceLinks>;

  /** A trace's links; none for a trace the project does not hold. */
  getTraceLinks(params: { project: string; traceId: string }): Promise<TraceLinks>;

  /** The traces whose link has a value (sharing a correlation id, replaying one trace), newest first. */
  findLinkedTraces(query: LinkedTraceQuery): Promise<TracePage>;

  /**
   * Deletes traces of the project: every span, the rollup, and their share of the indexes and
   * aggregates, as if they had never been written. Unknown ids are ignored.
   */
  deleteTraces(params: { project: string; traceIds: readonly string[] }): Promise<{ deleted: number }>;

  /**
   * Retention, across projects: removes at most `limit` traces that started before `before`
   * (oldest first, each whole), then log records and metric points older than it, at most
   * `limit` of each. Once nothing older is left, long strings last used before it are collected.
   */
  removeOlderThan(params: { before: bigint; limit: number }): Promise<RemovalResult>;

  /** The start of the `rank`-th oldest trace across projects (1 = the oldest), or null. */
  oldestTraceStart(rank: number): Promise<bigint | null>;

  /** The bytes the stored data takes, or null for a backend that does not keep it on disk. */
  storedBytes(): Promise<number | null>;

  /** How many traces, spans, logs and points the project holds. */
  counts(params: { project: string }): Promise<StoreCounts>;

  /*
   * Analytics (see analytics.ts for the time rules). Each rejects with `AnalyticsQueryError` for a
   * query past its bounds (window, buckets, projects, limit) and answers the same in every backend.
   */

  /** Figures of the traces that start in a window. */
  traceStats(query: TraceStatsQuery): Promise<TraceStats>;

  /** Span or trace figures per group and time bucket: usage, cost, latency, errors. */
  groupedAnalytics(query: GroupedAnalyticsQuery): Promise<GroupedAnalytics>;

  /** Services with their span and trace figures, most spans first. */
  services(query: ServicesQuery): Promise<ServiceList>;

  /** Calls between services, from parent spans to child spans. */
  serviceDependencies(query: DependenciesQuery): Promise<ServiceDependencies>;

  /** Log records by severity and metric points by name, in a window. */
  recordCounts(query: RecordCountsQuery): Promise<RecordCounts>;

  /** Classifies an error thrown by `write`. */
  classifyWriteError(error: unknown): WriteFailureClass;

  /** Flushes and releases everything; the store is unusable afterwards. */
  close(): Promise<void>;
}
