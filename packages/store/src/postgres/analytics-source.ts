import { LatencySketch, type Span, TRACE_STATUSES, type TraceStatus } from '@sextant/core';
import type pg from 'pg';
import {
  ANALYTICS_LIMITS,
  type AnalyticsGroupBy,
  BUCKET_NANO,
  type DependencyEdge,
  type GroupedAnalyticsQuery,
  RETRY_ATTRIBUTE,
  type TimeWindow,
} from '../analytics.js';
import type { GroupedCells } from '../query/analytics-groups.js';
import type { RecordTally } from '../query/analytics-reads.js';
import { isRetry, type ScanPosition, type SpanChecks } from '../query/analytics-scan.js';
import type { TraceTotals } from '../query/analytics-traces.js';
import { type FigureRow, sumsOfRow } from '../sqlite/analytics-figures.js';
import { termToken } from '../sqlite/search-terms.js';
import type { SpanRow } from '../sqlite/span-codec.js';
import { WhereClause } from '../sqlite/where-clause.js';
import { termValue } from './batch-rows.js';
import { positional, rows } from './connection.js';
import { type PostgresRecordDecoder, SPAN_ROW_COLUMNS_OF_S } from './record-decoder.js';

/** The column holding each dimension, in `span_minutes` or in `traces`. */
const KEY_COLUMNS: Record<Exclude<AnalyticsGroupBy['dimension'], 'attribute'>, string> = {
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

const TOKEN_SUMS = [
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'total_tokens',
  'cost_nano_usd',
]
  .map((column) => `sum(${column})::bigint`)
  .join(', ');

/** The traces of the projects that start in the window, `$1` to `$3` (table `t`). */
const TRACES_IN_WINDOW = 't.project = ANY($1::text[]) AND t.start_ns >= $2 AND t.start_ns < $3';

/**
 * A figure row (see `FigureRow`), then what the group's latency sketch is made of, when asked:
 * its stored sketches or its durations, space-separated (one string reads far faster than an array).
 */
type FiguresWithLatency = [...FigureRow, latency: string | null];

/**
 * Analytics over a PostgreSQL store, summed in SQL: span figures from the per-minute cube
 * `span_minutes`, trace figures from the rollups, retries and guardrails from the spans carrying
 * their terms, calls between services by joining spans to their parents. Only attribute groups
 * decode spans. Latency sketches are merged here, by core's `LatencySketch`, so that percentiles
 * agree with every other backend to the last digit.
 */
export class PostgresAnalyticsSource {
  readonly #pool: pg.Pool;
  readonly #decoder: PostgresRecordDecoder;

  constructor(pool: pg.Pool, decoder: PostgresRecordDecoder) {
    this.#pool = pool;
    this.#decoder = decoder;
  }

  async traceTotals(projects: readonly string[], window: TimeWindow): Promise<TraceTotals> {
    const params = [projects, window.from, window.to];
    const [sums] = await rows<(bigint | null)[]>(
      this.#pool,
      `SELECT count(*), ${TRACE_STATUSES.map((status) => `count(*) FILTER (WHERE t.status = '${status}')`).join(', ')}, ` +
        'sum(t.end_ns - t.start_ns)::bigint, max(t.end_ns - t.start_ns), sum(t.span_count)::bigint, ' +
        'sum(t.error_count)::bigint, sum(t.llm_call_count)::bigint, sum(t.tool_call_count)::bigint, ' +
        `${TOKEN_SUMS} FROM traces t WHERE ${TRACES_IN_WINDOW}`,
      params,
    );
    const at = (index: number) => Number(sums![index] ?? 0n);
    const after = 1 + TRACE_STATUSES.length;
    const rootNames = await rows<[string, bigint]>(
      this.#pool,
      `SELECT coalesce(t.root_name, ''), count(*) FROM traces t WHERE ${TRACES_IN_WINDOW} GROUP BY 1`,
      params,
    );
    return {
      traces: at(0),
      statuses: Object.fromEntries(TRACE_STATUSES.map((status, index) => [status, at(1 + index)])) as Record<
        TraceStatus,
        number
      >,
      durationSumNano: sums![after] ?? 0n,
      durationMaxNano: sums![after + 1] === null ? null : at(after + 1),
      spans: at(after + 2),
      errorSpans: at(after + 3),
      llmCalls: at(after + 4),
      toolCalls: at(after + 5),
      tokens: {
        input: at(after + 6),
        output: at(after + 7),
        cacheRead: at(after + 8),
        cacheWrite: at(after + 9),
        reasoning: at(after + 10),
        total: at(after + 11),
      },
      costNanoUsd: at(after + 12),
      rootNames: new Map(rootNames.map(([name, traces]) => [name, Number(traces)])),
    };
  }

  async tracesPerService(projects: readonly string[], window: TimeWindow): Promise<Map<string, number>> {
    const found = await rows<[string, bigint]>(
      this.#pool,
      `SELECT s.service, count(*) FROM traces t, unnest(t.services) AS s (service) WHERE ${TRACES_IN_WINDOW} GROUP BY 1`,
      [projects, window.from, window.to],
    );
    return new Map(found.map(([service, traces]) => [service, Number(traces)]));
  }

  /** Guardrails counted in SQL; retries (rare) on the decoded spans carrying the attribute. */
  async spanChecks(projects: readonly string[], window: TimeWindow): Promise<SpanChecks> {
    const [[checks, failures]] = (await rows<[bigint, bigint]>(
      this.#pool,
      `SELECT count(*), count(*) FILTER (WHERE s.status_code = 2) ${termSpans()}`,
      termParams(projects, window, 'spanType', 'guardrail'),
    )) as [[bigint, bigint]];
    const candidates = await rows<SpanRow>(
      this.#pool,
      `SELECT ${SPAN_ROW_COLUMNS_OF_S} ${termSpans()}`,
      termParams(projects, window, 'numericKey', RETRY_ATTRIBUTE),
    );
    const spans = await this.#decoder.spans(this.#pool, candidates);
    return {
      retries: spans.filter(isRetry).length,
      guardrailChecks: Number(checks),
      guardrailFailures: Number(failures),
    };
  }

  /** Span figures from the cube's rows of the window: one range of its key per project. */
  async addSpanFigures(query: GroupedAnalyticsQuery, window: TimeWindow, cells: GroupedCells): Promise<void> {
    const minutes = query.bucket === null ? null : BUCKET_NANO[query.bucket] / BUCKET_NANO.minute;
    const bucket = minutes === null ? '0::bigint' : `minute / ${minutes} * ${minutes * BUCKET_NANO.minute}`;
    const where = new WhereClause(
      'project = ANY(?::text[]) AND minute >= ? AND minute < ?',
      query.projects,
      window.from / BUCKET_NANO.minute,
      window.to / BUCKET_NANO.minute,
    );
    where.add('service = ?', query.service);
    where.add('span_type = ?', query.spanType);
    const found = await rows<FiguresWithLatency>(
      this.#pool,
      positional(
        `SELECT ${keyColumn(query)}, ${bucket}, NULL, sum(spans)::bigint, sum(errors)::bigint, sum(spans)::bigint, ` +
          'sum(requests)::bigint, sum(duration_sum_ns)::bigint, min(duration_min_ns), max(duration_max_ns), ' +
          `${TOKEN_SUMS}, ${query.percentiles ? "string_agg(latency, ' ')" : 'NULL'} FROM span_minutes WHERE ${where.sql} GROUP BY 1, 2`,
      ),
      where.params,
    );
    addFigures(found, cells, (sketch, texts) => {
      for (const text of texts.split(' ')) sketch.mergeEncoded(text);
    });
  }

  /** Trace figures from the rollups of the traces that start in the window (`traces_by_start`). */
  async addTraceFigures(
    query: GroupedAnalyticsQuery,
    window: TimeWindow,
    cells: GroupedCells,
  ): Promise<void> {
    const nanos = query.bucket === null ? null : BUCKET_NANO[query.bucket];
    const bucket = nanos === null ? '0::bigint' : `t.start_ns / ${nanos} * ${nanos}`;
    const duration = 't.end_ns - t.start_ns';
    const found = await rows<FiguresWithLatency>(
      this.#pool,
      `SELECT ${keyColumn(query, 't.')}, ${bucket}, NULL, count(*), count(*) FILTER (WHERE t.error_count > 0), ` +
        `sum(t.span_count)::bigint, sum(t.llm_call_count)::bigint, sum(${duration})::bigint, min(${duration}), ` +
        `max(${duration}), ${TOKEN_SUMS}, ${query.percentiles ? `string_agg((${duration})::text, ' ')` : 'NULL'} ` +
        `FROM traces t WHERE ${TRACES_IN_WINDOW} GROUP BY 1, 2`,
      [query.projects, window.from, window.to],
    );
    addFigures(found, cells, (sketch, durations) => {
      for (const duration of durations.split(' ')) sketch.add(Number(duration));
    });
  }

  /**
   * The traces a scan reads in scan order (see `compareScanOrder`), with their span counts: those
   * before which the budget of `maxScannedSpans` is not yet spent (the last may pass it).
   */
  async tracesInScanOrder(projects: readonly string[], window: TimeWindow): Promise<ScanPosition[]> {
    const found = await rows<[string, string, bigint, bigint]>(
      this.#pool,
      'SELECT project, trace_id, start_ns, span_count FROM (SELECT t.project, t.trace_id, t.start_ns, t.span_count, ' +
        'sum(t.span_count) OVER (ORDER BY t.start_ns DESC, t.trace_id DESC, t.project DESC ROWS UNBOUNDED PRECEDING) ' +
        `AS running FROM traces t WHERE ${TRACES_IN_WINDOW}) AS scan WHERE running - span_count <= $4 ` +
        'ORDER BY start_ns DESC, trace_id DESC, project DESC',
      [projects, window.from, window.to, ANALYTICS_LIMITS.maxScannedSpans],
    );
    return found.map(([project, traceId, startTimeUnixNano, spanCount]) => ({
      project,
      traceId,
      startTimeUnixNano,
      spanCount: Number(spanCount),
    }));
  }

  /** The spans of these traces that start in the window, decoded. */
  async spansInWindow(traces: readonly ScanPosition[], window: TimeWindow): Promise<Span[]> {
    const found = await rows<SpanRow>(
      this.#pool,
      `SELECT ${SPAN_ROW_COLUMNS_OF_S} FROM unnest($1::text[], $2::text[]) AS d (project, trace_id) ` +
        'JOIN spans s ON s.project = d.project AND s.trace_id = d.trace_id WHERE s.start_ns >= $3 AND s.start_ns < $4',
      [...tracesAsColumns(traces), window.from, window.to],
    );
    return this.#decoder.spans(this.#pool, found);
  }

  /** Joined in SQL, each span to its parent: the spans of these traces that start in the window. */
  async dependencyEdges(traces: readonly ScanPosition[], window: TimeWindow): Promise<DependencyEdge[]> {
    if (traces.length === 0) return [];
    const found = await rows<[string, string, bigint, bigint]>(
      this.#pool,
      'SELECT p.service, c.service, count(*), count(*) FILTER (WHERE c.status_code = 2) ' +
        'FROM unnest($1::text[], $2::text[]) AS d (project, trace_id) ' +
        'JOIN spans c ON c.project = d.project AND c.trace_id = d.trace_id ' +
        'JOIN spans p ON p.project = c.project AND p.trace_id = c.trace_id AND p.span_id = c.parent_span_id ' +
        'WHERE c.start_ns >= $3 AND c.start_ns < $4 AND p.service <> c.service GROUP BY 1, 2',
      [...tracesAsColumns(traces), window.from, window.to],
    );
    return found.map(([parent, child, calls, errors]) => ({
      parent,
      child,
      calls: Number(calls),
      errors: Number(errors),
    }));
  }

  async recordCounts(projects: readonly string[], window: TimeWindow): Promise<RecordTally> {
    const params = [projects, window.from, window.to];
    const inWindow = 'project = ANY($1::text[]) AND time_ns >= $2 AND time_ns < $3';
    const logs = await rows<[number, bigint]>(
      this.#pool,
      `SELECT severity_number, count(*) FROM logs WHERE ${inWindow} GROUP BY 1`,
      params,
    );
    const points = await rows<[string, bigint]>(
      this.#pool,
      `SELECT name, count(*) FROM metric_points WHERE ${inWindow} GROUP BY 1`,
      params,
    );
    return {
      logsBySeverityNumber: new Map(logs.map(([severity, count]) => [Number(severity), Number(count)])),
      pointsByMetric: new Map(points.map(([name, count]) => [name, Number(count)])),
    };
  }
}

/** Adds figure rows to their cells, each with the sketch `fill` makes of its latency column. */
function addFigures(
  found: readonly FiguresWithLatency[],
  cells: GroupedCells,
  fill: (sketch: LatencySketch, latency: string) => void,
): void {
  for (const row of found) {
    const latency = row[row.length - 1] as string | null;
    let sketch: LatencySketch | null = null;
    if (latency !== null) {
      sketch = new LatencySketch();
      fill(sketch, latency);
    }
    cells.cellAt(row[0], row[1]).addSums(sumsOfRow(row as unknown as FigureRow), sketch);
  }
}

function keyColumn(query: GroupedAnalyticsQuery, prefix = ''): string {
  if (query.groupBy === null) return "''";
  const { dimension } = query.groupBy;
  if (dimension === 'attribute') throw new Error('attribute groups are read span by span');
  return `coalesce(${prefix}${KEY_COLUMNS[dimension]}, '')`;
}

/** FROM the spans carrying a term (`$1`: its hash in each project) that start in the window, with their traces. */
function termSpans(): string {
  return (
    'FROM spans s JOIN traces t ON t.project = s.project AND t.trace_id = s.trace_id ' +
    `WHERE s.terms && $4::bigint[] AND s.start_ns >= $2 AND s.start_ns < $3 AND ${TRACES_IN_WINDOW}`
  );
}

function termParams(
  projects: readonly string[],
  window: TimeWindow,
  kind: 'spanType' | 'numericKey',
  text: string,
): unknown[] {
  return [
    projects,
    window.from,
    window.to,
    projects.map((project) => termValue(termToken(project, kind, text))),
  ];
}

function tracesAsColumns(traces: readonly ScanPosition[]): [string[], string[]] {
  return [traces.map((trace) => trace.project), traces.map((trace) => trace.traceId)];
}
