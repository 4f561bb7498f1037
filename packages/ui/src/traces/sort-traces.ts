import type { TraceSummary } from '../api/types.js';

/** The columns the trace list sorts by, with the value each compares. */
export const SORT_KEYS = {
  time: (trace: TraceSummary) => BigInt(trace.startTimeUnixNano),
  duration: (trace: TraceSummary) => BigInt(trace.durationNano),
  spans: (trace: TraceSummary) => trace.spanCount,
  tokens: (trace: TraceSummary) => trace.tokens.total,
  cost: (trace: TraceSummary) => trace.costNanoUsd,
  errors: (trace: TraceSummary) => trace.errorCount,
} as const;
export type SortKey = keyof typeof SORT_KEYS;
export type SortOrder = 'asc' | 'desc';

export function isSortKey(value: string | null): value is SortKey {
  return value !== null && Object.hasOwn(SORT_KEYS, value);
}

/**
 * The loaded traces in another order; ties keep the API's order (newest first). The API pages
 * newest first, so any other order sorts the pages loaded so far.
 */
export function sortTraces(traces: readonly TraceSummary[], key: SortKey, order: SortOrder): TraceSummary[] {
  const value = SORT_KEYS[key];
  const sign = order === 'asc' ? 1 : -1;
  return traces
    .map((trace, index) => ({ trace, index, value: value(trace) }))
    .sort((a, b) => (a.value < b.value ? -sign : a.value > b.value ? sign : a.index - b.index))
    .map(({ trace }) => trace);
}
