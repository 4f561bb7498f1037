import type { TraceSummary } from '@sextant/core';
import type pg from 'pg';
import { pageLimit } from '../query/page-limit.js';
import { spanMeetsConditions } from '../query/span-conditions.js';
import { anySpanConditionsOf } from '../query/trace-conditions.js';
import { pageOf } from '../query/trace-page.js';
import type { TraceRow } from '../sqlite/rollup-codec.js';
import { numericRangeTokens, termToken } from '../sqlite/search-terms.js';
import type { SpanRow } from '../sqlite/span-codec.js';
import { WhereClause } from '../sqlite/where-clause.js';
import { MAX_TRACE_PAGE, type TraceCursor, type TracePage, type TraceQuery } from '../store.js';
import { termValue } from './batch-rows.js';
import { positional, rows } from './connection.js';
import { type PostgresRecordDecoder, SPAN_ROW_COLUMNS_OF_S } from './record-decoder.js';
import { summaryOfRow, traceColumnsOf } from './trace-rows.js';
import { tsqueryOf } from './words.js';

/**
 * Past this many matching spans, a condition is common enough that walking the traces newest
 * first fills a page sooner than gathering every match: a walk reads about `limit × traces /
 * matches` traces, a gathering every match, so they cross near the square root of `limit ×
 * traces` (measured near 300 matches for a window of 5 000 traces; about 1 400 for 100 000 by the
 * same rule). Lower than SQLite's, whose gathering reads a contentless index, not the spans' rows.
 */
const RARE_SPAN_MATCHES = 1000;

/** How many traces a search that must check spans in JavaScript reads per round. */
const CHECKED_CHUNK = 200;

const SQL_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** A trace's span, for the `EXISTS` conditions on its spans (the table named `s`). */
const SPAN_OF_TRACE = 's.project = t.project AND s.trace_id = t.trace_id';

/**
 * Trace search on PostgreSQL, by the rules of `TraceQuery`. Conditions on the trace are on its
 * rollup row; the span conditions are one `EXISTS` over the trace's spans (Jaeger's one-span
 * rule), whose exact facts (service, name, type, model, provider, attribute values, keys of
 * numeric attributes) are one containment test on the span's term hashes (GIN); the tag and the
 * text each in an `EXISTS` of their own. When every indexed condition is common, the traces are
 * walked newest first by `traces_by_start`, each one's spans probed, and the page fills early;
 * when one is rare, the planner gathers its few spans from the GIN index and sorts their traces.
 * What the terms only approximate (an attribute in one named place) is then checked on the
 * decoded spans of each trace the SQL returns.
 */
export class PostgresTraceSearch {
  readonly #pool: pg.Pool;
  readonly #decoder: PostgresRecordDecoder;
  readonly #rareSpanMatches: number;

  /** `rareSpanMatches` is `RARE_SPAN_MATCHES` but in tests that compare both plans. */
  constructor(pool: pg.Pool, decoder: PostgresRecordDecoder, rareSpanMatches = RARE_SPAN_MATCHES) {
    this.#pool = pool;
    this.#decoder = decoder;
    this.#rareSpanMatches = rareSpanMatches;
  }

  async find(query: TraceQuery): Promise<TracePage> {
    const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
    const span = spanConditions(query);
    const matches = spanMatches(query, span);
    const walk = await this.#walks(matches);
    const page = async (after: TraceCursor | undefined, count: number) => {
      const where = traceConditions(query, after);
      for (const match of matches) {
        // OFFSET 0 keeps the subquery a probe per trace: the planner cannot turn it into a join.
        where.add(
          `EXISTS (SELECT 1 FROM spans s WHERE ${SPAN_OF_TRACE} AND ${match.sql}${walk ? ' OFFSET 0' : ''})`,
          ...match.params,
        );
      }
      return rows<TraceRow>(
        this.#pool,
        positional(
          `SELECT ${traceColumnsOf('t')} FROM traces t WHERE ${where.sql} ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?`,
        ),
        [...where.params, count],
      );
    };
    if (!needsSpanCheck(query)) return pageOf((await page(query.after, limit + 1)).map(summaryOfRow), limit);
    return this.#findChecked(query, span.where, page, limit);
  }

  /**
   * Whether to walk the traces newest first, probing each one's spans: when no indexed condition
   * is rare. A rare one is better served the other way, its few matching spans gathered from its
   * GIN index and their traces sorted, which the planner chooses when left free. Counting stops
   * past the bound of rare matches, which keeps it cheap.
   */
  async #walks(matches: readonly SpanMatch[]): Promise<boolean> {
    for (const match of matches) {
      if (!match.indexed) continue;
      const [[count]] = (await rows<[bigint]>(
        this.#pool,
        positional(`SELECT count(*) FROM (SELECT 1 FROM spans s WHERE ${match.sql} LIMIT ?) AS m`),
        [...match.params, Math.max(this.#rareSpanMatches + 1, 0)],
      )) as [[bigint]];
      if (count <= this.#rareSpanMatches) return false;
    }
    return true;
  }

  /**
   * Reads the SQL's traces a chunk at a time, each after the last read, and keeps those with a span
   * that meets every span condition once decoded (of the spans that the SQL part of the
   * conditions lets through), until the page is full.
   */
  async #findChecked(
    query: TraceQuery,
    span: WhereClause,
    page: (after: TraceCursor | undefined, count: number) => Promise<TraceRow[]>,
    limit: number,
  ): Promise<TracePage> {
    const matches: TraceSummary[] = [];
    let after = query.after;
    while (matches.length <= limit) {
      const traces = (await page(after, CHECKED_CHUNK)).map(summaryOfRow);
      if (traces.length === 0) break;
      const spanRows = await rows<SpanRow>(
        this.#pool,
        positional(
          `SELECT ${SPAN_ROW_COLUMNS_OF_S} FROM spans s WHERE ${span.sql} AND s.trace_id = ANY(?::text[])`,
        ),
        [...span.params, traces.map((trace) => trace.traceId)],
      );
      const spans = await this.#decoder.spans(this.#pool, spanRows);
      const matching = new Set(
        spans.filter((candidate) => spanMeetsConditions(candidate, query)).map((s) => s.traceId),
      );
      for (const trace of traces) {
        if (!matching.has(trace.traceId)) continue;
        matches.push(trace);
        if (matches.length > limit) break;
      }
      if (traces.length < CHECKED_CHUNK) break;
      const last = traces[traces.length - 1]!;
      after = { startTimeUnixNano: last.startTimeUnixNano, traceId: last.traceId };
    }
    return pageOf(matches, limit);
  }
}

/** A condition some one span of the trace must meet (the table named `s`). */
interface SpanMatch {
  sql: string;
  params: unknown[];
  /** Whether a GIN index serves it. */
  indexed: boolean;
}

/** The query's span conditions, tag and text, each met by a span of its own (see `TraceQuery`). */
function spanMatches(query: TraceQuery, span: ReturnType<typeof spanConditions>): SpanMatch[] {
  const { text } = anySpanConditionsOf(query);
  const matches: SpanMatch[] = [];
  if (span.where.narrowed)
    matches.push({ sql: span.where.sql, params: [...span.where.params], indexed: span.indexed });
  if (query.tag !== undefined) {
    matches.push({
      sql: 's.project = ? AND s.terms @> ?::bigint[]',
      params: [query.project, [termValue(termToken(query.project, 'tag', query.tag))]],
      indexed: true,
    });
  }
  if (text !== undefined) {
    matches.push({
      sql: 's.project = ? AND s.words @@ ?::tsquery',
      params: [query.project, tsqueryOf(text)],
      indexed: true,
    });
  }
  return matches;
}

/** Conditions on the trace's own row, and on its bounds, which prune before any span is read. */
function traceConditions(query: TraceQuery, after: TraceCursor | undefined): WhereClause {
  const where = new WhereClause('t.project = ?', query.project);
  where.add('t.status = ?', query.status);
  if (query.hasErrors !== undefined) where.add(query.hasErrors ? 't.error_count > 0' : 't.error_count = 0');
  where.add('t.user_id = ?', query.userId);
  where.add('t.session_id = ?', query.sessionId);
  if (after !== undefined)
    where.add('(t.start_ns, t.trace_id) < (?, ?)', after.startTimeUnixNano, after.traceId);
  // A span starting in [min, max] lies in a trace that starts by max and ends after min, and no
  // span lasts longer than its trace.
  where.add('t.start_ns <= ?', query.startTimeMax);
  where.add('t.end_ns >= ?', query.startTimeMin);
  where.add('t.end_ns - t.start_ns >= ?', query.minDurationNano);
  return where;
}

/**
 * Span conditions on the columns of `spans` named `s` (always true but for the project when none
 * is set), and whether some of them are on the span's terms, which an index serves.
 */
function spanConditions(query: TraceQuery): { where: WhereClause; indexed: boolean } {
  const { project } = query;
  const span = new WhereClause('s.project = ?', project);
  const tokens: string[] = [];
  if (query.service !== undefined) tokens.push(termToken(project, 'service', query.service));
  if (query.spanName !== undefined) tokens.push(termToken(project, 'spanName', query.spanName));
  if (query.spanType !== undefined) tokens.push(termToken(project, 'spanType', query.spanType));
  if (query.model !== undefined) tokens.push(termToken(project, 'model', query.model));
  if (query.provider !== undefined) tokens.push(termToken(project, 'provider', query.provider));
  for (const { key, op, value } of query.attributes ?? []) {
    tokens.push(
      op === 'eq' ? termToken(project, 'attribute', key, value) : termToken(project, 'numericKey', key),
    );
  }
  if (tokens.length > 0) span.add('s.terms @> ?::bigint[]', tokens.map(termValue));
  for (const { key, op, value } of query.attributes ?? []) {
    // The ranges the value may fall in: a coarse filter the index serves, before the exact check.
    if (op !== 'eq')
      span.add('s.terms && ?::bigint[]', numericRangeTokens(project, key, op, Number(value)).map(termValue));
  }
  span.add('s.start_ns >= ?', query.startTimeMin);
  span.add('s.start_ns <= ?', query.startTimeMax);
  span.add('s.end_ns - s.start_ns >= ?', query.minDurationNano);
  span.add('s.end_ns - s.start_ns <= ?', query.maxDurationNano);
  for (const { place, key, op, value } of query.attributes ?? []) {
    if (op === 'eq' || place !== 'any') continue;
    const bound = Number(value);
    // NaN compares false with everything, as in JavaScript; PostgreSQL would sort it above all.
    if (Number.isNaN(bound)) span.add('FALSE');
    else {
      span.add(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(s.numbers -> ?::text) v WHERE v::float8 ${SQL_OPERATORS[op]} ?::float8)`,
        key,
        String(bound),
      );
    }
  }
  return { where: span, indexed: tokens.length > 0 };
}

/**
 * Whether some condition is only approximated in SQL: an attribute in one named place (the term
 * hashes and the numbers column do not say which place holds a value).
 */
function needsSpanCheck(query: TraceQuery): boolean {
  return (query.attributes ?? []).some(({ place }) => place !== 'any');
}
