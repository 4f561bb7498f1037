import { beforeAll, describe, expect, it } from 'vitest';
import {
  LLM_SEARCH_CASES,
  LLM_SEARCH_PROJECT,
  LLM_TRACE_IDS,
  type LlmTraceName,
  llmSearchSpans,
} from '../fixtures/llm-search-traces.js';
import { type ContractContext, spansOnly } from './context.js';

/** Searches by LLM fields, attributes in each place, numbers, tags and full text. */
export function llmSearchSection(context: ContractContext): void {
  describe('LLM and attribute search', () => {
    const names = Object.fromEntries(Object.entries(LLM_TRACE_IDS).map(([name, id]) => [id, name]));

    beforeAll(async () => {
      await context.store.write(spansOnly(llmSearchSpans()));
    });

    it.each(LLM_SEARCH_CASES)('finds exactly the matching traces: $name', async ({ query, expected }) => {
      const page = await context.store.findTraces({ project: LLM_SEARCH_PROJECT, limit: 100, ...query });
      expect(page.traces.map((trace) => names[trace.traceId] as LlmTraceName)).toEqual(expected);
    });

    it('pages through a search checked span by span', async () => {
      const query = {
        project: LLM_SEARCH_PROJECT,
        attributes: [{ place: 'any', key: 'http.response.status_code', op: 'gte', value: '200' }] as const,
      };
      const first = await context.store.findTraces({ ...query, limit: 2 });
      expect(first.traces.map((trace) => names[trace.traceId])).toEqual(['a3', 'a2']);
      const second = await context.store.findTraces({ ...query, limit: 2, after: first.nextCursor! });
      expect(second.traces.map((trace) => names[trace.traceId])).toEqual(['a1']);
      expect(second.nextCursor).toBeNull();
    });

    it('keeps a text query within its project', async () => {
      const page = await context.store.findTraces({
        project: 'llm-search-elsewhere',
        text: 'refund',
        limit: 10,
      });
      expect(page.traces).toEqual([]);
    });
  });
}
