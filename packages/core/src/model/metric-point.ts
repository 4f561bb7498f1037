import type { Attributes } from './attributes.js';
import type { InstrumentationScope, Resource } from './resource.js';

export const METRIC_TYPES = ['gauge', 'sum', 'histogram', 'exponential_histogram', 'summary'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** OTLP `AggregationTemporality`: 0 unspecified, 1 delta, 2 cumulative. */
export type AggregationTemporality = 0 | 1 | 2;

export interface Exemplar {
  timeUnixNano: bigint;
  /** A double, or an exact int64 (`bigint`). */
  value: number | bigint;
  /** '' when absent. */
  traceId: string;
  spanId: string;
  filteredAttributes: Attributes;
}

/** What every point shares, whatever its type. */
interface MetricPointBase {
  project: string;
  name: string;
  description: string;
  unit: string;
  service: string;
  resource: Resource;
  scope: InstrumentationScope;
  /** The metric's own metadata attributes (OTLP `Metric.metadata`). */
  metadata: Attributes;
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
  exemplars: Exemplar[];
}

export interface GaugePoint extends MetricPointBase {
  type: 'gauge';
  /** A double, or an exact int64 (`bigint`). */
  value: number | bigint;
}

export interface SumPoint extends MetricPointBase {
  type: 'sum';
  value: number | bigint;
  aggregationTemporality: AggregationTemporality;
  isMonotonic: boolean;
}

export interface HistogramPoint extends MetricPointBase {
  type: 'histogram';
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  bucketCounts: number[];
  explicitBounds: number[];
  aggregationTemporality: AggregationTemporality;
}

export interface ExponentialBuckets {
  offset: number;
  bucketCounts: number[];
}

export interface ExponentialHistogramPoint extends MetricPointBase {
  type: 'exponential_histogram';
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  scale: number;
  zeroCount: number;
  zeroThreshold: number;
  positive: ExponentialBuckets;
  negative: ExponentialBuckets;
  aggregationTemporality: AggregationTemporality;
}

export interface QuantileValue {
  quantile: number;
  value: number;
}

export interface SummaryPoint extends MetricPointBase {
  type: 'summary';
  count: number;
  sum: number;
  quantileValues: QuantileValue[];
}

/** One data point of one metric. Counts are JS numbers: exact below 2^53. */
export type MetricPoint = GaugePoint | SumPoint | HistogramPoint | ExponentialHistogramPoint | SummaryPoint;
