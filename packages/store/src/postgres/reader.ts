import { type LogRecord, type MetricPoint, parseTextQuery } from '@sextant/core';
import type pg from 'pg';
import { pageLimit } from '../query/page-limit.js';
import type { LogRow, MetricRow } from '../sqlite/record-codec.js';
import type { TraceRow } from '../sqlite/rollup-codec.js';
import { termToken } from '../sqlite/search-terms.js';
import type { SpanRow } from '../sqlite/span-codec.js';
import { WhereClause } from '../sqlite/where-clause.js';
import {
  type LogQuery,
  MAX_LOG_PAGE,
  MAX_METRIC_PAGE,
  type MetricQuery,
  type StoreCounts,
  type StoredTrace,
} from '../store.js';
import { termValue } from './batch-rows.js';
import { positional, rows, withClient } from './connection.js';
import {
  LOG_COLUMNS,
  METRIC_COLUMNS,
  type PostgresRecordDecoder,
  SPAN_ROW_COLUMNS,
} from './record-decoder.js';
import { summaryOfRow, traceColumnsOf } from './trace-rows.js';
import { tsqueryOf } from './words.js';

/** The tables whose bytes a store takes on disk (with their indexes and TOAST). */
const STORE_TABLES = [
  'resources',
  'scopes',
  'spans',
  'traces',
  'logs',
  'metric_points',
  'span_minutes',
  'annotations',
  'trace_links',
];

/** Reads of traces, records and sizes, each one or a few statements on the pool. */
export class PostgresReader {
  readonly #pool: pg.Pool;
  readonly #decoder: PostgresRecordDecoder;

  constructor(pool: pg.Pool, decoder: PostgresRecordDecoder) {
    this.#pool = pool;
    this.#decoder = decoder;
  }

  /** The trace's rollup and spans, read in one transaction so that they agree. */
  async getTrace(project: string, traceId: string): Promise<StoredTrace | null> {
    return withClient(this.#pool, async (client, breaks) => {
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const [summary] = await rows<TraceRow>(
          client,
          `SELECT ${traceColumnsOf('t')} FROM traces t WHERE t.project = $1 AND t.trace_id = $2`,
          [project, traceId],
        );
        const spans =
          summary === undefined
            ? []
            : await rows<SpanRow>(
                client,
                `SELECT ${SPAN_ROW_COLUMNS} FROM spans WHERE project = $1 AND trace_id = $2 ORDER BY start_ns, span_id`,
                [project, traceId],
              );
        await client.query('COMMIT');
        if (summary === undefined) return null;
        return { summary: summaryOfRow(summary), spans: await this.#decoder.spans(this.#pool, spans) };
      } catch (error) {
        await client.query('ROLLBACK').catch(breaks);
        throw error;
      }
    });
  }

  async findLogs(query: LogQuery): Promise<LogRecord[]> {
    const where = new WhereClause('project = ?', query.project);
    // The index on trace ids leaves out uncorrelated records; naming its condition lets it serve.
    if (query.traceId !== undefined && query.traceId !== '') {
      where.add("trace_id = ? AND trace_id <> ''", query.traceId);
    } else where.add('trace_id = ?', query.traceId);
    where.add('service = ?', query.service);
    where.add('severity_number >= ?', query.severityMin);
    where.add('time_ns >= ?', query.startTimeMin);
    where.add('time_ns <= ?', query.startTimeMax);
    if (query.text !== undefined) where.add('words @@ ?::tsquery', tsqueryOf(parseTextQuery(query.text)));
    const found = await rows<LogRow>(
      this.#pool,
      positional(
        `SELECT ${LOG_COLUMNS} FROM logs WHERE ${where.sql} ORDER BY time_ns, observed_ns, id LIMIT ?`,
      ),
      [...where.params, pageLimit(query.limit, MAX_LOG_PAGE)],
    );
    return this.#decoder.logs(this.#pool, found);
  }

  async findMetrics(query: MetricQuery): Promise<MetricPoint[]> {
    const where = new WhereClause('project = ?', query.project);
    where.add('name = ?', query.name);
    where.add('service = ?', query.service);
    where.add('type = ?', query.type);
    if (query.attributes !== undefined && query.attributes.length > 0) {
      where.add(
        'terms @> ?::bigint[]',
        query.attributes.map(({ key, value }) =>
          termValue(termToken(query.project, 'attribute', key, value)),
        ),
      );
    }
    where.add('time_ns >= ?', query.startTimeMin);
    where.add('time_ns <= ?', query.startTimeMax);
    const found = await rows<MetricRow>(
      this.#pool,
      positional(
        `SELECT ${METRIC_COLUMNS} FROM metric_points WHERE ${where.sql} ORDER BY time_ns, name, id LIMIT ?`,
      ),
      [...where.params, pageLimit(query.limit, MAX_METRIC_PAGE)],
    );
    return this.#decoder.metrics(this.#pool, found);
  }

  /** The start of the `rank`-th oldest trace across projects (1 = the oldest), or null. */
  async oldestTraceStart(rank: number): Promise<bigint | null> {
    const [row] = await rows<[bigint]>(
      this.#pool,
      'SELECT start_ns FROM traces ORDER BY start_ns LIMIT 1 OFFSET $1',
      [Math.max(rank - 1, 0)],
    );
    return row?.[0] ?? null;
  }

  /** The bytes of the store's tables in the current schema, their indexes and TOAST included. */
  async storedBytes(): Promise<number> {
    const [row] = await rows<[bigint | null]>(
      this.#pool,
      'SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c ' +
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1::text[])",
      [STORE_TABLES],
    );
    return Number(row?.[0] ?? 0n);
  }

  async counts(project: string): Promise<StoreCounts> {
    const [row] = await rows<[bigint, bigint, bigint, bigint]>(
      this.#pool,
      'SELECT (SELECT count(*) FROM traces WHERE project = $1), ' +
        '(SELECT coalesce(sum(span_count), 0)::bigint FROM traces WHERE project = $1), ' +
        '(SELECT count(*) FROM logs WHERE project = $1), ' +
        '(SELECT count(*) FROM metric_points WHERE project = $1)',
      [project],
    );
    const [traces, spans, logs, metrics] = row!;
    return { traces: Number(traces), spans: Number(spans), logs: Number(logs), metrics: Number(metrics) };
  }
}
