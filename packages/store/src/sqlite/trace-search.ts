import type { Span } from '@sextant/core';
import { pageLimit } from '../query/page-limit.js';
import { spanMeetsConditions } from '../query/span-conditions.js';
import { anySpanConditionsOf } from '../query/trace-conditions.js';
import { pageOf } from '../query/trace-page.js';
import { summarizeRollup } from '../rollup/trace-rollup.js';
import { MAX_TRACE_PAGE, type TracePage, type TraceQuery } from '../store.js';
import { boundedCount, existsInIndex, type IndexMatch, termsMatch, wordsMatch } from './index-match.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow } from './rollup-codec.js';
import { numericRangeTokens, termToken } from './search-terms.js';
import { SPAN_COLUMNS, type SpanRow } from './span-codec.js';
import { WhereClause } from './where-clause.js';

/**
 * What the search needs from the reader: rows of a statement, and spans decoded from rows well
 * enough to check search conditions on (long strings may be left unread).
 */
export interface SearchSource {
  rows<Row>(sql: string, params: readonly unknown[]): Row[];
  decodeSpans(project: string, rows: readonly SpanRow[]): Span[];
}

/**
 * Past this many matching spans, a search condition is common enough that walking the traces
 * newest first meets matches early; below it, the matches are gathered and their traces sorted.
 */
export const RARE_SPAN_MATCHES = 5000;

/** How many traces a search that must check spans in JavaScript reads per round. */
const VERIFIED_CHUNK = 200;

const TRACE_COLUMNS_OF_T = TRACE_COLUMNS.split(',')
  .map((column) => `t.${column.trim()}`)
  .join(', ');
const SPAN_COLUMNS_OF_S = SPAN_COLUMNS.split(',')
  .map((column) => `s.${column.trim()}`)
  .join(', ');

/**
 * Trace search on SQLite. Every condition that an index can answer becomes SQL: trace-wide ones
 * on `traces`, span ones in one `EXISTS` over the trace's spans (the one-span rule), whose exact
 * facts (service, name, type, model, provider, attribute values) are one MATCH on `span_terms`;
 * the tag and the text each in an `EXISTS` of their own. The traces are either walked newest first
 * by `traces_by_start`, or, when some index condition matches few spans, gathered from those
 * spans and sorted. What the indexes only approximate (an attribute in one named place, numeric
 * comparisons) is then checked on the decoded spans of each trace the SQL returns.
 */
export class TraceSearch {
  readonly #source: SearchSource;
  readonly #rareSpanMatches: number;

  constructor(source: SearchSource, rareSpanMatches = RARE_SPAN_MATCHES) {
    this.#source = source;
    this.#rareSpanMatches = rareSpanMatches;
  }

  find(query: TraceQuery): TracePage {
    const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
    const anySpan = anySpanConditionsOf(query);
    const checkedTokens = factTokens(query);
    const gathered = gatheringTokens(query, checkedTokens);
    const spanTerms = gathered.length === 0 ? null : termsMatch('span_terms', gathered);
    // Every span condition is checked on the span's row: its columns, its numbers, its term tokens.
    const span = spanColumnConditions(query);
    for (const { place, key, op, value } of query.attributes ?? []) {
      if (op === 'eq' || place !== 'any') continue;
      span.add(
        `EXISTS (SELECT 1 FROM json_each(s.numbers) k, json_each(k.value) v WHERE k.key = ? AND v.value ${SQL_OPERATORS[op]} ?)`,
        key,
        Number(value),
      );
    }
    // Tokens have one length and spaces between them: a substring match is a token match.
    for (const token of checkedTokens) span.add('instr(s.terms, ?) > 0', token);
    const where = traceConditions(query);
    if (span.narrowed) {
      where.add(
        `EXISTS (SELECT 1 FROM spans s INDEXED BY spans_by_trace WHERE s.trace_key = t.trace_key AND ${span.sql})`,
        ...span.params,
      );
    }
    const tagToken = query.tag === undefined ? null : termToken(query.project, 'tag', query.tag);
    const tag = tagToken === null ? null : termsMatch('span_terms', [tagToken]);
    if (tagToken !== null) {
      where.add(
        'EXISTS (SELECT 1 FROM spans s INDEXED BY spans_by_trace WHERE s.trace_key = t.trace_key AND instr(s.terms, ?) > 0)',
        tagToken,
      );
    }
    const text = anySpan.text === undefined ? null : wordsMatch('span_words', anySpan.text);
    if (text !== null) {
      where.add(
        `EXISTS (SELECT 1 FROM spans s INDEXED BY spans_by_trace WHERE s.trace_key = t.trace_key AND ${existsInIndex(text, 's.rowid')})`,
        text.expression,
      );
    }
    const rare = this.#rarestMatch([spanTerms, tag, text]);
    const from =
      rare === null
        ? { sql: 'traces t', params: [] }
        : {
            sql: `(SELECT DISTINCT s.trace_key FROM ${rare.table} f JOIN spans s ON s.rowid = f.rowid WHERE ${rare.table} MATCH ?) m CROSS JOIN traces t`,
            params: [rare.expression],
          };
    if (rare !== null) where.add('t.trace_key = m.trace_key');
    const sql =
      `SELECT t.trace_key, ${TRACE_COLUMNS_OF_T} FROM ${from.sql} WHERE ${where.sql} ` +
      'ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?';
    const params = [...from.params, ...where.params];
    if (!needsSpanCheck(query)) {
      const rows = this.#source.rows<[bigint, ...TraceRow]>(sql, [...params, limit + 1]);
      return pageOf(
        rows.map(([, ...row]) => summarizeRollup(rollupOfRow(row))),
        limit,
      );
    }
    return this.#findChecked(query, sql, params, span, limit);
  }

  /**
   * Reads the SQL's traces a chunk at a time, from after the last trace read, and keeps those with
   * a span that meets every span condition once decoded (of the spans that `span`, the indexed
   * part of them, lets through), until the page is full.
   */
  #findChecked(
    query: TraceQuery,
    sql: string,
    params: unknown[],
    span: WhereClause,
    limit: number,
  ): TracePage {
    const keyset = sql.replace(' ORDER BY', ' AND (t.start_ns, t.trace_id) < (?, ?) ORDER BY');
    const spansSql = `SELECT ${SPAN_COLUMNS_OF_S} FROM spans s INDEXED BY spans_by_trace WHERE s.trace_key = ? AND ${span.sql}`;
    const matches = [];
    let last: [start: bigint, traceId: string] | null = null;
    while (matches.length <= limit) {
      const rows: [bigint, ...TraceRow][] =
        last === null
          ? this.#source.rows(sql, [...params, VERIFIED_CHUNK])
          : this.#source.rows(keyset, [...params, ...last, VERIFIED_CHUNK]);
      for (const [key, ...row] of rows) {
        const spans = this.#source.decodeSpans(
          query.project,
          this.#source.rows<SpanRow>(spansSql, [key, ...span.params]),
        );
        if (spans.some((candidate) => spanMeetsConditions(candidate, query))) {
          matches.push(summarizeRollup(rollupOfRow(row)));
          if (matches.length > limit) break;
        }
      }
      if (rows.length < VERIFIED_CHUNK) break;
      const [, , traceId, , , , , start] = rows[rows.length - 1]!;
      last = [start, traceId];
    }
    return pageOf(matches, limit);
  }

  /** The index condition with the fewest matching spans, when those are few; counting stops past that. */
  #rarestMatch(matches: readonly (IndexMatch | null)[]): IndexMatch | null {
    let rarest: IndexMatch | null = null;
    let fewest = this.#rareSpanMatches + 1;
    for (const match of matches) {
      if (match === null) continue;
      const [count] = this.#source.rows<[bigint]>(boundedCount(match), [match.expression, fewest])[0]!;
      if (count < fewest) {
        fewest = Number(count);
        rarest = match;
      }
    }
    return rarest;
  }
}

/** Conditions on the trace's own row, and on its bounds, which prune before any span is read. */
function traceConditions(query: TraceQuery): WhereClause {
  const where = new WhereClause('t.project = ?', query.project);
  where.add('t.status = ?', query.status);
  if (query.hasErrors !== undefined) where.add(query.hasErrors ? 't.error_count > 0' : 't.error_count = 0');
  where.add('t.user_id = ?', query.userId);
  where.add('t.session_id = ?', query.sessionId);
  if (query.after !== undefined) {
    where.add('(t.start_ns, t.trace_id) < (?, ?)', query.after.startTimeUnixNano, query.after.traceId);
  }
  // A span starting in [min, max] lies in a trace that starts by max and ends after min, and no
  // span lasts longer than its trace.
  where.add('t.start_ns <= ?', query.startTimeMax);
  where.add('t.end_ns >= ?', query.startTimeMin);
  where.add('t.end_ns - t.start_ns >= ?', query.minDurationNano);
  return where;
}

/** Span conditions on the columns of `spans` (always true but for the project when none is set). */
function spanColumnConditions(query: TraceQuery): WhereClause {
  const span = new WhereClause('s.project = ?', query.project);
  span.add('s.service = ?', query.service);
  span.add('s.name = ?', query.spanName);
  span.add('s.start_ns >= ?', query.startTimeMin);
  span.add('s.start_ns <= ?', query.startTimeMax);
  span.add('s.end_ns - s.start_ns >= ?', query.minDurationNano);
  span.add('s.end_ns - s.start_ns <= ?', query.maxDurationNano);
  return span;
}

const SQL_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * The term tokens of the exact facts a span must carry that its row has no column for: its type,
 * model, provider, and attribute values. Tokens have one length and spaces between them in the
 * row's `terms`, so a substring match there is a token match.
 */
function factTokens(query: TraceQuery): string[] {
  const { project } = query;
  const tokens: string[] = [];
  if (query.spanType !== undefined) tokens.push(termToken(project, 'spanType', query.spanType));
  if (query.model !== undefined) tokens.push(termToken(project, 'model', query.model));
  if (query.provider !== undefined) tokens.push(termToken(project, 'provider', query.provider));
  for (const { key, op, value } of query.attributes ?? []) {
    if (op === 'eq') tokens.push(termToken(project, 'attribute', key, value));
  }
  return tokens;
}

/**
 * The tokens that gather, from the term index, the spans that may meet every span condition: the
 * facts, the service and span name, and the ranges that can hold each numeric condition's values
 * (an inner list: one of them).
 */
function gatheringTokens(query: TraceQuery, facts: readonly string[]): (string | string[])[] {
  const { project } = query;
  const tokens: (string | string[])[] = [...facts];
  if (query.service !== undefined) tokens.push(termToken(project, 'service', query.service));
  if (query.spanName !== undefined) tokens.push(termToken(project, 'spanName', query.spanName));
  for (const { key, op, value } of query.attributes ?? []) {
    if (op !== 'eq') tokens.push(numericRangeTokens(project, key, op, Number(value)));
  }
  return tokens;
}

/**
 * Whether some condition is only approximated in SQL: an attribute in one named place (the term
 * index and the numbers column do not say which place holds a value).
 */
function needsSpanCheck(query: TraceQuery): boolean {
  return (query.attributes ?? []).some(({ place }) => place !== 'any');
}
