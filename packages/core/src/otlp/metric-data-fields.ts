import type { MetricType } from '../model/metric-point.js';

/** The OTLP `Metric` data field of each type, in OTLP/JSON's spelling; the type names are the proto's. */
export const METRIC_DATA_FIELDS: Readonly<Record<MetricType, string>> = {
  gauge: 'gauge',
  sum: 'sum',
  histogram: 'histogram',
  exponential_histogram: 'exponentialHistogram',
  summary: 'summary',
};
