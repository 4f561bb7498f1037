import { pageLimit } from '../query/page-limit.js';
import { compareNewestFirst, isAfterCursor } from '../query/trace-order.js';
import { pageOf } from '../query/trace-page.js';
import { rollupKey, summarizeRollup, type TraceRollup } from '../rollup/trace-rollup.js';
import { MAX_TRACE_PAGE, type TracePage } from '../store.js';
import {
  changedLinks,
  checkLinkChange,
  type LinkedTraceQuery,
  NO_TRACE_LINKS,
  requireLinkTargets,
  type TraceLinkChange,
  type TraceLinks,
} from '../trace-links.js';
import type { MemoryState, TraceEntry } from './state.js';

/**
 * The links of a memory store's traces, kept with the trace: keyed weakly by its entry, they go
 * when the trace is evicted.
 */
export class MemoryTraceLinks {
  readonly #byTrace = new WeakMap<TraceEntry, TraceLinks>();

  link(state: MemoryState, change: TraceLinkChange): TraceLinks {
    checkLinkChange(change);
    const entryOf = (traceId: string) => state.traces.get(rollupKey(change.project, traceId));
    requireLinkTargets(change, (traceId) => entryOf(traceId) !== undefined);
    const entry = entryOf(change.traceId)!;
    const links = changedLinks(this.#byTrace.get(entry) ?? NO_TRACE_LINKS, change);
    this.#byTrace.set(entry, links);
    return { ...links };
  }

  get(state: MemoryState, project: string, traceId: string): TraceLinks {
    const entry = state.traces.get(rollupKey(project, traceId));
    const links = entry === undefined ? undefined : this.#byTrace.get(entry);
    return { ...(links ?? NO_TRACE_LINKS) };
  }

  find(state: MemoryState, query: LinkedTraceQuery): TracePage {
    const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
    const rollups: TraceRollup[] = [];
    for (const entry of state.traces.values()) {
      const { rollup } = entry;
      if (rollup.project !== query.project || this.#byTrace.get(entry)?.[query.field] !== query.value)
        continue;
      if (query.after === undefined || isAfterCursor(rollup, query.after)) rollups.push(rollup);
    }
    rollups.sort(compareNewestFirst);
    return pageOf(rollups.slice(0, limit + 1).map(summarizeRollup), limit);
  }
}
