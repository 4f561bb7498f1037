import type { Store, StoredTrace, TracePage, TraceQuery } from '@sextant/store';

/** Traces per page of the search an export walks: what the walk holds at most besides one trace. */
export const EXPORT_PAGE_SIZE = 100;

/** The search's first page, as the walk starts from it. */
export function firstExportPage(store: Store, query: TraceQuery, max: number): Promise<TracePage> {
  return store.findTraces({ ...query, limit: Math.min(EXPORT_PAGE_SIZE, max), after: undefined });
}

/**
 * The traces of a search, newest first, at most `max`, each read whole only when the consumer asks
 * for the next one: the walk holds one page of summaries and one trace, whatever the export's
 * size. A trace gone between its page and its turn (deleted, evicted) is left out.
 */
export async function* walkTraces(
  store: Store,
  query: TraceQuery,
  first: TracePage,
  max: number,
): AsyncGenerator<StoredTrace> {
  let page = first;
  let walked = 0;
  for (;;) {
    for (const { traceId } of page.traces) {
      if (walked >= max) return;
      const trace = await store.getTrace({ project: query.project, traceId });
      if (trace === null) continue;
      walked++;
      yield trace;
    }
    if (page.nextCursor === null || walked >= max) return;
    page = await store.findTraces({
      ...query,
      limit: Math.min(EXPORT_PAGE_SIZE, max - walked),
      after: page.nextCursor,
    });
  }
}
