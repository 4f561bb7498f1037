import type { LogRecord, MetricPoint, Span } from '@sextant/core';
import type Database from 'better-sqlite3';
import { mergeRollupInto, rollupKey, rollupOfSpan, type TraceRollup } from '../rollup/trace-rollup.js';
import type { WriteBatch, WriteResult } from '../store.js';
import { DescriptorWriter } from './descriptors.js';
import { PayloadWriter } from './payloads.js';
import {
  LOG_COLUMNS,
  type LogRow,
  logRow,
  METRIC_COLUMNS,
  type MetricRow,
  metricRow,
} from './record-codec.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow, traceRow } from './rollup-codec.js';
import { encodeSpanBody, SPAN_COLUMNS, type SpanRow } from './span-codec.js';

/** `?, ?, …` for a column list. */
function placeholders(columns: string): string {
  return columns
    .split(',')
    .map(() => '?')
    .join(', ');
}

/**
 * Writes batches, each in one immediate transaction. The hot path is kept lean: statements are
 * prepared once; a span costs one insert that does nothing on a known (project, trace, span) id,
 * whose change count tells a new span from a retried one, so nothing is read per span; each
 * trace's new spans are rolled up in JS, and its stored rollup read and rewritten once per batch.
 */
export class SqliteWriter {
  readonly #payloads: PayloadWriter;
  readonly #resources: DescriptorWriter;
  readonly #scopes: DescriptorWriter;
  readonly #insertSpan: Database.Statement<SpanRow>;
  readonly #selectRollup: Database.Statement<[string, string], TraceRow>;
  readonly #upsertRollup: Database.Statement<TraceRow>;
  readonly #insertLog: Database.Statement<LogRow>;
  readonly #insertMetric: Database.Statement<MetricRow>;
  readonly #transaction: Database.Transaction<(batch: WriteBatch) => WriteResult>;

  constructor(db: Database.Database, payloadThresholdBytes: number) {
    this.#payloads = new PayloadWriter(db, payloadThresholdBytes);
    this.#resources = new DescriptorWriter(db, 'resources');
    this.#scopes = new DescriptorWriter(db, 'scopes');
    // Not `INSERT OR IGNORE`: that would also skip, silently, a row breaking a NOT NULL constraint.
    this.#insertSpan = db.prepare(
      `INSERT INTO spans (${SPAN_COLUMNS}) VALUES (${placeholders(SPAN_COLUMNS)}) ` +
        'ON CONFLICT (project, trace_id, span_id) DO NOTHING',
    );
    this.#selectRollup = db
      .prepare<[string, string], TraceRow>(
        `SELECT ${TRACE_COLUMNS} FROM traces WHERE project = ? AND trace_id = ?`,
      )
      .raw()
      .safeIntegers();
    const updates = TRACE_COLUMNS.split(',')
      .slice(2)
      .map((column) => `${column.trim()} = excluded.${column.trim()}`)
      .join(', ');
    this.#upsertRollup = db.prepare(
      `INSERT INTO traces (${TRACE_COLUMNS}) VALUES (${placeholders(TRACE_COLUMNS)}) ` +
        `ON CONFLICT (project, trace_id) DO UPDATE SET ${updates}`,
    );
    this.#insertLog = db.prepare(`INSERT INTO logs (${LOG_COLUMNS}) VALUES (${placeholders(LOG_COLUMNS)})`);
    this.#insertMetric = db.prepare(
      `INSERT INTO metric_points (${METRIC_COLUMNS}) VALUES (${placeholders(METRIC_COLUMNS)})`,
    );
    this.#transaction = db.transaction((batch: WriteBatch) => this.#writeInTransaction(batch));
  }

  write(batch: WriteBatch): WriteResult {
    let committed = false;
    try {
      const result = this.#transaction.immediate(batch);
      committed = true;
      return result;
    } finally {
      if (committed) this.#payloads.commit();
      else this.#payloads.rollback();
      this.#resources.endBatch(committed);
      this.#scopes.endBatch(committed);
    }
  }

  #writeInTransaction(batch: WriteBatch): WriteResult {
    const rollups = new Map<string, TraceRollup>();
    let spansWritten = 0;
    for (const span of batch.spans) {
      if (!this.#insert(span)) continue;
      spansWritten++;
      const key = rollupKey(span.project, span.traceId);
      const rollup = rollups.get(key);
      if (rollup === undefined) rollups.set(key, rollupOfSpan(span));
      else mergeRollupInto(rollup, rollupOfSpan(span));
    }
    for (const rollup of rollups.values()) {
      const stored = this.#selectRollup.get(rollup.project, rollup.traceId);
      if (stored !== undefined) mergeRollupInto(rollup, rollupOfRow(stored));
      this.#upsertRollup.run(...traceRow(rollup));
    }
    for (const log of batch.logs) this.#insertLog.run(...this.#logRow(log));
    for (const point of batch.metrics) this.#insertMetric.run(...this.#metricRow(point));
    return { spansWritten, logsWritten: batch.logs.length, metricsWritten: batch.metrics.length };
  }

  /** Whether the span was new. */
  #insert(span: Span): boolean {
    const project = span.project;
    this.#payloads.project = project;
    const result = this.#insertSpan.run(
      project,
      span.traceId,
      span.spanId,
      span.parentSpanId,
      span.name,
      span.service,
      span.kind,
      span.status.code,
      span.startTimeUnixNano,
      span.endTimeUnixNano,
      this.#resources.idOf(project, span.resource),
      this.#scopes.idOf(project, span.scope),
      encodeSpanBody(span, this.#payloads),
    );
    return result.changes === 1;
  }

  #logRow(log: LogRecord): LogRow {
    this.#payloads.project = log.project;
    return logRow(
      log,
      this.#resources.idOf(log.project, log.resource),
      this.#scopes.idOf(log.project, log.scope),
      this.#payloads,
    );
  }

  #metricRow(point: MetricPoint): MetricRow {
    this.#payloads.project = point.project;
    return metricRow(
      point,
      this.#resources.idOf(point.project, point.resource),
      this.#scopes.idOf(point.project, point.scope),
      this.#payloads,
    );
  }
}
