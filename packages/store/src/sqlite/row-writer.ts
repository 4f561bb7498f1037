import { indexableText } from '@sextant/core';
import type Database from 'better-sqlite3';
import {
  mergeRollupInto,
  rollupKey,
  rollupOfContribution,
  type TraceRollup,
} from '../rollup/trace-rollup.js';
import type { RemovalResult, WriteResult } from '../store.js';
import { DescriptorIds } from './descriptors.js';
import type { PayloadTuple } from './payloads.js';
import { LOG_COLUMNS, type LogRow, METRIC_COLUMNS, type MetricRow } from './record-codec.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow, traceRow } from './rollup-codec.js';
import type { EncodedBatch } from './row-encoder.js';
import { type Removal, RowRemover } from './row-remover.js';
import type { SpanFacts } from './search-indexer.js';
import { SpanAggregates } from './span-aggregates.js';
import { SPAN_COLUMNS, SPAN_TRACE_KEY, type SpanRow } from './span-codec.js';

/** `?, ?, …` for a column list. */
function placeholders(columns: string): string {
  return columns
    .split(',')
    .map(() => '?')
    .join(', ');
}

/** A trace that spans of the batch belong to. */
interface BatchTrace {
  key: number;
  /** Its row as stored before this batch, or null for a trace new in it. */
  stored: TraceRow | null;
  /** The rollup of the batch's new spans of it; null while there is none. */
  added: TraceRollup | null;
}

/** A `traces` row with its key in front, as the writer reads it. */
type KeyedTraceRow = [bigint, ...TraceRow];

/** Where the resource and scope ids sit in a span row, a log row and a metric row. */
const SPAN_RESOURCE = 10;
const LOG_RESOURCE = 7;
const METRIC_RESOURCE = 5;

/**
 * Applies encoded batches, each in one immediate transaction: the SQLite half of a write, run on
 * the writer thread (or inline). Statements are prepared once. Each trace of the batch is looked up
 * once (or given the next trace key); a span costs one insert that does nothing on a known
 * (trace, span) id, whose change count tells a new span from a retried one, so nothing is read per
 * span; only new spans' contributions are merged, per trace, with the stored rollup, which is
 * rewritten once per batch, and only new spans are indexed (terms and words, keyed by the span's
 * rowid) and added to the per-minute aggregates. Cutting text into words happens here, on the
 * writer thread, which has time to spare while the calling thread decodes the next requests.
 */
export class RowWriter {
  readonly #resources: DescriptorIds;
  readonly #scopes: DescriptorIds;
  readonly #insertPayload: Database.Statement<[PayloadTuple]>;
  readonly #insertSpan: Database.Statement<[SpanRow]>;
  readonly #selectTrace: Database.Statement<[string, string], KeyedTraceRow>;
  readonly #lastTraceKey: Database.Statement<[], number>;
  readonly #upsertTrace: Database.Statement<[[...TraceRow, number]]>;
  readonly #insertLog: Database.Statement<[LogRow]>;
  readonly #insertMetric: Database.Statement<[MetricRow]>;
  readonly #insertTerms: Database.Statement<[number | bigint, string]>;
  readonly #insertWords: Database.Statement<[number | bigint, string]>;
  readonly #insertLogWords: Database.Statement<[number | bigint, string]>;
  readonly #insertMetricTerms: Database.Statement<[number | bigint, string]>;
  readonly #aggregates: SpanAggregates;
  readonly #remover: RowRemover;
  readonly #usePayload: Database.Statement<[bigint, string, string]>;
  readonly #removal: Database.Transaction<(removal: Removal) => RemovalResult>;
  readonly #transaction: Database.Transaction<(batch: EncodedBatch) => WriteResult>;
  /** The next trace key to give in the running transaction; 0 until one is needed. */
  #nextTraceKey = 0;

  constructor(db: Database.Database) {
    this.#resources = new DescriptorIds(db, 'resources');
    this.#scopes = new DescriptorIds(db, 'scopes');
    this.#insertPayload = db.prepare<[PayloadTuple]>(
      'INSERT INTO payloads (project, hash, text) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    // Not `INSERT OR IGNORE`: that would also skip, silently, a row breaking a NOT NULL constraint.
    this.#insertSpan = db.prepare<[SpanRow]>(
      `INSERT INTO spans (${SPAN_COLUMNS}) VALUES (${placeholders(SPAN_COLUMNS)}) ` +
        'ON CONFLICT (trace_key, span_id) DO NOTHING',
    );
    this.#selectTrace = db
      .prepare<[string, string], KeyedTraceRow>(
        `SELECT trace_key, ${TRACE_COLUMNS} FROM traces WHERE project = ? AND trace_id = ?`,
      )
      .raw()
      .safeIntegers();
    this.#lastTraceKey = db.prepare<[], number>('SELECT coalesce(max(trace_key), 0) FROM traces').pluck();
    const updates = TRACE_COLUMNS.split(',')
      .slice(2)
      .map((column) => `${column.trim()} = excluded.${column.trim()}`)
      .join(', ');
    this.#upsertTrace = db.prepare<[[...TraceRow, number]]>(
      `INSERT INTO traces (${TRACE_COLUMNS}, trace_key) VALUES (${placeholders(TRACE_COLUMNS)}, ?) ` +
        `ON CONFLICT (trace_key) DO UPDATE SET ${updates}`,
    );
    this.#insertLog = db.prepare<[LogRow]>(
      `INSERT INTO logs (${LOG_COLUMNS}) VALUES (${placeholders(LOG_COLUMNS)})`,
    );
    this.#insertMetric = db.prepare<[MetricRow]>(
      `INSERT INTO metric_points (${METRIC_COLUMNS}) VALUES (${placeholders(METRIC_COLUMNS)})`,
    );
    this.#insertTerms = db.prepare('INSERT INTO span_terms (rowid, terms) VALUES (?, ?)');
    this.#insertWords = db.prepare('INSERT INTO span_words (rowid, words) VALUES (?, ?)');
    this.#insertLogWords = db.prepare('INSERT INTO log_words (rowid, words) VALUES (?, ?)');
    this.#insertMetricTerms = db.prepare('INSERT INTO metric_terms (rowid, terms) VALUES (?, ?)');
    this.#aggregates = new SpanAggregates(db);
    this.#remover = new RowRemover(db, this.#aggregates);
    this.#usePayload = db.prepare(
      'UPDATE payloads SET last_used_ns = max(last_used_ns, ?) WHERE project = ? AND hash = ?',
    );
    this.#removal = db.transaction((removal: Removal) => this.#remover.remove(removal));
    this.#transaction = db.transaction((batch: EncodedBatch) => this.#applyInTransaction(batch));
  }

  /** Commits the batch, or nothing of it. Takes the batch over: its rows get their descriptor ids. */
  apply(batch: EncodedBatch): WriteResult {
    let committed = false;
    try {
      const result = this.#transaction.immediate(batch);
      committed = true;
      return result;
    } finally {
      this.#aggregates.discard();
      this.#resources.endBatch(committed);
      this.#scopes.endBatch(committed);
    }
  }

  /** Removes traces or old records (see `RowRemover`), all or nothing. */
  remove(removal: Removal): RemovalResult {
    try {
      return this.#removal.immediate(removal);
    } finally {
      this.#aggregates.discard();
    }
  }

  #applyInTransaction(batch: EncodedBatch): WriteResult {
    this.#nextTraceKey = 0;
    for (const payload of batch.payloads) this.#insertPayload.run(payload);
    for (const [project, hash, time] of batch.payloadUses) this.#usePayload.run(time, project, hash);
    const resourceIds = this.#resources.idsOf(batch.resources);
    const scopeIds = this.#scopes.idsOf(batch.scopes);
    const traces = new Map<string, BatchTrace>();
    const { spans, contributions, index: entries } = batch;
    let spansWritten = 0;
    for (let index = 0; index < spans.length; index++) {
      const row = spans[index]!;
      const [project, traceId] = row;
      const key = rollupKey(project, traceId);
      let trace = traces.get(key);
      if (trace === undefined) {
        trace = this.#traceOf(project, traceId);
        traces.set(key, trace);
      }
      row[SPAN_TRACE_KEY] = trace.key;
      withDescriptorIds(row, SPAN_RESOURCE, resourceIds, scopeIds);
      const inserted = this.#insertSpan.run(row);
      if (inserted.changes !== 1) continue;
      spansWritten++;
      const entry = entries[index]!;
      this.#insertTerms.run(inserted.lastInsertRowid, entry[0]);
      this.#insertWords.run(inserted.lastInsertRowid, indexableText(entry[1]));
      this.#aggregates.add(row, contributions[index]!, entry.slice(2) as SpanFacts);
      const contribution = rollupOfContribution(project, traceId, contributions[index]!);
      if (trace.added === null) trace.added = contribution;
      else mergeRollupInto(trace.added, contribution);
    }
    this.#aggregates.flush();
    for (const { key, stored, added } of traces.values()) {
      if (added === null) continue;
      if (stored !== null) mergeRollupInto(added, rollupOfRow(stored));
      this.#upsertTrace.run([...traceRow(added), key]);
    }
    const { logs, logTexts, metrics, metricTerms } = batch;
    for (let index = 0; index < logs.length; index++) {
      const row = logs[index]!;
      withDescriptorIds(row, LOG_RESOURCE, resourceIds, scopeIds);
      const { lastInsertRowid } = this.#insertLog.run(row);
      if (logTexts[index] !== '') this.#insertLogWords.run(lastInsertRowid, indexableText(logTexts[index]!));
    }
    for (let index = 0; index < metrics.length; index++) {
      const row = metrics[index]!;
      withDescriptorIds(row, METRIC_RESOURCE, resourceIds, scopeIds);
      const { lastInsertRowid } = this.#insertMetric.run(row);
      if (metricTerms[index] !== '') this.#insertMetricTerms.run(lastInsertRowid, metricTerms[index]!);
    }
    return { spansWritten, logsWritten: logs.length, metricsWritten: metrics.length };
  }

  /** The trace's key and stored row; a trace not stored yet takes the next key (arrival order). */
  #traceOf(project: string, traceId: string): BatchTrace {
    const stored = this.#selectTrace.get(project, traceId);
    if (stored !== undefined) {
      const [key, ...row] = stored;
      return { key: Number(key), stored: row, added: null };
    }
    if (this.#nextTraceKey === 0) this.#nextTraceKey = this.#lastTraceKey.get()! + 1;
    return { key: this.#nextTraceKey++, stored: null, added: null };
  }
}

/** Replaces a row's resource ref (at `at`) and scope ref (just after) with their row ids. */
function withDescriptorIds(
  row: Array<unknown>,
  at: number,
  resourceIds: readonly number[],
  scopeIds: readonly number[],
): void {
  row[at] = resourceIds[row[at] as number];
  row[at + 1] = scopeIds[row[at + 1] as number];
}
