import { beforeAll, describe, expect, it } from 'vitest';
import type { Store, TraceCursor, TraceQuery } from '../../../src/index.js';
import { PAGING_PROJECT, PAGING_TRACE_COUNT, pagingSpans } from '../fixtures/search-traces.js';
import { type ContractContext, spansOnly } from './context.js';

/** Every page of a search, following the cursors. */
async function allPages(store: Store, query: TraceQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: TraceCursor | undefined;
  let pages = 0;
  do {
    const page = await store.findTraces({ ...query, after });
    pages++;
    expect(page.traces.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.traces.map((trace) => trace.traceId));
    after = page.nextCursor ?? undefined;
  } while (after !== undefined && pages <= PAGING_TRACE_COUNT);
  return { ids, pages };
}

/** Pages of a search, newest first, follow each other with no trace missed or repeated. */
export function pagingSection(context: ContractContext): void {
  describe('paging', () => {
    const newestFirst = pagingSpans()
      .map((span) => span.traceId)
      .reverse();

    beforeAll(async () => {
      await context.store.write(spansOnly(pagingSpans()));
    });

    it.each([1, 10, 19, 56, 57, 58, 1000])(
      'walks every trace once, newest first, %i at a time',
      async (limit) => {
        const { ids, pages } = await allPages(context.store, { project: PAGING_PROJECT, limit });
        expect(ids).toEqual(newestFirst);
        expect(pages).toBe(Math.ceil(PAGING_TRACE_COUNT / limit));
      },
    );

    it('pages through a filtered search', async () => {
      const { ids } = await allPages(context.store, {
        project: PAGING_PROJECT,
        spanName: 'even',
        limit: 7,
      });
      expect(ids).toEqual(newestFirst.filter((_, index) => (PAGING_TRACE_COUNT - 1 - index) % 2 === 0));
    });

    it('gives a cursor only when more traces follow', async () => {
      const full = await context.store.findTraces({ project: PAGING_PROJECT, limit: PAGING_TRACE_COUNT });
      expect(full.nextCursor).toBeNull();
      const partial = await context.store.findTraces({ project: PAGING_PROJECT, limit: 3 });
      expect(partial.nextCursor).toEqual({
        startTimeUnixNano: partial.traces[2]!.startTimeUnixNano,
        traceId: partial.traces[2]!.traceId,
      });
    });

    it('brings a limit out of range within bounds', async () => {
      expect((await context.store.findTraces({ project: PAGING_PROJECT, limit: 0 })).traces).toHaveLength(1);
      expect((await context.store.findTraces({ project: PAGING_PROJECT, limit: 1e9 })).traces).toHaveLength(
        PAGING_TRACE_COUNT,
      );
    });
  });
}
