import { type LogRecord, type MetricPoint, parseTextQuery } from '@sextant/core';
import type Database from 'better-sqlite3';
import { pageLimit } from '../query/page-limit.js';
import { summarizeRollup } from '../rollup/trace-rollup.js';
import {
  type AnnotationTextHit,
  type LogQuery,
  type LogTextHit,
  MAX_LOG_PAGE,
  MAX_METRIC_PAGE,
  MAX_RANKED_MATCHES,
  MAX_TEXT_HITS,
  type MetricQuery,
  type SpanTextHit,
  type StoreCounts,
  type StoredTrace,
  type TextSearchQuery,
  type TextSearchResult,
  type TracePage,
  type TraceQuery,
} from '../store.js';
import {
  boundedCount,
  existsInIndex,
  type IndexMatch,
  matchingRowids,
  termsMatch,
  wordsMatch,
} from './index-match.js';
import { LOG_COLUMNS, type LogRow, METRIC_COLUMNS, type MetricRow } from './record-codec.js';
import { RecordDecoder } from './record-decoder.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow } from './rollup-codec.js';
import { termToken } from './search-terms.js';
import { SPAN_COLUMNS, type SpanRow } from './span-codec.js';
import { RARE_SPAN_MATCHES, TraceSearch } from './trace-search.js';
import { WhereClause } from './where-clause.js';

/** Reads through statements prepared once (searches: once per shape of query). */
export class SqliteReader {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #search: TraceSearch;
  readonly #decoder: RecordDecoder;

  /** `rareSpanMatches` is `RARE_SPAN_MATCHES` but in tests that compare both search plans. */
  constructor(db: Database.Database, rareSpanMatches = RARE_SPAN_MATCHES) {
    this.#db = db;
    this.#decoder = new RecordDecoder(db);
    this.#search = new TraceSearch(
      {
        rows: (sql, params) => this.#rows(sql, params),
        decodeSpans: (project, rows) => this.#decoder.spansToCheck(project, rows),
      },
      rareSpanMatches,
    );
  }

  getTrace(project: string, traceId: string): StoredTrace | null {
    const stored = this.#rows<[bigint, ...TraceRow]>(
      `SELECT trace_key, ${TRACE_COLUMNS} FROM traces WHERE project = ? AND trace_id = ?`,
      [project, traceId],
    )[0];
    if (stored === undefined) return null;
    const [key, ...summary] = stored;
    const rows = this.#rows<SpanRow>(
      `SELECT ${SPAN_COLUMNS} FROM spans INDEXED BY spans_by_trace WHERE trace_key = ? ORDER BY start_ns, span_id`,
      [key],
    );
    return { summary: summarizeRollup(rollupOfRow(summary)), spans: this.#decoder.spans(project, rows) };
  }

  findTraces(query: TraceQuery): TracePage {
    return this.#search.find(query);
  }

  findLogs(query: LogQuery): LogRecord[] {
    const where = new WhereClause('project = ?', query.project);
    // The index on trace ids leaves out uncorrelated records; naming its condition lets it serve.
    if (query.traceId !== undefined && query.traceId !== '')
      where.add("trace_id = ? AND trace_id <> ''", query.traceId);
    else where.add('trace_id = ?', query.traceId);
    where.add('service = ?', query.service);
    where.add('severity_number >= ?', query.severityMin);
    where.add('time_ns >= ?', query.startTimeMin);
    where.add('time_ns <= ?', query.startTimeMax);
    if (query.text !== undefined) {
      this.#addIndexCondition(where, wordsMatch('log_words', parseTextQuery(query.text)), 'logs.id');
    }
    const rows = this.#rows<LogRow>(
      `SELECT ${LOG_COLUMNS} FROM logs WHERE ${where.sql} ORDER BY time_ns, observed_ns, id LIMIT ?`,
      [...where.params, pageLimit(query.limit, MAX_LOG_PAGE)],
    );
    return this.#decoder.logs(query.project, rows);
  }

  findMetrics(query: MetricQuery): MetricPoint[] {
    const where = new WhereClause('project = ?', query.project);
    where.add('name = ?', query.name);
    where.add('service = ?', query.service);
    where.add('type = ?', query.type);
    if (query.attributes !== undefined && query.attributes.length > 0) {
      const tokens = query.attributes.map(({ key, value }) =>
        termToken(query.project, 'attribute', key, value),
      );
      this.#addIndexCondition(where, termsMatch('metric_terms', tokens), 'metric_points.id');
    }
    where.add('time_ns >= ?', query.startTimeMin);
    where.add('time_ns <= ?', query.startTimeMax);
    const rows = this.#rows<MetricRow>(
      `SELECT ${METRIC_COLUMNS} FROM metric_points WHERE ${where.sql} ORDER BY time_ns, name, id LIMIT ?`,
      [...where.params, pageLimit(query.limit, MAX_METRIC_PAGE)],
    );
    return this.#decoder.metrics(query.project, rows);
  }

  /**
   * Spans and log records ranked by BM25 (SQLite's, negated so that higher is better), among the
   * newest `MAX_RANKED_MATCHES` matches of the project in the time range.
   */
  searchText(query: TextSearchQuery): TextSearchResult {
    const text = parseTextQuery(query.text);
    const limit = pageLimit(query.limit, MAX_TEXT_HITS);
    const ranked = (match: IndexMatch, table: string, time: string, columns: string) => {
      const where = new WhereClause(`r.project = ?`, query.project);
      where.add(`r.${time} >= ?`, query.startTimeMin);
      where.add(`r.${time} <= ?`, query.startTimeMax);
      return this.#rows<unknown[]>(
        `SELECT ${columns}, m.score FROM (SELECT f.rowid AS id, -bm25(${match.table}) AS score ` +
          `FROM ${match.table} f JOIN ${table} r ON r.rowid = f.rowid ` +
          `WHERE ${match.table} MATCH ? AND ${where.sql} ORDER BY f.rowid DESC LIMIT ?) m ` +
          `JOIN ${table} r ON r.rowid = m.id ORDER BY m.score DESC, m.id DESC LIMIT ?`,
        [match.expression, ...where.params, MAX_RANKED_MATCHES, limit],
      );
    };
    const spans = ranked(
      wordsMatch('span_words', text),
      'spans',
      'start_ns',
      'r.trace_id, r.span_id, r.name, r.service, r.start_ns',
    ).map(
      ([traceId, spanId, name, service, start, score]): SpanTextHit => ({
        traceId: traceId as string,
        spanId: spanId as string,
        name: name as string,
        service: service as string,
        startTimeUnixNano: start as bigint,
        score: score as number,
      }),
    );
    const logs = ranked(
      wordsMatch('log_words', text),
      'logs',
      'time_ns',
      'r.trace_id, r.span_id, r.service, r.time_ns, r.severity_number',
    ).map(
      ([traceId, spanId, service, time, severity, score]): LogTextHit => ({
        traceId: traceId as string,
        spanId: spanId as string,
        service: service as string,
        timeUnixNano: time as bigint,
        severityNumber: Number(severity),
        score: score as number,
      }),
    );
    const annotations = ranked(
      wordsMatch('annotation_words', text),
      'annotations',
      'time_ns',
      'r.id, r.trace_id, r.span_id, r.time_ns',
    ).map(
      ([id, traceId, spanId, time, score]): AnnotationTextHit => ({
        id: id as string,
        traceId: traceId as string,
        spanId: spanId as string | null,
        timeUnixNano: time as bigint,
        score: score as number,
      }),
    );
    return { spans, logs, annotations };
  }

  /**
   * Adds the condition that a row (its rowid column named) is among the index's matches: as a
   * list of the matches when they are few, else as a seek per row the rest of the query reads.
   */
  #addIndexCondition(where: WhereClause, match: IndexMatch, rowid: string): void {
    const [count] = this.#rows<[bigint]>(boundedCount(match), [match.expression, RARE_SPAN_MATCHES + 1])[0]!;
    if (count <= RARE_SPAN_MATCHES) where.add(`${rowid} IN (${matchingRowids(match)})`, match.expression);
    else where.add(existsInIndex(match, rowid), match.expression);
  }

  /** The start of the `rank`-th oldest trace across projects (1 = the oldest), or null. */
  oldestTraceStart(rank: number): bigint | null {
    const rows = this.#rows<[bigint]>('SELECT start_ns FROM traces ORDER BY start_ns LIMIT 1 OFFSET ?', [
      Math.max(rank - 1, 0),
    ]);
    return rows[0]?.[0] ?? null;
  }

  /** The bytes of the pages in use: the file's pages less the free ones deletions left. */
  storedBytes(): number {
    const pages = this.#db.pragma('page_count', { simple: true }) as number;
    const free = this.#db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * (this.#db.pragma('page_size', { simple: true }) as number);
  }

  counts(project: string): StoreCounts {
    const [traces, spans] = this.#rows<[bigint, bigint]>(
      'SELECT count(*), coalesce(sum(span_count), 0) FROM traces WHERE project = ?',
      [project],
    )[0]!;
    const [logs] = this.#rows<[bigint]>('SELECT count(*) FROM logs WHERE project = ?', [project])[0]!;
    const [metrics] = this.#rows<[bigint]>('SELECT count(*) FROM metric_points WHERE project = ?', [
      project,
    ])[0]!;
    return { traces: Number(traces), spans: Number(spans), logs: Number(logs), metrics: Number(metrics) };
  }

  /** Every row as an array, every INTEGER as a bigint (times are int64 nanoseconds). */
  #rows<Row>(sql: string, params: readonly unknown[]): Row[] {
    return this.#statement(sql)
      .raw()
      .safeIntegers()
      .all(...params) as Row[];
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
