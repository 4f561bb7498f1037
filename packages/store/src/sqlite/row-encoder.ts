import { logSearchText } from '@sextant/core';
import { contributionOfSpan, type SpanContribution } from '../rollup/trace-rollup.js';
import type { WriteBatch } from '../store.js';
import { DescriptorInterner, type DescriptorTuple } from './descriptors.js';
import { type ListedPayloads, PayloadInterner, type PayloadTuple, type PayloadUse } from './payloads.js';
import { type LogRow, logRow, type MetricRow, metricRow } from './record-codec.js';
import { SearchIndexer, type SpanIndexEntry } from './search-indexer.js';
import { type SpanRow, spanRow } from './span-codec.js';

/**
 * A write batch as rows, ready for the row writer: plain strings, numbers, bigints and arrays, so
 * that it crosses to the writer thread by a cheap structured clone. Rows give their resource and
 * scope as an index into `resources` and `scopes`; each span has its rollup contribution and its
 * index entry at the same index in `contributions` and `index`; each log its search text at the
 * same index in `logTexts`, each metric point its terms in `metricTerms`.
 */
export interface EncodedBatch {
  /** Long strings the rows refer to by hash, unless an earlier committed batch stored them. */
  payloads: PayloadTuple[];
  /** Every long string the rows refer to, with the latest time of the rows referring to it. */
  payloadUses: PayloadUse[];
  resources: DescriptorTuple[];
  scopes: DescriptorTuple[];
  spans: SpanRow[];
  contributions: SpanContribution[];
  index: SpanIndexEntry[];
  logs: LogRow[];
  logTexts: string[];
  metrics: MetricRow[];
  metricTerms: string[];
}

/**
 * Turns write batches into rows, with no database: the CPU-heavy half of a write, done on the
 * calling thread so that the writer thread only runs SQLite. What it remembers across batches
 * (hashes of long strings and descriptors) is only trusted to be stored once `confirm`ed.
 */
export class RowEncoder {
  readonly #payloads: PayloadInterner;
  readonly #resources = new DescriptorInterner();
  readonly #scopes = new DescriptorInterner();
  readonly #indexer = new SearchIndexer();

  constructor(payloadThresholdBytes: number) {
    this.#payloads = new PayloadInterner(payloadThresholdBytes);
  }

  /** The batch's rows, and what to `confirm` once they are committed. */
  encode(batch: WriteBatch): { encoded: EncodedBatch; listed: ListedPayloads } {
    const payloads = this.#payloads;
    const resources = this.#resources;
    const scopes = this.#scopes;
    payloads.beginBatch();
    resources.beginBatch();
    scopes.beginBatch();
    const spans = new Array<SpanRow>(batch.spans.length);
    const contributions = new Array<SpanContribution>(batch.spans.length);
    const index = new Array<SpanIndexEntry>(batch.spans.length);
    const indexer = this.#indexer;
    for (let at = 0; at < spans.length; at++) {
      const span = batch.spans[at]!;
      const project = span.project;
      payloads.project = project;
      payloads.time = span.startTimeUnixNano;
      const entry = indexer.spanEntry(span);
      spans[at] = spanRow(
        span,
        resources.refOf(project, span.resource),
        scopes.refOf(project, span.scope),
        payloads,
        entry[0],
      );
      contributions[at] = contributionOfSpan(span);
      index[at] = entry;
    }
    const logs = new Array<LogRow>(batch.logs.length);
    const logTexts = new Array<string>(batch.logs.length);
    for (let index = 0; index < logs.length; index++) {
      const log = batch.logs[index]!;
      logTexts[index] = logSearchText(log);
      payloads.project = log.project;
      payloads.time = log.timeUnixNano;
      logs[index] = logRow(
        log,
        resources.refOf(log.project, log.resource),
        scopes.refOf(log.project, log.scope),
        payloads,
      );
    }
    const metrics = new Array<MetricRow>(batch.metrics.length);
    const metricTerms = new Array<string>(batch.metrics.length);
    for (let index = 0; index < metrics.length; index++) {
      const point = batch.metrics[index]!;
      metricTerms[index] = indexer.metricTerms(point);
      payloads.project = point.project;
      payloads.time = point.timeUnixNano;
      metrics[index] = metricRow(
        point,
        resources.refOf(point.project, point.resource),
        scopes.refOf(point.project, point.scope),
        payloads,
      );
    }
    const stored = payloads.endBatch();
    return {
      encoded: {
        payloads: stored.payloads,
        payloadUses: stored.uses,
        resources: resources.endBatch(),
        scopes: scopes.endBatch(),
        spans,
        contributions,
        index,
        logs,
        logTexts,
        metrics,
        metricTerms,
      },
      listed: stored.listed,
    };
  }

  /** Retention may collect payloads from now on: later batches list every payload they use. */
  forgetStoredPayloads(): void {
    this.#payloads.forgetStored();
  }

  /** The batch whose payloads these are committed: later batches need not send them again. */
  confirm(listed: ListedPayloads): void {
    this.#payloads.confirm(listed);
  }
}
