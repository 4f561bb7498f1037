import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type TraceCursor, type TraceQuery } from '../../src/index.js';
import { openPool } from '../../src/postgres/connection.js';
import { PostgresRecordDecoder } from '../../src/postgres/record-decoder.js';
import { PostgresTraceSearch } from '../../src/postgres/trace-search.js';
import {
  LLM_SEARCH_CASES,
  LLM_SEARCH_PROJECT,
  LLM_TRACE_IDS,
  llmSearchSpans,
} from '../contract/fixtures/llm-search-traces.js';
import {
  PAGING_PROJECT,
  pagingSpans,
  SEARCH_CASES,
  SEARCH_PROJECT,
  SEARCH_TRACE_IDS,
  searchSpans,
} from '../contract/fixtures/search-traces.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';

/** A search on a pool of its own that records the SQL it sends. */
interface RecordingSearch {
  search: PostgresTraceSearch;
  sent: string[];
  pool: pg.Pool;
}

function recordingSearch(url: string, rareSpanMatches: number): RecordingSearch {
  const pool = openPool({ url });
  const sent: string[] = [];
  const query = pool.query.bind(pool) as (config: { text: string }) => Promise<unknown>;
  pool.query = ((config: { text: string }) => {
    sent.push(config.text);
    return query(config);
  }) as typeof pool.query;
  return { search: new PostgresTraceSearch(pool, new PostgresRecordDecoder(), rareSpanMatches), sent, pool };
}

async function allPages(search: PostgresTraceSearch, query: TraceQuery): Promise<string[]> {
  const ids: string[] = [];
  let after: TraceCursor | undefined;
  do {
    const page = await search.find({ ...query, after });
    ids.push(...page.traces.map((trace) => trace.traceId));
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return ids;
}

/*
 * `find` lets the planner gather the spans of a rare condition, or else walks the traces newest
 * first, probing each. Forced one way or the other, both plans must find the same traces.
 */
describe('PostgreSQL trace search plans', () => {
  let cluster: PostgresCluster;
  let plans: { gathering: RecordingSearch; walking: RecordingSearch };

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase('plans');
    const store = await openPostgresStore({ url });
    await store.write({
      spans: [...searchSpans(), ...pagingSpans(), ...llmSearchSpans()],
      logs: [],
      metrics: [],
    });
    await store.close();
    plans = { gathering: recordingSearch(url, Number.MAX_SAFE_INTEGER), walking: recordingSearch(url, -1) };
  });
  afterAll(async () => {
    for (const plan of Object.values(plans ?? {})) await plan.pool.end();
    await cluster?.destroy();
  });

  const names = Object.fromEntries(Object.entries(SEARCH_TRACE_IDS).map(([name, id]) => [id, name]));
  const llmNames = Object.fromEntries(Object.entries(LLM_TRACE_IDS).map(([name, id]) => [id, name]));

  it.each(SEARCH_CASES)('finds the same traces both ways: $name', async ({ query, expected }) => {
    for (const { search } of Object.values(plans)) {
      const page = await search.find({ project: SEARCH_PROJECT, limit: 100, ...query });
      expect(page.traces.map((trace) => names[trace.traceId])).toEqual(expected);
    }
  });

  it.each(LLM_SEARCH_CASES)('finds the same LLM traces both ways: $name', async ({ query, expected }) => {
    for (const { search } of Object.values(plans)) {
      const page = await search.find({ project: LLM_SEARCH_PROJECT, limit: 100, ...query });
      expect(page.traces.map((trace) => llmNames[trace.traceId])).toEqual(expected);
    }
  });

  it('pages the same way with both plans', async () => {
    const query = { project: PAGING_PROJECT, spanName: 'even', limit: 7 };
    const ids = await allPages(plans.gathering.search, query);
    expect(ids).toHaveLength(29);
    expect(await allPages(plans.walking.search, query)).toEqual(ids);
  });

  it('probes trace by trace only when told matches are common', () => {
    const searches = (plan: RecordingSearch) =>
      plan.sent.filter((sql) => sql.includes('EXISTS (SELECT 1 FROM spans'));
    expect(searches(plans.walking).every((sql) => sql.includes('OFFSET 0'))).toBe(true);
    expect(searches(plans.gathering).some((sql) => !sql.includes('OFFSET 0'))).toBe(true);
  });
});
