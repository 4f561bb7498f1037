import { formatRfc3339Nano, SPAN_KINDS, type Span, STATUS_CODES, type TokenCounts } from '@sextant/core';
import { plainAttributes } from '../api/plain-json.js';
import { csvRecord } from './csv.js';

const NANO_USD_PER_USD = 1_000_000_000n;

/** Nano-dollars as an exact decimal number of dollars: 12300000 → `0.0123`. */
export function usdOfNanoUsd(nanoUsd: number): string {
  const nano = BigInt(nanoUsd);
  const magnitude = nano < 0n ? -nano : nano;
  const fraction = (magnitude % NANO_USD_PER_USD).toString().padStart(9, '0').replace(/0+$/, '');
  const whole = `${nano < 0n ? '-' : ''}${magnitude / NANO_USD_PER_USD}`;
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

const optional = (value: string | null): string => value ?? '';
const tokens =
  (kind: keyof TokenCounts) =>
  (span: Span): string =>
    span.llm.tokens === null ? '' : String(span.llm.tokens[kind]);

/**
 * The CSV columns of a span, in order, each with how it reads from the span: one row per span, for
 * spreadsheets and data tools. Absent values are empty fields; attributes are JSON objects.
 */
const SPAN_COLUMNS = {
  trace_id: (span) => span.traceId,
  span_id: (span) => span.spanId,
  parent_span_id: (span) => span.parentSpanId,
  name: (span) => span.name,
  service: (span) => span.service,
  kind: (span) => SPAN_KINDS[span.kind],
  start_time: (span) => formatRfc3339Nano(span.startTimeUnixNano),
  end_time: (span) => formatRfc3339Nano(span.endTimeUnixNano),
  duration_ns: (span) => (span.endTimeUnixNano - span.startTimeUnixNano).toString(),
  status_code: (span) => STATUS_CODES[span.status.code],
  status_message: (span) => span.status.message,
  span_type: (span) => span.llm.spanType,
  request_model: (span) => optional(span.llm.requestModel),
  response_model: (span) => optional(span.llm.responseModel),
  provider: (span) => optional(span.llm.provider),
  input_tokens: tokens('input'),
  output_tokens: tokens('output'),
  cache_read_tokens: tokens('cacheRead'),
  cache_write_tokens: tokens('cacheWrite'),
  reasoning_tokens: tokens('reasoning'),
  total_tokens: tokens('total'),
  cost_usd: (span) => (span.llm.cost === null ? '' : usdOfNanoUsd(span.llm.cost.nanoUsd)),
  cost_source: (span) => span.llm.cost?.source ?? '',
  user_id: (span) => optional(span.llm.userId),
  session_id: (span) => optional(span.llm.sessionId),
  attributes: (span) => JSON.stringify(plainAttributes(span.attributes)),
  resource_attributes: (span) => JSON.stringify(plainAttributes(span.resource.attributes)),
} as const satisfies Record<string, (span: Span) => string>;

export type SpanCsvColumn = keyof typeof SPAN_COLUMNS;
export const SPAN_CSV_COLUMNS = Object.keys(SPAN_COLUMNS) as SpanCsvColumn[];

export const SPAN_CSV_HEADER = csvRecord(SPAN_CSV_COLUMNS);

/** The span's row, its fields in the order of `SPAN_CSV_COLUMNS`. */
export function spanCsvRecord(span: Span): string {
  return csvRecord(SPAN_CSV_COLUMNS.map((column) => SPAN_COLUMNS[column](span)));
}
