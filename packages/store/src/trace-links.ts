import { isTraceId, requireTargets } from './annotations.js';
import type { TraceCursor } from './store.js';

/** How a trace relates to others; null where it has no such link. */
export interface TraceLinks {
  /** Shared by the traces of one larger piece of work (a request across systems, a batch job). */
  correlationId: string | null;
  /** The trace this one re-runs. */
  replayOf: string | null;
}

/** The links, as names: `findLinkedTraces` finds the traces sharing the value of one. */
export const TRACE_LINK_FIELDS = ['correlationId', 'replayOf'] as const;
export type TraceLinkField = (typeof TRACE_LINK_FIELDS)[number];

export const NO_TRACE_LINKS: Readonly<TraceLinks> = Object.freeze({ correlationId: null, replayOf: null });

/** A change to a trace's links: a field given is set (null clears it); one left out stays. */
export interface TraceLinkChange extends Partial<TraceLinks> {
  project: string;
  traceId: string;
}

/** The traces whose link `field` has `value`. */
export interface LinkedTraceQuery {
  project: string;
  field: TraceLinkField;
  value: string;
  /** At most this many traces (1..`MAX_TRACE_PAGE`). */
  limit: number;
  after?: TraceCursor | undefined;
}

/** Printable ASCII without spaces: request ids, UUIDs, job names. */
const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;

export function isCorrelationId(text: string): boolean {
  return CORRELATION_ID.test(text);
}

/**
 * Checks a change against the rules every backend keeps.
 * @throws RangeError for a malformed id, or a trace named a replay of itself.
 */
export function checkLinkChange({ traceId, correlationId, replayOf }: TraceLinkChange): void {
  if (!isTraceId(traceId)) throw new RangeError('traceId must be 32 lower-case hex digits');
  if (typeof correlationId === 'string' && !isCorrelationId(correlationId)) {
    throw new RangeError('a correlation id is 1 to 128 printable ASCII characters without spaces');
  }
  if (typeof replayOf === 'string') {
    if (!isTraceId(replayOf)) throw new RangeError('replayOf must be 32 lower-case hex digits');
    if (replayOf === traceId) throw new RangeError('a trace cannot be a replay of itself');
  }
}

/**
 * Checks that the project holds the trace, and the trace it is to replay.
 * @throws TargetsNotFoundError naming those it does not hold.
 */
export function requireLinkTargets(change: TraceLinkChange, holds: (traceId: string) => boolean): void {
  const traceIds = typeof change.replayOf === 'string' ? [change.traceId, change.replayOf] : [change.traceId];
  requireTargets(
    change.project,
    traceIds.map((traceId) => ({ traceId, spanId: null })),
    ({ traceId }) => holds(traceId),
  );
}

/** The links after the change: what it gives, and what it leaves out as it was. */
export function changedLinks(current: TraceLinks, change: TraceLinkChange): TraceLinks {
  return {
    correlationId: change.correlationId === undefined ? current.correlationId : change.correlationId,
    replayOf: change.replayOf === undefined ? current.replayOf : change.replayOf,
  };
}
