import type { TokenCounts } from './llm.js';

/**
 * How a trace stands:
 * - `ok`: its root span has arrived and no span has an error status;
 * - `error`: at least one span has an error status;
 * - `partial`: no error, but its root span has not arrived (yet).
 */
export const TRACE_STATUSES = ['ok', 'error', 'partial'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

/**
 * The rollup of a trace, derived from its spans and kept current whatever order and batches
 * they arrive in: the same spans always give the same summary.
 */
export interface TraceSummary {
  project: string;
  traceId: string;
  /** Span id of the root (the span with no parent), once it has arrived. */
  rootSpanId: string | null;
  rootName: string | null;
  rootService: string | null;
  /** Earliest span start and latest span end, in nanoseconds. */
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  durationNano: bigint;
  spanCount: number;
  errorCount: number;
  llmCallCount: number;
  toolCallCount: number;
  tokens: TokenCounts;
  /** Sum of the spans' costs, in integer nano-dollars. */
  costNanoUsd: number;
  /** The first session / user id any span of the trace carries (the root's wins). */
  sessionId: string | null;
  userId: string | null;
  /** Every service that has a span in the trace, sorted. */
  services: string[];
  status: TraceStatus;
}
