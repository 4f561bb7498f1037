import type { InstrumentationScope, LogRecord, MetricPoint, Resource, Span } from '@sextant/core';
import type { PayloadSource } from '../sqlite/codec.js';
import {
  decodeLog,
  decodeMetric,
  LOG_COLUMNS,
  type LogRow,
  METRIC_COLUMNS,
  type MetricRow,
} from '../sqlite/record-codec.js';
import { decodeSpan, type SpanRow } from '../sqlite/span-codec.js';
import type { Queryable } from './connection.js';
import { PostgresDescriptorBodies } from './descriptors.js';
import { NO_PAYLOADS } from './payloads.js';

/** The columns of `spans` in the layout of the shared `SpanRow` (no trace key; numbers and terms not needed). */
export const SPAN_ROW_COLUMNS =
  'project, trace_id, span_id, parent_span_id, name, service, kind, status_code, start_ns, end_ns, ' +
  'resource_id, scope_id, body, 0, NULL, NULL';

/** The same, from the table named `s`. */
export const SPAN_ROW_COLUMNS_OF_S = SPAN_ROW_COLUMNS.split(', ')
  .map((column) => (/^[a-z_]+$/.test(column) ? `s.${column}` : column))
  .join(', ');

export { LOG_COLUMNS, METRIC_COLUMNS };

/** Where a row keeps its resource id (its scope id follows). */
const SPAN_RESOURCE = 10;
const LOG_RESOURCE = 7;
const METRIC_RESOURCE = 5;

/** Rebuilds spans, log records and metric points from their rows, each descriptor read once. */
export class PostgresRecordDecoder {
  readonly #resources = new PostgresDescriptorBodies('resources');
  readonly #scopes = new PostgresDescriptorBodies('scopes');

  spans(on: Queryable, rows: readonly SpanRow[]): Promise<Span[]> {
    return this.#decodeAll(on, rows, SPAN_RESOURCE, decodeSpan);
  }

  logs(on: Queryable, rows: readonly LogRow[]): Promise<LogRecord[]> {
    return this.#decodeAll(on, rows, LOG_RESOURCE, decodeLog);
  }

  metrics(on: Queryable, rows: readonly MetricRow[]): Promise<MetricPoint[]> {
    return this.#decodeAll(on, rows, METRIC_RESOURCE, decodeMetric);
  }

  async #decodeAll<Row extends readonly unknown[], T>(
    on: Queryable,
    rows: readonly Row[],
    resourceAt: number,
    decode: (row: Row, resource: Resource, scope: InstrumentationScope, payloads: PayloadSource) => T,
  ): Promise<T[]> {
    const resources = await this.#resources.load<Resource>(
      on,
      rows.map((row) => Number(row[resourceAt])),
    );
    const scopes = await this.#scopes.load<InstrumentationScope>(
      on,
      rows.map((row) => Number(row[resourceAt + 1])),
    );
    return rows.map((row) =>
      decode(
        row,
        resources.get(Number(row[resourceAt]))!,
        scopes.get(Number(row[resourceAt + 1]))!,
        NO_PAYLOADS,
      ),
    );
  }
}
