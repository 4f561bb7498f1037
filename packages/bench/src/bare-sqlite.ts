import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Span } from '@sextant/core';
import Database from 'better-sqlite3';

type Row = Array<string | number | bigint>;

const json = (value: unknown) =>
  JSON.stringify(value, (_key, v) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? [...v] : v,
  );

/** The span as one row of plain columns, serialized before the clock starts. */
function toRow(span: Span): Row {
  return [
    span.traceId,
    span.spanId,
    span.parentSpanId,
    span.name,
    span.kind,
    span.startTimeUnixNano,
    span.endTimeUnixNano,
    span.status.code,
    span.status.message,
    span.service,
    json(span.attributes),
    json(span.events),
    json(span.links),
    json(span.resource),
    json(span.scope),
  ];
}

/**
 * The hardware's limit for storing these spans: one bare prepared INSERT per span, one
 * transaction per batch, into a table indexed only on trace id, with the same WAL and
 * synchronous settings as Sextant's store. Serialization is done before timing starts.
 */
export function bareInsertRate(batches: Span[][]): { spansPerSecond: number; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-bare-'));
  try {
    const db = new Database(join(dir, 'bare.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE spans (trace_id TEXT, span_id TEXT, parent_span_id TEXT, name TEXT, kind INTEGER,
      start_ns INTEGER, end_ns INTEGER, status_code INTEGER, status_message TEXT, service TEXT,
      attributes TEXT, events TEXT, links TEXT, resource TEXT, scope TEXT);
      CREATE INDEX spans_trace_id ON spans (trace_id);`);
    const insert = db.prepare(`INSERT INTO spans VALUES (${Array(15).fill('?').join(', ')})`);
    const insertBatch = db.transaction((rows: Row[]) => {
      for (const row of rows) insert.run(row);
    });
    const rowBatches = batches.map((batch) => batch.map(toRow));
    const started = process.hrtime.bigint();
    for (const rows of rowBatches) insertBatch(rows);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    db.close();
    const spans = rowBatches.reduce((sum, rows) => sum + rows.length, 0);
    return { spansPerSecond: spans / seconds, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
