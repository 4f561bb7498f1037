import type { TraceSummary } from '@sextant/core';
import type { TracePage } from '../store.js';

/**
 * A page from the first `limit + 1` matches in page order: the extra match, when there is one,
 * only tells that more follow, so a cursor is never handed out for an empty next page.
 */
export function pageOf(matches: TraceSummary[], limit: number): TracePage {
  if (matches.length <= limit) return { traces: matches, nextCursor: null };
  const traces = matches.slice(0, limit);
  const last = traces[limit - 1]!;
  return { traces, nextCursor: { startTimeUnixNano: last.startTimeUnixNano, traceId: last.traceId } };
}
