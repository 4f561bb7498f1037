import type { TraceCursor } from '../store.js';

/** What orders traces in a page: their start, then their id. */
type TracePosition = Pick<TraceCursor, 'startTimeUnixNano' | 'traceId'>;

/** Newest first: trace start descending, then trace id descending (the order of every page). */
export function compareNewestFirst(a: TracePosition, b: TracePosition): number {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano > b.startTimeUnixNano ? -1 : 1;
  return a.traceId === b.traceId ? 0 : a.traceId > b.traceId ? -1 : 1;
}

/** Whether a trace comes strictly after the cursor in newest-first order. */
export function isAfterCursor(trace: TracePosition, cursor: TraceCursor): boolean {
  return compareNewestFirst(trace, cursor) > 0;
}
