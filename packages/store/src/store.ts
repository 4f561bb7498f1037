import type { LogRecord, MetricPoint, MetricType, Span, TraceStatus, TraceSummary } from '@sextant/core';

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

/**
 * A trace search. Span conditions (`service`, `spanName`, the duration bounds and the start time
 * range) must all hold on **one single span** of a trace for the trace to match (Jaeger's rule);
 * `status` is a condition on the trace's rollup.
 */
export interface TraceQuery {
  project: string;
  service?: string | undefined;
  spanName?: string | undefined;
  status?: TraceStatus | undefined;
  /** Inclusive bounds on a span's duration, in nanoseconds. */
  minDurationNano?: bigint | undefined;
  maxDurationNano?: bigint | undefined;
  /** Inclusive bounds on a span's start time, in nanoseconds since the epoch. */
  startTimeMin?: bigint | undefined;
  startTimeMax?: bigint | undefined;
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
  startTimeMin?: bigint | undefined;
  startTimeMax?: bigint | undefined;
  /** At most this many points (1..`MAX_METRIC_PAGE`). */
  limit: number;
}

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

  /** Log records, oldest first (by time, then observed time). */
  findLogs(query: LogQuery): Promise<LogRecord[]>;

  /** Metric points, oldest first (by time), then by name. */
  findMetrics(query: MetricQuery): Promise<MetricPoint[]>;

  /** How many traces, spans, logs and points the project holds. */
  counts(params: { project: string }): Promise<StoreCounts>;

  /** Classifies an error thrown by `write`. */
  classifyWriteError(error: unknown): WriteFailureClass;

  /** Flushes and releases everything; the store is unusable afterwards. */
  close(): Promise<void>;
}
