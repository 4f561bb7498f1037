import type { InstrumentationScope, LogRecord, MetricPoint, Resource } from '@sextant/core';
import type Database from 'better-sqlite3';
import { pageLimit } from '../query/page-limit.js';
import { pageOf } from '../query/trace-page.js';
import { summarizeRollup } from '../rollup/trace-rollup.js';
import {
  type LogQuery,
  MAX_LOG_PAGE,
  MAX_METRIC_PAGE,
  MAX_TRACE_PAGE,
  type MetricQuery,
  type StoreCounts,
  type StoredTrace,
  type TracePage,
  type TraceQuery,
} from '../store.js';
import { DescriptorReader } from './descriptors.js';
import { PayloadReader } from './payloads.js';
import {
  decodeLog,
  decodeMetric,
  LOG_COLUMNS,
  type LogRow,
  METRIC_COLUMNS,
  type MetricRow,
} from './record-codec.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow } from './rollup-codec.js';
import { decodeSpan, SPAN_COLUMNS, type SpanRow } from './span-codec.js';
import { WhereClause } from './where-clause.js';

/** What decoding the rows of one read call needs: each payload and descriptor is read once. */
interface ReadContext {
  payloads: PayloadReader;
  resources: DescriptorReader<Resource>;
  scopes: DescriptorReader<InstrumentationScope>;
}

/** The columns of `traces` as `TraceRow` has them, from the table named `t`. */
const TRACE_COLUMNS_OF_T = TRACE_COLUMNS.split(',')
  .map((column) => `t.${column.trim()}`)
  .join(', ');

/** The indexes that find spans by a searched field, and the column each holds. */
const SPAN_SEARCH_INDEXES = [
  { field: 'service', column: 'service', index: 'spans_by_service' },
  { field: 'spanName', column: 'name', index: 'spans_by_name' },
] as const;
type SpanSearchIndex = (typeof SPAN_SEARCH_INDEXES)[number]['index'];

/**
 * A search whose service or span name matches at most this many spans starts from them. Past it,
 * matches are common enough that the newest traces are likely to hold some.
 */
export const RARE_SPAN_MATCHES = 2000;

/** Reads through statements prepared once (searches: once per shape of query). */
export class SqliteReader {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #rareSpanMatches: number;

  /** `rareSpanMatches` is `RARE_SPAN_MATCHES` but in tests that compare both search plans. */
  constructor(db: Database.Database, rareSpanMatches = RARE_SPAN_MATCHES) {
    this.#db = db;
    this.#rareSpanMatches = rareSpanMatches;
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
    const context = this.#context(project);
    const spans = rows.map((row) =>
      decodeSpan(
        row,
        context.resources.get(Number(row[10])),
        context.scopes.get(Number(row[11])),
        context.payloads,
      ),
    );
    return { summary: summarizeRollup(rollupOfRow(summary)), spans };
  }

  /**
   * Finds traces with one span meeting every span condition, newest first, by one of two plans.
   * When the spans of the searched service or span name are few (`RARE_SPAN_MATCHES`), they are
   * found by their index and their traces looked up. Otherwise the traces are walked newest first,
   * each checked against its own spans, which meets a common value early. The trace bounds prune
   * first: a span starting in [min, max] lies in a trace that starts by max and ends after min, and
   * no span lasts longer than its trace.
   */
  findTraces(query: TraceQuery): TracePage {
    const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
    const where = new WhereClause('t.project = ?', query.project);
    where.add('t.status = ?', query.status);
    if (query.after !== undefined) {
      where.add('(t.start_ns, t.trace_id) < (?, ?)', query.after.startTimeUnixNano, query.after.traceId);
    }
    where.add('t.start_ns <= ?', query.startTimeMax);
    where.add('t.end_ns >= ?', query.startTimeMin);
    where.add('t.end_ns - t.start_ns >= ?', query.minDurationNano);
    const span = new WhereClause('s.project = ?', query.project);
    span.add('s.service = ?', query.service);
    span.add('s.name = ?', query.spanName);
    span.add('s.start_ns >= ?', query.startTimeMin);
    span.add('s.start_ns <= ?', query.startTimeMax);
    span.add('s.end_ns - s.start_ns >= ?', query.minDurationNano);
    span.add('s.end_ns - s.start_ns <= ?', query.maxDurationNano);
    let from = 'traces t';
    let fromParams: readonly unknown[] = [];
    const rare = span.narrowed ? this.#rareSpanIndex(query) : null;
    if (rare !== null) {
      // CROSS JOIN keeps this loop order: the few traces are looked up by key, then sorted.
      from = `(SELECT DISTINCT s.trace_key FROM spans s INDEXED BY ${rare} WHERE ${span.sql}) m CROSS JOIN traces t`;
      fromParams = span.params;
      where.add('t.trace_key = m.trace_key');
    } else if (span.narrowed) {
      where.add(
        `EXISTS (SELECT 1 FROM spans s INDEXED BY spans_by_trace WHERE s.trace_key = t.trace_key AND ${span.sql})`,
        ...span.params,
      );
    }
    const rows = this.#rows<TraceRow>(
      `SELECT ${TRACE_COLUMNS_OF_T} FROM ${from} WHERE ${where.sql} ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?`,
      [...fromParams, ...where.params, limit + 1],
    );
    return pageOf(
      rows.map((row) => summarizeRollup(rollupOfRow(row))),
      limit,
    );
  }

  /**
   * The index of the query's service or span name with the fewest matching spans, when those are
   * at most `rareSpanMatches`: counted in the index alone, stopping past that, so this costs little.
   * A time range does not narrow the count: the other plan prunes by time on its own.
   */
  #rareSpanIndex(query: TraceQuery): SpanSearchIndex | null {
    let rarest: SpanSearchIndex | null = null;
    let fewest = this.#rareSpanMatches + 1;
    for (const { field, column, index } of SPAN_SEARCH_INDEXES) {
      const value = query[field];
      if (value === undefined) continue;
      const [count] = this.#rows<[bigint]>(
        `SELECT count(*) FROM (SELECT 1 FROM spans INDEXED BY ${index} WHERE project = ? AND ${column} = ? LIMIT ?)`,
        [query.project, value, fewest],
      )[0]!;
      if (count < fewest) {
        fewest = Number(count);
        rarest = index;
      }
    }
    return rarest;
  }

  findLogs(query: LogQuery): LogRecord[] {
    const where = new WhereClause('project = ?', query.project);
    // The index on trace ids leaves out uncorrelated records; naming its condition lets it serve.
    if (query.traceId !== undefined && query.traceId !== '')
      where.add("trace_id = ? AND trace_id <> ''", query.traceId);
    else where.add('trace_id = ?', query.traceId);
    where.add('service = ?', query.service);
    where.add('time_ns >= ?', query.startTimeMin);
    where.add('time_ns <= ?', query.startTimeMax);
    const rows = this.#rows<LogRow>(
      `SELECT ${LOG_COLUMNS} FROM logs WHERE ${where.sql} ORDER BY time_ns, observed_ns, id LIMIT ?`,
      [...where.params, pageLimit(query.limit, MAX_LOG_PAGE)],
    );
    const context = this.#context(query.project);
    return rows.map((row) =>
      decodeLog(
        row,
        context.resources.get(Number(row[7])),
        context.scopes.get(Number(row[8])),
        context.payloads,
      ),
    );
  }

  findMetrics(query: MetricQuery): MetricPoint[] {
    const where = new WhereClause('project = ?', query.project);
    where.add('name = ?', query.name);
    where.add('service = ?', query.service);
    where.add('type = ?', query.type);
    where.add('time_ns >= ?', query.startTimeMin);
    where.add('time_ns <= ?', query.startTimeMax);
    const rows = this.#rows<MetricRow>(
      `SELECT ${METRIC_COLUMNS} FROM metric_points WHERE ${where.sql} ORDER BY time_ns, name, id LIMIT ?`,
      [...where.params, pageLimit(query.limit, MAX_METRIC_PAGE)],
    );
    const context = this.#context(query.project);
    return rows.map((row) =>
      decodeMetric(
        row,
        context.resources.get(Number(row[5])),
        context.scopes.get(Number(row[6])),
        context.payloads,
      ),
    );
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

  #context(project: string): ReadContext {
    return {
      payloads: new PayloadReader(
        this.#statement(
          'SELECT text FROM payloads WHERE project = ? AND hash = ?',
        ).pluck() as Database.Statement<[string, string], string>,
        project,
      ),
      resources: new DescriptorReader(this.#descriptorStatement('resources')),
      scopes: new DescriptorReader(this.#descriptorStatement('scopes')),
    };
  }

  #descriptorStatement(table: string): Database.Statement<[number], string> {
    return this.#statement(`SELECT body FROM ${table} WHERE id = ?`).pluck() as Database.Statement<
      [number],
      string
    >;
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
