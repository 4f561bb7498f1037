import { logSearchText, type Span } from '@sextant/core';
import { contributionOfSpan, type SpanContribution } from '../rollup/trace-rollup.js';
import { DescriptorInterner, type DescriptorTuple } from '../sqlite/descriptors.js';
import { type LogRow, logRow, type MetricRow, metricRow } from '../sqlite/record-codec.js';
import { SearchIndexer, type SpanFacts } from '../sqlite/search-indexer.js';
import { type SpanRow, spanRow } from '../sqlite/span-codec.js';
import type { WriteBatch } from '../store.js';
import { type BinaryType, binaryArray } from './binary-arrays.js';
import { NO_PAYLOADS } from './payloads.js';
import { tsvectorOf } from './words.js';

/*
 * A write batch as the column arrays of multi-row inserts (`INSERT … SELECT * FROM unnest(…)`):
 * one statement per table whatever the batch's size, with a fixed number of parameters. Rows are
 * laid out by the SQLite store's codecs (the same bodies, the same rollup contributions), with
 * PostgreSQL's own index columns: term hashes as bigint arrays, words as tsvectors.
 */

/** The columns of `spans` as inserted, with their types for `unnest`. */
export const SPAN_INSERT_COLUMNS = [
  ['project', 'text'],
  ['trace_id', 'text'],
  ['span_id', 'text'],
  ['parent_span_id', 'text'],
  ['name', 'text'],
  ['service', 'text'],
  ['kind', 'smallint'],
  ['status_code', 'smallint'],
  ['start_ns', 'bigint'],
  ['end_ns', 'bigint'],
  ['resource_id', 'bigint'],
  ['scope_id', 'bigint'],
  ['body', 'text'],
  ['numbers', 'jsonb'],
  ['terms', 'bigint[]'],
  ['words', 'tsvector'],
] as const;

export const LOG_INSERT_COLUMNS = [
  ['project', 'text'],
  ['time_ns', 'bigint'],
  ['observed_ns', 'bigint'],
  ['trace_id', 'text'],
  ['span_id', 'text'],
  ['service', 'text'],
  ['severity_number', 'smallint'],
  ['resource_id', 'bigint'],
  ['scope_id', 'bigint'],
  ['body', 'text'],
  ['words', 'tsvector'],
] as const;

export const METRIC_INSERT_COLUMNS = [
  ['project', 'text'],
  ['name', 'text'],
  ['service', 'text'],
  ['type', 'text'],
  ['time_ns', 'bigint'],
  ['resource_id', 'bigint'],
  ['scope_id', 'bigint'],
  ['body', 'text'],
  ['terms', 'bigint[]'],
] as const;

type ColumnList = readonly (readonly [name: string, type: string])[];

/** What a column is sent as: its own type, or text that each row casts (for an array type). */
function sentType(type: string): BinaryType {
  return (type.endsWith('[]') ? 'text' : type) as BinaryType;
}

/**
 * `INSERT INTO table (…) SELECT … FROM unnest($1::type[], …)`: a whole batch in one statement
 * with one parameter per column. An array-typed column is sent as text and cast row by row
 * (`unnest` would flatten an array of arrays).
 */
export function unnestInsert(table: string, columns: ColumnList): string {
  const names = columns.map(([name]) => name).join(', ');
  const selected = columns.map(([name, type]) =>
    sentType(type) === type ? `r.${name}` : `r.${name}::${type}`,
  );
  return (
    `INSERT INTO ${table} (${names}) SELECT ${selected.join(', ')} ` +
    `FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${sentType(type)}[]`).join(', ')}) AS r (${names})`
  );
}

/** Rows as the parameters of `unnestInsert`: one binary array per column. */
export function insertValues(columns: ColumnList, rows: readonly (readonly unknown[])[]): Buffer[] {
  return columns.map(([, type], at) =>
    binaryArray(
      sentType(type),
      rows.map((row) => row[at]),
    ),
  );
}

/**
 * Text as a PostgreSQL text column can hold it: U+0000 is the one character it cannot, and is
 * kept as U+FFFD. (Attribute values, bodies and every other string of an item are kept exactly,
 * in its JSON body.)
 */
export function columnText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\ufffd') : text;
}

/**
 * JSON text as JSONB can hold it: JSON.stringify writes U+0000 and lone surrogates as escapes
 * that JSONB refuses; they become U+FFFD (an escape follows an even run of backslashes).
 */
export function jsonbText(json: string): string {
  return json.includes('\\u')
    ? json.replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, '$1\\ufffd')
    : json;
}

/** One term token (see `termToken`) as the signed 64-bit integer PostgreSQL stores. */
export function termValue(token: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${token}`));
}

/** Space-separated term tokens as a bigint array literal. */
function termArray(tokens: string): string {
  return tokens === '' ? '{}' : `{${tokens.split(' ').map(termValue).join(',')}}`;
}

/** A new span as the writer needs it, besides its row: its rollup contribution and aggregate facts. */
export interface SpanExtras {
  contribution: SpanContribution;
  facts: SpanFacts;
}

/** A batch ready to insert once its descriptors have ids. */
export interface BatchRows {
  resources: DescriptorTuple[];
  scopes: DescriptorTuple[];
  /** Each distinct span once, sorted by (project, trace id, span id). */
  spans: SpanRow[];
  /** The index columns of each span: its terms and its words. */
  spanIndex: [terms: string, words: Buffer][];
  spanExtras: SpanExtras[];
  logs: [...LogRow, words: Buffer | null][];
  metrics: [...MetricRow, terms: string][];
}

/** Where rows keep the ref of their resource (the scope's follows), and their free texts. */
const SPAN_RESOURCE = 10;
const LOG_RESOURCE = 7;
const METRIC_RESOURCE = 5;
const SPAN_NAME = 4;
const SPAN_SERVICE = 5;
const SPAN_NUMBERS = 14;
const LOG_SERVICE = 5;
const METRIC_NAME = 1;
const METRIC_SERVICE = 2;

/**
 * Encodes batches on the calling thread. Rows first carry refs into the batch's lists of
 * resources and scopes; `withDescriptorIds` swaps them for row ids once those are known.
 */
export class BatchEncoder {
  readonly #resources = new DescriptorInterner();
  readonly #scopes = new DescriptorInterner();
  readonly #indexer = new SearchIndexer();

  encode(batch: WriteBatch): BatchRows {
    const resources = this.#resources;
    const scopes = this.#scopes;
    resources.beginBatch();
    scopes.beginBatch();
    const spans = distinctSpans(batch.spans);
    const rows: BatchRows = {
      resources: [],
      scopes: [],
      spans: [],
      spanIndex: [],
      spanExtras: [],
      logs: [],
      metrics: [],
    };
    for (const span of spans) {
      const [terms, text, ...facts] = this.#indexer.spanEntry(span);
      const row = spanRow(
        span,
        resources.refOf(span.project, span.resource),
        scopes.refOf(span.project, span.scope),
        NO_PAYLOADS,
        terms,
      );
      row[SPAN_NAME] = columnText(row[SPAN_NAME]);
      row[SPAN_SERVICE] = columnText(row[SPAN_SERVICE]);
      const numbers = row[SPAN_NUMBERS];
      if (numbers !== null) row[SPAN_NUMBERS] = jsonbText(numbers);
      rows.spans.push(row);
      rows.spanIndex.push([termArray(terms), tsvectorOf(text)]);
      rows.spanExtras.push({ contribution: contributionOfSpan(span), facts });
    }
    for (const log of batch.logs) {
      const text = logSearchText(log);
      const row = logRow(
        log,
        resources.refOf(log.project, log.resource),
        scopes.refOf(log.project, log.scope),
        NO_PAYLOADS,
      );
      row[LOG_SERVICE] = columnText(row[LOG_SERVICE]);
      rows.logs.push([...row, text === '' ? null : tsvectorOf(text)]);
    }
    for (const point of batch.metrics) {
      const row = metricRow(
        point,
        resources.refOf(point.project, point.resource),
        scopes.refOf(point.project, point.scope),
        NO_PAYLOADS,
      );
      row[METRIC_NAME] = columnText(row[METRIC_NAME]);
      row[METRIC_SERVICE] = columnText(row[METRIC_SERVICE]);
      rows.metrics.push([...row, termArray(this.#indexer.metricTerms(point))]);
    }
    rows.resources = resources.endBatch();
    rows.scopes = scopes.endBatch();
    return rows;
  }
}

/** Replaces the rows' descriptor refs by the ids at those refs. */
export function withDescriptorIds(
  rows: BatchRows,
  resourceIds: readonly number[],
  scopeIds: readonly number[],
): void {
  const swap = (row: unknown[], at: number) => {
    row[at] = resourceIds[row[at] as number];
    row[at + 1] = scopeIds[row[at + 1] as number];
  };
  for (const row of rows.spans) swap(row, SPAN_RESOURCE);
  for (const row of rows.logs) swap(row, LOG_RESOURCE);
  for (const row of rows.metrics) swap(row, METRIC_RESOURCE);
}

/**
 * Each span once (a batch may repeat a retried one), in (project, trace id, span id) order: every
 * instance then takes the row locks of a write in the same order, and no two writes deadlock.
 */
function distinctSpans(spans: readonly Span[]): Span[] {
  const byKey = new Map<string, Span>();
  for (const span of spans) {
    const key = `${span.project}\n${span.traceId}\n${span.spanId}`;
    if (!byKey.has(key)) byKey.set(key, span);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, span]) => span);
}
