import { API_KEY_HASH_ATTRIBUTE, type Span } from '@sextant/core';
import type {
  AnalyticsGroup,
  AnalyticsGroupBy,
  AnalyticsRank,
  GroupedAnalytics,
  GroupedAnalyticsQuery,
  SpanScan,
  TimeWindow,
} from '../analytics.js';
import type { TraceRollup } from '../rollup/trace-rollup.js';
import { MeasureCell } from './analytics-measures.js';
import { bucketStart } from './analytics-window.js';
import { attributeText } from './attribute-conditions.js';

/** A span's group (see `AnalyticsGroupBy`); `''` when it has no value. Trace dimensions do not apply. */
export function spanGroupKey(span: Span, groupBy: AnalyticsGroupBy | null): string {
  if (groupBy === null) return '';
  const llm = span.llm;
  switch (groupBy.dimension) {
    case 'model':
      return llm.responseModel ?? llm.requestModel ?? '';
    case 'provider':
      return llm.provider ?? '';
    case 'service':
      return span.service;
    case 'span_name':
      return span.name;
    case 'span_type':
      return llm.spanType;
    case 'project':
      return span.project;
    case 'api_key_hash': {
      const hash = span.attributes[API_KEY_HASH_ATTRIBUTE];
      return typeof hash === 'string' ? hash : '';
    }
    case 'attribute': {
      const value = Object.hasOwn(span.attributes, groupBy.key)
        ? span.attributes[groupBy.key]!
        : span.resource.attributes[groupBy.key];
      return value === undefined ? '' : (attributeText(value) ?? '');
    }
    default:
      throw new Error(`${groupBy.dimension} groups traces, not spans`);
  }
}

/** A trace's group, for the trace dimensions. */
export function traceGroupKey(rollup: TraceRollup, groupBy: AnalyticsGroupBy | null): string {
  switch (groupBy?.dimension) {
    case undefined:
      return '';
    case 'user':
      return rollup.userId ?? '';
    case 'session':
      return rollup.sessionId ?? '';
    case 'root_name':
      return rollup.rootName ?? '';
    default:
      throw new Error(`${groupBy?.dimension} groups spans, not traces`);
  }
}

/** Whether a span passes the query's span filters. */
export function spanPassesFilters(span: Span, query: GroupedAnalyticsQuery): boolean {
  return (
    (query.service === undefined || span.service === query.service) &&
    (query.spanType === undefined || span.llm.spanType === query.spanType)
  );
}

/** The cells of a grouped read: one per group and time bucket (one per group without buckets). */
export class GroupedCells {
  readonly #groups = new Map<string, Map<bigint, MeasureCell>>();
  readonly #query: GroupedAnalyticsQuery;

  constructor(query: GroupedAnalyticsQuery) {
    this.#query = query;
  }

  /** The cell of `key` for the bucket holding `time`. */
  cellAt(key: string, time: bigint): MeasureCell {
    let buckets = this.#groups.get(key);
    if (buckets === undefined) {
      buckets = new Map();
      this.#groups.set(key, buckets);
    }
    const start = this.#query.bucket === null ? 0n : bucketStart(time, this.#query.bucket);
    let cell = buckets.get(start);
    if (cell === undefined) {
      cell = new MeasureCell(this.#query.percentiles);
      buckets.set(start, cell);
    }
    return cell;
  }

  /** Each group's figures over every bucket. */
  totals(): Map<string, MeasureCell> {
    return new Map([...this.#groups].map(([key, buckets]) => [key, sumOf(buckets.values())]));
  }

  /** The answer: the top groups by the query's rank, the rest summed, and the total. */
  result(window: TimeWindow, subject: GroupedAnalytics['subject'], scan: SpanScan | null): GroupedAnalytics {
    const ranked = [...this.#groups].map(([key, buckets]) => ({
      key,
      buckets,
      total: sumOf(buckets.values()),
    }));
    const rankBy = this.#query.rankBy;
    ranked.sort(
      (a, b) => compareRank(b.total, a.total, rankBy) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const top = ranked.slice(0, this.#query.limit);
    const rest = ranked.slice(this.#query.limit);
    const percentiles = this.#query.percentiles;
    const total = new MeasureCell(percentiles);
    for (const group of ranked) total.merge(group.total);
    let other: AnalyticsGroup | null = null;
    if (rest.length > 0) {
      const buckets = new Map<bigint, MeasureCell>();
      for (const group of rest) {
        for (const [start, cell] of group.buckets) {
          let merged = buckets.get(start);
          if (merged === undefined) {
            merged = new MeasureCell(percentiles);
            buckets.set(start, merged);
          }
          merged.merge(cell);
        }
      }
      other = this.#group('', buckets, sumOf(buckets.values()));
    }
    return {
      window,
      subject,
      groups: top.map((group) => this.#group(group.key, group.buckets, group.total)),
      other,
      groupCount: ranked.length,
      total: total.measures(),
      scan,
    };
  }

  #group(key: string, buckets: Map<bigint, MeasureCell>, total: MeasureCell): AnalyticsGroup {
    const series =
      this.#query.bucket === null
        ? null
        : [...buckets]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([start, cell]) => ({ start, measures: cell.measures() }));
    return { key, measures: total.measures(), series };
  }
}

function sumOf(cells: Iterable<MeasureCell>): MeasureCell {
  let sum: MeasureCell | null = null;
  for (const cell of cells) {
    sum ??= new MeasureCell(cell.sketch !== null);
    sum.merge(cell);
  }
  return sum ?? new MeasureCell(false);
}

function compareRank(a: MeasureCell, b: MeasureCell, rankBy: AnalyticsRank): number {
  switch (rankBy) {
    case 'count':
      return a.count - b.count;
    case 'errors':
      return a.errors - b.errors;
    case 'requests':
      return a.requests - b.requests;
    case 'tokens':
      return a.tokens.total - b.tokens.total;
    case 'cost':
      return a.costNanoUsd - b.costNanoUsd;
    case 'duration':
      return a.durationSumNano > b.durationSumNano ? 1 : a.durationSumNano < b.durationSumNano ? -1 : 0;
  }
}
