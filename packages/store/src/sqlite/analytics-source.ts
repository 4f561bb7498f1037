import { LatencySketch, type Span, TRACE_STATUSES, type TraceStatus } from '@sextant/core';
import type Database from 'better-sqlite3';
import {
  type DependencyEdge,
  type GroupedAnalyticsQuery,
  RETRY_ATTRIBUTE,
  type TimeWindow,
} from '../analytics.js';
import type { GroupedCells } from '../query/analytics-groups.js';
import type { AnalyticsSource, RecordTally } from '../query/analytics-reads.js';
import { isRetry, type ScanPosition, type SpanChecks, spansInWindow } from '../query/analytics-scan.js';
import type { TraceTotals } from '../query/analytics-traces.js';
import {
  type FigureRow,
  SKETCH_OF,
  SKETCH_UNION,
  type Statement,
  spanFigures,
  sumsOfRow,
  traceFigures,
  tracesInWindow,
} from './analytics-figures.js';
import { CachedStatements } from './cached-statements.js';
import { type TermKind, termToken } from './search-terms.js';

/** A trace as a scan reads it: its place in the scan and the key its spans are stored under. */
export interface SqliteScanTrace extends ScanPosition {
  traceKey: bigint;
}

type ScanRow = [traceKey: bigint, project: string, traceId: string, start: bigint, spanCount: bigint];
const SCAN_COLUMNS = 't.trace_key, t.project, t.trace_id, t.start_ns, t.span_count';

/**
 * Analytics over a SQLite store, summed in SQL: span figures from the per-minute cube
 * `span_minutes` (never the spans themselves), trace figures from `traces` by `traces_by_start`,
 * retries and guardrails by their terms in `span_terms`, calls between services by joining spans
 * to their parents on `spans_by_trace`. Only attribute groups decode spans, one trace at a time.
 */
export class SqliteAnalyticsSource implements AnalyticsSource<SqliteScanTrace> {
  readonly #statements: CachedStatements;
  readonly #spansOf: (trace: SqliteScanTrace) => readonly Span[];

  /** `spansOf` reads a trace's spans, decoded (the store's trace reader). */
  constructor(db: Database.Database, spansOf: (trace: SqliteScanTrace) => readonly Span[]) {
    db.aggregate(SKETCH_UNION, {
      start: () => new LatencySketch(),
      step: (sketch: LatencySketch, text: unknown) => {
        sketch.mergeEncoded(String(text));
        return sketch;
      },
      result: (sketch: LatencySketch) => sketch.encode(),
    });
    db.aggregate(SKETCH_OF, {
      start: () => new LatencySketch(),
      step: (sketch: LatencySketch, duration: unknown) => {
        sketch.add(Number(duration));
        return sketch;
      },
      result: (sketch: LatencySketch) => sketch.encode(),
    });
    this.#statements = new CachedStatements(db);
    this.#spansOf = spansOf;
  }

  traceTotals(projects: readonly string[], window: TimeWindow): TraceTotals {
    const params = [...projects, window.from, window.to];
    const sums = this.#statements.rows<(bigint | null)[]>(
      `SELECT count(*), ${TRACE_STATUSES.map(() => 'sum(status = ?)').join(', ')}, sum(end_ns - start_ns), ` +
        'max(end_ns - start_ns), sum(span_count), sum(error_count), sum(llm_call_count), sum(tool_call_count), ' +
        'sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens), ' +
        `sum(reasoning_tokens), sum(total_tokens), sum(cost_nano_usd) FROM traces WHERE ${tracesInWindow(projects)}`,
      [...TRACE_STATUSES, ...params],
    )[0]!;
    const at = (index: number) => Number(sums[index] ?? 0n);
    const rootNames = this.#statements.rows<[string, bigint]>(
      `SELECT coalesce(root_name, ''), count(*) FROM traces WHERE ${tracesInWindow(projects)} GROUP BY 1`,
      params,
    );
    return {
      traces: at(0),
      statuses: Object.fromEntries(TRACE_STATUSES.map((status, index) => [status, at(1 + index)])) as Record<
        TraceStatus,
        number
      >,
      durationSumNano: sums[4] ?? 0n,
      durationMaxNano: sums[5] === null ? null : at(5),
      spans: at(6),
      errorSpans: at(7),
      llmCalls: at(8),
      toolCalls: at(9),
      tokens: {
        input: at(10),
        output: at(11),
        cacheRead: at(12),
        cacheWrite: at(13),
        reasoning: at(14),
        total: at(15),
      },
      costNanoUsd: at(16),
      rootNames: new Map(rootNames.map(([name, traces]) => [name, Number(traces)])),
    };
  }

  tracesPerService(projects: readonly string[], window: TimeWindow): Map<string, number> {
    const rows = this.#statements.rows<[string, bigint]>(
      `SELECT s.value, count(*) FROM traces t, json_each(t.services) s WHERE ${tracesInWindow(projects, 't')} GROUP BY 1`,
      [...projects, window.from, window.to],
    );
    return new Map(rows.map(([service, traces]) => [service, Number(traces)]));
  }

  spanChecks(projects: readonly string[], window: TimeWindow): SpanChecks {
    const [checks, failures] = this.#statements.rows<[bigint, bigint | null]>(
      `SELECT count(*), sum(s.status_code = 2) ${this.#termSpans(projects)}`,
      this.#termParams(projects, window, 'spanType', 'guardrail'),
    )[0]!;
    // Retries are rare: only the traces holding a span with the attribute are decoded.
    const candidates = this.#statements.rows<ScanRow>(
      `SELECT DISTINCT ${SCAN_COLUMNS} ${this.#termSpans(projects)}`,
      this.#termParams(projects, window, 'numericKey', RETRY_ATTRIBUTE),
    );
    let retries = 0;
    for (const span of spansInWindow(candidates.map(scanTraceOf).map(this.#spansOf), window)) {
      if (isRetry(span)) retries++;
    }
    return { retries, guardrailChecks: Number(checks), guardrailFailures: Number(failures ?? 0n) };
  }

  addSpanFigures(query: GroupedAnalyticsQuery, window: TimeWindow, cells: GroupedCells): void {
    this.#addFigures(spanFigures(query, window), cells);
  }

  addTraceFigures(query: GroupedAnalyticsQuery, window: TimeWindow, cells: GroupedCells): void {
    this.#addFigures(traceFigures(query, window), cells);
  }

  *tracesInScanOrder(projects: readonly string[], window: TimeWindow): Iterable<SqliteScanTrace> {
    const rows = this.#statements
      .statement(
        `SELECT ${SCAN_COLUMNS} FROM traces t WHERE ${tracesInWindow(projects, 't')} ` +
          'ORDER BY t.start_ns DESC, t.trace_id DESC, t.project DESC',
      )
      .raw()
      .safeIntegers()
      .iterate(...projects, window.from, window.to) as IterableIterator<ScanRow>;
    for (const row of rows) yield scanTraceOf(row);
  }

  spansOf(trace: SqliteScanTrace): readonly Span[] {
    return this.#spansOf(trace);
  }

  /** Joined in SQL, each span to its parent: the traces from the newest down to the last given. */
  dependencyEdges(traces: readonly SqliteScanTrace[], window: TimeWindow): DependencyEdge[] {
    const last = traces.at(-1);
    if (last === undefined) return [];
    const projects = [...new Set(traces.map((trace) => trace.project))];
    const rows = this.#statements.rows<[string, string, bigint, bigint]>(
      'SELECT p.service, c.service, count(*), sum(c.status_code = 2) FROM traces t ' +
        'JOIN spans c INDEXED BY spans_by_trace ON c.trace_key = t.trace_key ' +
        'JOIN spans p INDEXED BY spans_by_trace ON p.trace_key = c.trace_key AND p.span_id = c.parent_span_id ' +
        `WHERE ${tracesInWindow(projects, 't')} AND (t.start_ns, t.trace_id, t.project) >= (?, ?, ?) ` +
        'AND c.start_ns >= ? AND c.start_ns < ? AND p.service <> c.service GROUP BY 1, 2',
      [
        ...projects,
        window.from,
        window.to,
        last.startTimeUnixNano,
        last.traceId,
        last.project,
        window.from,
        window.to,
      ],
    );
    return rows.map(([parent, child, calls, errors]) => ({
      parent,
      child,
      calls: Number(calls),
      errors: Number(errors),
    }));
  }

  recordCounts(projects: readonly string[], window: TimeWindow): RecordTally {
    const params = [...projects, window.from, window.to];
    const inWindow = `project IN (${projects.map(() => '?').join(', ')}) AND time_ns >= ? AND time_ns < ?`;
    const logs = this.#statements.rows<[bigint, bigint]>(
      `SELECT severity_number, count(*) FROM logs WHERE ${inWindow} GROUP BY 1`,
      params,
    );
    const points = this.#statements.rows<[string, bigint]>(
      `SELECT name, count(*) FROM metric_points WHERE ${inWindow} GROUP BY 1`,
      params,
    );
    return {
      logsBySeverityNumber: new Map(logs.map(([severity, count]) => [Number(severity), Number(count)])),
      pointsByMetric: new Map(points.map(([name, count]) => [name, Number(count)])),
    };
  }

  #addFigures({ sql, params }: Statement, cells: GroupedCells): void {
    for (const row of this.#statements.rows<FigureRow>(sql, params)) {
      const [key, bucketStart, latency] = row;
      const sketch = latency === null ? null : LatencySketch.decode(latency);
      cells.cellAt(key, bucketStart).addSums(sumsOfRow(row), sketch);
    }
  }

  /** FROM the spans carrying a term (in any of the projects) that start in the window, with their traces. */
  #termSpans(projects: readonly string[]): string {
    return (
      'FROM spans s JOIN traces t ON t.trace_key = s.trace_key ' +
      'WHERE s.rowid IN (SELECT rowid FROM span_terms WHERE span_terms MATCH ?) ' +
      `AND s.start_ns >= ? AND s.start_ns < ? AND ${tracesInWindow(projects, 't')}`
    );
  }

  #termParams(projects: readonly string[], window: TimeWindow, kind: TermKind, text: string): unknown[] {
    const anyProject = projects.map((project) => `"${termToken(project, kind, text)}"`).join(' OR ');
    return [anyProject, window.from, window.to, ...projects, window.from, window.to];
  }
}

function scanTraceOf([traceKey, project, traceId, startTimeUnixNano, spanCount]: ScanRow): SqliteScanTrace {
  return { traceKey, project, traceId, startTimeUnixNano, spanCount: Number(spanCount) };
}
