import type { Store, TraceQuery } from '@sextant/store';

/** A store that counts the reads an export makes, and records each search's page size. */
export interface CountingStore {
  store: Store;
  getTraceCalls: number;
  pageLimits: number[];
}

/** Wraps a real store: every call goes to it, after being counted. */
export function countingStore(inner: Store): CountingStore {
  const counts: CountingStore = {
    store: {
      ...inner,
      getTrace: (params) => {
        counts.getTraceCalls++;
        return inner.getTrace(params);
      },
      findTraces: (query: TraceQuery) => {
        counts.pageLimits.push(query.limit);
        return inner.findTraces(query);
      },
    },
    getTraceCalls: 0,
    pageLimits: [],
  };
  return counts;
}
