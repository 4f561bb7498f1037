import type { InstrumentationScope, LogRecord, MetricPoint, Resource, Span } from '@sextant/core';
import type Database from 'better-sqlite3';
import { MAX_INDEXED_VALUE_LENGTH } from '../store.js';
import type { PayloadSource } from './codec.js';
import { DescriptorReader } from './descriptors.js';
import { PayloadReader } from './payloads.js';
import { decodeLog, decodeMetric, type LogRow, type MetricRow } from './record-codec.js';
import { decodeSpan, type SpanRow } from './span-codec.js';

/** What decoding the rows of one call needs: each payload and descriptor is read once. */
interface DecodeContext {
  payloads: PayloadSource;
  resources: DescriptorReader<Resource>;
  scopes: DescriptorReader<InstrumentationScope>;
}

/** Longer than any value a search compares (`MAX_INDEXED_VALUE_LENGTH`). */
const UNREAD_PAYLOAD = '\u0000'.repeat(MAX_INDEXED_VALUE_LENGTH + 1);
const UNREAD_PAYLOADS: PayloadSource = { text: () => UNREAD_PAYLOAD };

/** Where a row keeps its resource id (its scope id follows). */
const SPAN_RESOURCE = 10;
const LOG_RESOURCE = 7;
const METRIC_RESOURCE = 5;

/** Rebuilds spans, log records and metric points from their rows, on one connection. */
export class RecordDecoder {
  readonly #payloads: Database.Statement<[string, string], string>;
  readonly #resources: Database.Statement<[number], string>;
  readonly #scopes: Database.Statement<[number], string>;

  constructor(db: Database.Database) {
    this.#payloads = db
      .prepare('SELECT text FROM payloads WHERE project = ? AND hash = ?')
      .pluck() as Database.Statement<[string, string], string>;
    this.#resources = db.prepare('SELECT body FROM resources WHERE id = ?').pluck() as Database.Statement<
      [number],
      string
    >;
    this.#scopes = db.prepare('SELECT body FROM scopes WHERE id = ?').pluck() as Database.Statement<
      [number],
      string
    >;
  }

  spans(project: string, rows: readonly SpanRow[]): Span[] {
    return this.#decodeAll(project, rows, SPAN_RESOURCE, decodeSpan);
  }

  /**
   * Spans for checking search conditions, their long strings left unread: every such string
   * reads as `UNREAD_PAYLOAD`, too long to equal any searched value, and no number.
   */
  spansToCheck(project: string, rows: readonly SpanRow[]): Span[] {
    return this.#decodeAll(project, rows, SPAN_RESOURCE, decodeSpan, UNREAD_PAYLOADS);
  }

  logs(project: string, rows: readonly LogRow[]): LogRecord[] {
    return this.#decodeAll(project, rows, LOG_RESOURCE, decodeLog);
  }

  metrics(project: string, rows: readonly MetricRow[]): MetricPoint[] {
    return this.#decodeAll(project, rows, METRIC_RESOURCE, decodeMetric);
  }

  #decodeAll<Row extends readonly unknown[], T>(
    project: string,
    rows: readonly Row[],
    resourceAt: number,
    decode: (row: Row, resource: Resource, scope: InstrumentationScope, payloads: PayloadSource) => T,
    payloads: PayloadSource = new PayloadReader(this.#payloads, project),
  ): T[] {
    const context: DecodeContext = {
      payloads,
      resources: new DescriptorReader(this.#resources),
      scopes: new DescriptorReader(this.#scopes),
    };
    return rows.map((row) =>
      decode(
        row,
        context.resources.get(Number(row[resourceAt])),
        context.scopes.get(Number(row[resourceAt + 1])),
        context.payloads,
      ),
    );
  }
}
