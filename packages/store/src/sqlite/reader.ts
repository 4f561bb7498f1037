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

/** Reads through statements prepared once (searches: once per shape of query). */
export class SqliteReader {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  getTrace(project: string, traceId: string): StoredTrace | null {
    const summary = this.#rows<TraceRow>(
      `SELECT ${TRACE_COLUMNS} FROM traces WHERE project = ? AND trace_id = ?`,
      [project, traceId],
    )[0];
    if (summary === undefined) return null;
    const rows = this.#rows<SpanRow>(
      `SELECT ${SPAN_COLUMNS} FROM spans WHERE project = ? AND trace_id = ? ORDER BY start_ns, span_id`,
      [project, traceId],
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
   * Walks the traces newest first and keeps those with one span meeting every span condition.
   * The trace bounds prune first: a span starting in [min, max] lies in a trace that starts by
   * max and ends after min, and no span lasts longer than its trace.
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
    const span = new WhereClause('s.project = t.project AND s.trace_id = t.trace_id');
    span.add('s.service = ?', query.service);
    span.add('s.name = ?', query.spanName);
    span.add('s.start_ns >= ?', query.startTimeMin);
    span.add('s.start_ns <= ?', query.startTimeMax);
    span.add('s.end_ns - s.start_ns >= ?', query.minDurationNano);
    span.add('s.end_ns - s.start_ns <= ?', query.maxDurationNano);
    if (span.narrowed) where.add(`EXISTS (SELECT 1 FROM spans s WHERE ${span.sql})`, ...span.params);
    const rows = this.#rows<TraceRow>(
      `SELECT ${TRACE_COLUMNS} FROM traces t WHERE ${where.sql} ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?`,
      [...where.params, limit + 1],
    );
    return pageOf(
      rows.map((row) => summarizeRollup(rollupOfRow(row))),
      limit,
    );
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
