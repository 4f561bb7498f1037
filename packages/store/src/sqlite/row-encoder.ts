import { contributionOfSpan, type SpanContribution } from '../rollup/trace-rollup.js';
import type { WriteBatch } from '../store.js';
import { DescriptorInterner, type DescriptorTuple } from './descriptors.js';
import { type ListedPayloads, PayloadInterner, type PayloadTuple } from './payloads.js';
import { type LogRow, logRow, type MetricRow, metricRow } from './record-codec.js';
import { type SpanRow, spanRow } from './span-codec.js';

/**
 * A write batch as rows, ready for the row writer: plain strings, numbers, bigints and arrays, so
 * that it crosses to the writer thread by a cheap structured clone. Rows give their resource and
 * scope as an index into `resources` and `scopes`; each span has its rollup contribution at the
 * same index in `contributions`.
 */
export interface EncodedBatch {
  /** Long strings the rows refer to by hash, unless an earlier committed batch stored them. */
  payloads: PayloadTuple[];
  resources: DescriptorTuple[];
  scopes: DescriptorTuple[];
  spans: SpanRow[];
  contributions: SpanContribution[];
  logs: LogRow[];
  metrics: MetricRow[];
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
    for (let index = 0; index < spans.length; index++) {
      const span = batch.spans[index]!;
      const project = span.project;
      payloads.project = project;
      spans[index] = spanRow(
        span,
        resources.refOf(project, span.resource),
        scopes.refOf(project, span.scope),
        payloads,
      );
      contributions[index] = contributionOfSpan(span);
    }
    const logs = new Array<LogRow>(batch.logs.length);
    for (let index = 0; index < logs.length; index++) {
      const log = batch.logs[index]!;
      payloads.project = log.project;
      logs[index] = logRow(
        log,
        resources.refOf(log.project, log.resource),
        scopes.refOf(log.project, log.scope),
        payloads,
      );
    }
    const metrics = new Array<MetricRow>(batch.metrics.length);
    for (let index = 0; index < metrics.length; index++) {
      const point = batch.metrics[index]!;
      payloads.project = point.project;
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
        resources: resources.endBatch(),
        scopes: scopes.endBatch(),
        spans,
        contributions,
        logs,
        metrics,
      },
      listed: stored.listed,
    };
  }

  /** The batch whose payloads these are committed: later batches need not send them again. */
  confirm(listed: ListedPayloads): void {
    this.#payloads.confirm(listed);
  }
}
