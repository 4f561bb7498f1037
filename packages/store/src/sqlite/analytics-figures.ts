import {
  type AnalyticsGroupBy,
  BUCKET_NANO,
  type GroupedAnalyticsQuery,
  type TimeWindow,
} from '../analytics.js';
import type { CellSums } from '../query/analytics-measures.js';
import { WhereClause } from './where-clause.js';

/*
 * Grouped figures summed in SQL, one row per group and time bucket, in one layout (`FigureRow`)
 * whether they come from the span aggregates (`span_hours`, `span_minutes`) or from the trace
 * rollups.
 */

/** The SQL aggregate merging the encoded latency sketches of a group's rows. */
export const SKETCH_UNION = 'sextant_sketch_union';
/** The SQL aggregate building the latency sketch of a group's durations. */
export const SKETCH_OF = 'sextant_sketch_of';

/** The column holding each dimension, in `span_minutes` or in `traces`. */
const KEY_COLUMNS: Partial<Record<AnalyticsGroupBy['dimension'], string>> = {
  model: 'model',
  provider: 'provider',
  service: 'service',
  span_name: 'name',
  span_type: 'span_type',
  project: 'project',
  api_key_hash: 'api_key_hash',
  user: 'user_id',
  session: 'session_id',
  root_name: 'root_name',
};

/** A group, its bucket's start (ns), its latency sketch (when asked), then its sums. */
export type FigureRow = [
  key: string,
  bucketStart: bigint,
  latency: string | null,
  count: bigint,
  errors: bigint,
  spans: bigint,
  requests: bigint,
  durationSum: bigint,
  durationMin: bigint,
  durationMax: bigint,
  inputTokens: bigint,
  outputTokens: bigint,
  cacheReadTokens: bigint,
  cacheWriteTokens: bigint,
  reasoningTokens: bigint,
  totalTokens: bigint,
  costNanoUsd: bigint,
];

const TOKEN_SUMS =
  'sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens), ' +
  'sum(reasoning_tokens), sum(total_tokens), sum(cost_nano_usd)';

export interface Statement {
  sql: string;
  params: readonly unknown[];
}

const MINUTE = BUCKET_NANO.minute;
const HOUR = BUCKET_NANO.hour;

/**
 * Span figures from the aggregates of the window: the whole hours from `span_hours`, the minutes
 * at its edges (and every minute when the buckets are minutes) from `span_minutes`. Both keys
 * start with project and period, so each part is one range per project.
 */
export function spanFigures(query: GroupedAnalyticsQuery, window: TimeWindow): Statement {
  const firstHour = (window.from + HOUR - 1n) / HOUR;
  const endHour = window.to / HOUR;
  const parts: Statement[] = [];
  if (query.bucket === 'minute' || firstHour >= endHour) {
    parts.push(periodRows(query, 'span_minutes', 'minute', window.from / MINUTE, window.to / MINUTE));
  } else {
    parts.push(
      periodRows(query, 'span_minutes', 'minute', window.from / MINUTE, (firstHour * HOUR) / MINUTE),
    );
    parts.push(periodRows(query, 'span_hours', 'hour', firstHour, endHour));
    parts.push(periodRows(query, 'span_minutes', 'minute', (endHour * HOUR) / MINUTE, window.to / MINUTE));
  }
  const sketch = query.percentiles ? `${SKETCH_UNION}(latency)` : 'NULL';
  return {
    sql:
      `SELECT k, b, ${sketch}, sum(spans), sum(errors), sum(spans), sum(requests), ` +
      `sum(duration_sum_ns), min(duration_min_ns), max(duration_max_ns), ${TOKEN_SUMS} ` +
      `FROM (${parts.map((part) => part.sql).join(' UNION ALL ')}) GROUP BY 1, 2`,
    params: parts.flatMap((part) => part.params),
  };
}

/** The rows of one aggregate table in [from, to) of its periods, with their group and bucket. */
function periodRows(
  query: GroupedAnalyticsQuery,
  table: 'span_minutes' | 'span_hours',
  column: 'minute' | 'hour',
  from: bigint,
  to: bigint,
): Statement {
  const periodNanos = column === 'minute' ? MINUTE : HOUR;
  const periods = query.bucket === null ? null : BUCKET_NANO[query.bucket] / periodNanos;
  const bucket = periods === null ? '0' : `${column} / ${periods} * ${periods * periodNanos}`;
  const where = new WhereClause(
    `project IN (${placeholders(query.projects)}) AND ${column} >= ? AND ${column} < ?`,
    ...query.projects,
    from,
    to,
  );
  where.add('service = ?', query.service);
  where.add('span_type = ?', query.spanType);
  return {
    sql:
      `SELECT ${keyColumn(query)} AS k, ${bucket} AS b, latency, spans, errors, requests, duration_sum_ns, ` +
      'duration_min_ns, duration_max_ns, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, ' +
      `reasoning_tokens, total_tokens, cost_nano_usd FROM ${table} WHERE ${where.sql}`,
    params: where.params,
  };
}

/** Trace figures from the rollups of the traces that start in the window (`traces_by_start`). */
export function traceFigures(query: GroupedAnalyticsQuery, window: TimeWindow): Statement {
  const nanos = query.bucket === null ? null : BUCKET_NANO[query.bucket];
  const bucket = nanos === null ? '0' : `start_ns / ${nanos} * ${nanos}`;
  const duration = 'end_ns - start_ns';
  const sketch = query.percentiles ? `${SKETCH_OF}(${duration})` : 'NULL';
  return {
    sql:
      `SELECT ${keyColumn(query)}, ${bucket}, ${sketch}, count(*), sum(error_count > 0), sum(span_count), ` +
      `sum(llm_call_count), sum(${duration}), min(${duration}), max(${duration}), ${TOKEN_SUMS} ` +
      `FROM traces WHERE ${tracesInWindow(query.projects)} GROUP BY 1, 2`,
    params: [...query.projects, window.from, window.to],
  };
}

export function sumsOfRow(row: FigureRow): CellSums {
  return {
    count: Number(row[3]),
    errors: Number(row[4]),
    spans: Number(row[5]),
    requests: Number(row[6]),
    durationSumNano: row[7],
    durationMinNano: Number(row[8]),
    durationMaxNano: Number(row[9]),
    tokens: {
      input: Number(row[10]),
      output: Number(row[11]),
      cacheRead: Number(row[12]),
      cacheWrite: Number(row[13]),
      reasoning: Number(row[14]),
      total: Number(row[15]),
    },
    costNanoUsd: Number(row[16]),
  };
}

/** The traces of the projects that start in the window (then `from` and `to` as parameters). */
export function tracesInWindow(projects: readonly string[], table = ''): string {
  const prefix = table === '' ? '' : `${table}.`;
  return `${prefix}project IN (${placeholders(projects)}) AND ${prefix}start_ns >= ? AND ${prefix}start_ns < ?`;
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

function keyColumn(query: GroupedAnalyticsQuery): string {
  if (query.groupBy === null) return "''";
  const column = KEY_COLUMNS[query.groupBy.dimension];
  if (column === undefined) throw new Error(`no column holds ${query.groupBy.dimension}`);
  return `coalesce(${column}, '')`;
}
