import { beforeAll, describe, expect, it } from 'vitest';
import {
  SEARCH_CASES,
  SEARCH_PROJECT,
  SEARCH_TRACE_IDS,
  type SearchTraceName,
  searchSpans,
} from '../fixtures/search-traces.js';
import { type ContractContext, spansOnly } from './context.js';

/** Searches find exactly the traces with one span meeting every condition. */
export function traceSearchSection(context: ContractContext): void {
  describe('trace search', () => {
    beforeAll(async () => {
      await context.store.write(spansOnly(searchSpans()));
    });

    it.each(SEARCH_CASES)('finds exactly the matching traces: $name', async ({ query, expected }) => {
      const page = await context.store.findTraces({ project: SEARCH_PROJECT, limit: 100, ...query });
      const names = Object.fromEntries(Object.entries(SEARCH_TRACE_IDS).map(([name, id]) => [id, name]));
      expect(page.traces.map((trace) => names[trace.traceId] as SearchTraceName)).toEqual(expected);
    });

    it('returns whole summaries', async () => {
      const page = await context.store.findTraces({ project: SEARCH_PROJECT, service: 'db', limit: 100 });
      const s1 = await context.store.getTrace({ project: SEARCH_PROJECT, traceId: SEARCH_TRACE_IDS.s1 });
      expect(page.traces.at(-1)).toEqual(s1?.summary);
      expect(s1?.summary).toMatchObject({ spanCount: 3, services: ['db', 'frontend', 'payments'] });
    });
  });
}
