import { LatencySketch, type Span, type TokenCounts } from '@sextant/core';
import type { AnalyticsMeasures, LatencyFigures } from '../analytics.js';
import { type TraceRollup, USAGE_SPAN_TYPES } from '../rollup/trace-rollup.js';

/** The fields of `TokenCounts`, to add them up. */
export const TOKEN_KINDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning', 'total'] as const;

/** Sums of the figures of one stored minute of the SQLite span cube, or of any set of spans. */
export interface CellSums {
  count: number;
  errors: number;
  spans: number;
  requests: number;
  tokens: TokenCounts;
  costNanoUsd: number;
  durationSumNano: bigint;
  durationMinNano: number;
  durationMaxNano: number;
}

/**
 * The running figures of one group (in one time bucket): spans or traces are added one by one
 * (`addSpan`, `addTrace`) or as sums with their latency sketch (`addSums`), and cells merge.
 * Every backend fills cells, so that the arithmetic of `AnalyticsMeasures` is written once.
 */
export class MeasureCell {
  count = 0;
  errors = 0;
  spans = 0;
  requests = 0;
  readonly tokens: TokenCounts = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 0 };
  costNanoUsd = 0;
  /** Exact: a day of spans lasting minutes passes 2^53 nanoseconds. */
  durationSumNano = 0n;
  durationMinNano = Number.POSITIVE_INFINITY;
  durationMaxNano = Number.NEGATIVE_INFINITY;
  /** Present when percentiles were asked for. */
  readonly sketch: LatencySketch | null;

  constructor(percentiles: boolean) {
    this.sketch = percentiles ? new LatencySketch() : null;
  }

  /** A span; its usage counts when its type is llm or embedding (`USAGE_SPAN_TYPES`). */
  addSpan(span: Span): void {
    const { spanType, tokens, cost } = span.llm;
    const usage = USAGE_SPAN_TYPES.has(spanType);
    this.#add(
      1,
      span.status.code === 2 ? 1 : 0,
      1,
      usage ? 1 : 0,
      usage ? tokens : null,
      usage && cost !== null ? cost.nanoUsd : 0,
      span.endTimeUnixNano - span.startTimeUnixNano,
    );
  }

  /** A trace, as one item: an error when any span of it is. */
  addTrace(rollup: TraceRollup): void {
    this.#add(
      1,
      rollup.errorCount > 0 ? 1 : 0,
      rollup.spanCount,
      rollup.llmCallCount,
      rollup.tokens,
      rollup.costNanoUsd,
      rollup.endTimeUnixNano - rollup.startTimeUnixNano,
    );
  }

  /** Figures already summed, with the latency sketch of the same durations when percentiles are on. */
  addSums(sums: CellSums, sketch: LatencySketch | null): void {
    this.#addCounts(sums.count, sums.errors, sums.spans, sums.requests, sums.tokens, sums.costNanoUsd);
    this.durationSumNano += sums.durationSumNano;
    if (sums.durationMinNano < this.durationMinNano) this.durationMinNano = sums.durationMinNano;
    if (sums.durationMaxNano > this.durationMaxNano) this.durationMaxNano = sums.durationMaxNano;
    if (sketch !== null) this.sketch?.merge(sketch);
  }

  merge(other: MeasureCell): void {
    this.addSums(other, other.sketch);
  }

  measures(): AnalyticsMeasures {
    return {
      count: this.count,
      errors: this.errors,
      errorRate: this.count === 0 ? null : this.errors / this.count,
      spans: this.spans,
      requests: this.requests,
      tokens: { ...this.tokens },
      costNanoUsd: this.costNanoUsd,
      latency: this.#latency(),
    };
  }

  #add(
    count: number,
    errors: number,
    spans: number,
    requests: number,
    tokens: TokenCounts | null,
    costNanoUsd: number,
    durationNano: bigint,
  ): void {
    this.#addCounts(count, errors, spans, requests, tokens, costNanoUsd);
    this.durationSumNano += durationNano;
    const duration = Number(durationNano);
    if (duration < this.durationMinNano) this.durationMinNano = duration;
    if (duration > this.durationMaxNano) this.durationMaxNano = duration;
    this.sketch?.add(duration);
  }

  #addCounts(
    count: number,
    errors: number,
    spans: number,
    requests: number,
    tokens: TokenCounts | null,
    costNanoUsd: number,
  ): void {
    this.count += count;
    this.errors += errors;
    this.spans += spans;
    this.requests += requests;
    if (tokens !== null) for (const kind of TOKEN_KINDS) this.tokens[kind] += tokens[kind];
    this.costNanoUsd += costNanoUsd;
  }

  #latency(): LatencyFigures {
    if (this.count === 0) return { avgNano: null, minNano: null, maxNano: null, percentiles: null };
    const sketch = this.sketch;
    return {
      avgNano: Number(this.durationSumNano) / this.count,
      minNano: this.durationMinNano,
      maxNano: this.durationMaxNano,
      percentiles:
        sketch === null || sketch.count === 0
          ? null
          : {
              p50Nano: sketch.quantile(0.5)!,
              p90Nano: sketch.quantile(0.9)!,
              p95Nano: sketch.quantile(0.95)!,
              p99Nano: sketch.quantile(0.99)!,
            },
    };
  }
}
