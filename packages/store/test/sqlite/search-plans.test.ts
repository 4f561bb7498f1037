import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type TraceCursor, type TraceQuery } from '../../src/index.js';
import { SqliteReader } from '../../src/sqlite/reader.js';
import { temporaryDirectory } from '../contract/backends.js';
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

/** A reader on its own connection that records the SQL it prepares. */
interface RecordingReader {
  reader: SqliteReader;
  prepared: string[];
  db: Database.Database;
}

function recordingReader(path: string, rareSpanMatches: number): RecordingReader {
  const db = new Database(path, { readonly: true });
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  return { reader: new SqliteReader(db, rareSpanMatches), prepared, db };
}

function allPages(reader: SqliteReader, query: TraceQuery): string[] {
  const ids: string[] = [];
  let after: TraceCursor | undefined;
  do {
    const page = reader.findTraces({ ...query, after });
    ids.push(...page.traces.map((trace) => trace.traceId));
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return ids;
}

/*
 * `findTraces` starts from the spans matching a rare condition, or else walks the traces
 * newest first. Forced one way or the other, both plans must find the same traces.
 */
describe('SQLite trace search plans', () => {
  const directory = temporaryDirectory();
  const path = join(directory.dir, 'sextant.db');
  let plans: { fromRareSpans: RecordingReader; walkingTraces: RecordingReader };

  beforeAll(async () => {
    const store = openSqliteStore({ path, writer: 'inline' });
    await store.write({
      spans: [...searchSpans(), ...pagingSpans(), ...llmSearchSpans()],
      logs: [],
      metrics: [],
    });
    await store.close();
    plans = {
      fromRareSpans: recordingReader(path, Number.MAX_SAFE_INTEGER),
      walkingTraces: recordingReader(path, -1),
    };
  });
  afterAll(() => {
    for (const plan of Object.values(plans)) plan.db.close();
    directory.remove();
  });

  const names = Object.fromEntries(Object.entries(SEARCH_TRACE_IDS).map(([name, id]) => [id, name]));
  const llmNames = Object.fromEntries(Object.entries(LLM_TRACE_IDS).map(([name, id]) => [id, name]));

  it.each(SEARCH_CASES)('finds the same traces both ways: $name', ({ query, expected }) => {
    for (const { reader } of Object.values(plans)) {
      const page = reader.findTraces({ project: SEARCH_PROJECT, limit: 100, ...query });
      expect(page.traces.map((trace) => names[trace.traceId])).toEqual(expected);
    }
  });

  it.each(LLM_SEARCH_CASES)('finds the same LLM traces both ways: $name', ({ query, expected }) => {
    for (const { reader } of Object.values(plans)) {
      const page = reader.findTraces({ project: LLM_SEARCH_PROJECT, limit: 100, ...query });
      expect(page.traces.map((trace) => llmNames[trace.traceId])).toEqual(expected);
    }
  });

  it('pages the same way with both plans', () => {
    const query = { project: PAGING_PROJECT, spanName: 'even', limit: 7 };
    const ids = allPages(plans.fromRareSpans.reader, query);
    expect(ids).toHaveLength(29);
    expect(allPages(plans.walkingTraces.reader, query)).toEqual(ids);
  });

  it('starts from the matching spans only when told matches are rare', () => {
    const uses = (plan: RecordingReader, text: string) => plan.prepared.some((sql) => sql.includes(text));
    expect(uses(plans.fromRareSpans, 'FROM span_terms f JOIN spans s')).toBe(true);
    expect(uses(plans.walkingTraces, 'EXISTS')).toBe(true);
    expect(uses(plans.walkingTraces, 'CROSS JOIN')).toBe(false);
  });
});
