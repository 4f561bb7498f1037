import type { Attributes } from '../model/attributes.js';
import type {
  AggregationTemporality,
  Exemplar,
  ExponentialBuckets,
  MetricPoint,
  MetricType,
  QuantileValue,
} from '../model/metric-point.js';
import { METRIC_TYPES } from '../model/metric-point.js';
import type { DecodeContext } from './decode-context.js';
import { abandonItem, beginItem, rejectItems } from './decode-context.js';
import { InvalidItemError, invalidItem } from './errors.js';
import { METRIC_DATA_FIELDS } from './metric-data-fields.js';
import type { RawObject } from './read-attributes.js';
import { asObject, readAttributes, readList } from './read-attributes.js';
import type { ItemGroup } from './read-groups.js';
import {
  readBool,
  readCount,
  readDouble,
  readEnum,
  readInt,
  readInt64,
  readOptionalDouble,
  readOptionalId,
  readString,
  readTimeNano,
} from './read-scalars.js';
import { otlpEnums } from './schema.js';

/** What every point of one metric shares. */
interface MetricShared {
  project: string;
  name: string;
  description: string;
  unit: string;
  service: string;
  resource: ItemGroup['resource'];
  scope: ItemGroup['scope'];
  metadata: Attributes;
}

function dataOf(metric: RawObject, type: MetricType): RawObject | undefined {
  return asObject(metric[METRIC_DATA_FIELDS[type]] ?? metric[type]);
}

function metricType(metric: RawObject): MetricType | undefined {
  for (const type of METRIC_TYPES) if (dataOf(metric, type) !== undefined) return type;
  return undefined;
}

/** The points a rejected metric stands for; one when it has no data that can be counted. */
export function weighMetric(raw: unknown): number {
  const metric = asObject(raw);
  const type = metric === undefined ? undefined : metricType(metric);
  if (type === undefined) return 1;
  const data = dataOf(metric!, type)!;
  const points = data.dataPoints ?? data.data_points;
  return Array.isArray(points) ? points.length : 1;
}

/** One OTLP metric, as one model point per data point; each point is kept or rejected alone. */
export function readMetric(raw: unknown, group: ItemGroup, context: DecodeContext, out: MetricPoint[]): void {
  const metric = asObject(raw) ?? invalidItem('is not an object');
  const name = readString(metric.name, 'name');
  const type = metricType(metric) ?? invalidItem(`${name}: has no known data field`);
  const data = dataOf(metric, type)!;
  const shared: MetricShared = {
    project: group.project,
    name,
    description: readString(metric.description, 'description'),
    unit: readString(metric.unit, 'unit'),
    service: group.service,
    resource: group.resource,
    scope: group.scope,
    metadata: readAttributes(metric.metadata, context),
  };
  const temporality = readTemporality(data, name);
  const isMonotonic = readBool(data.isMonotonic ?? data.is_monotonic);
  // From here on each point is an item of its own, with its own checkpoint of the counts.
  for (const rawPoint of readList(data.dataPoints ?? data.data_points, 'data points')) {
    beginItem(context);
    try {
      const point = asObject(rawPoint) ?? invalidItem('is not an object');
      out.push(readPoint(type, point, shared, temporality, isMonotonic, context));
    } catch (error) {
      if (!(error instanceof InvalidItemError)) throw error;
      abandonItem(context);
      rejectItems(context, `metric point ${name}: ${error.message}`, 1);
    }
  }
}

function readTemporality(data: RawObject, name: string): AggregationTemporality {
  const value = readEnum(
    data.aggregationTemporality ?? data.aggregation_temporality,
    otlpEnums.aggregationTemporality,
    'aggregation temporality',
  );
  if (value !== 0 && value !== 1 && value !== 2)
    invalidItem(`${name}: aggregation temporality ${value} is unknown`);
  return value;
}

function readPoint(
  type: MetricType,
  point: RawObject,
  shared: MetricShared,
  aggregationTemporality: AggregationTemporality,
  isMonotonic: boolean,
  context: DecodeContext,
): MetricPoint {
  const base = {
    ...shared,
    attributes: readAttributes(point.attributes, context),
    startTimeUnixNano: readTimeNano(point.startTimeUnixNano ?? point.start_time_unix_nano, 'start time'),
    timeUnixNano: readTimeNano(point.timeUnixNano ?? point.time_unix_nano, 'time'),
    flags: readInt(point.flags, 'flags'),
    exemplars: readExemplars(point.exemplars, context),
  };
  switch (type) {
    case 'gauge':
      return { type, ...base, value: readNumberValue(point) };
    case 'sum':
      return { type, ...base, value: readNumberValue(point), aggregationTemporality, isMonotonic };
    case 'histogram':
      return {
        type,
        ...base,
        ...readDistribution(point),
        bucketCounts: readCounts(point.bucketCounts ?? point.bucket_counts),
        explicitBounds: readList(point.explicitBounds ?? point.explicit_bounds, 'explicit bounds').map(
          toBound,
        ),
        aggregationTemporality,
      };
    case 'exponential_histogram':
      return {
        type,
        ...base,
        ...readDistribution(point),
        scale: readInt(point.scale, 'scale'),
        zeroCount: readCount(point.zeroCount ?? point.zero_count, 'zero count'),
        zeroThreshold: readDouble(point.zeroThreshold ?? point.zero_threshold, 'zero threshold'),
        positive: readBuckets(point.positive),
        negative: readBuckets(point.negative),
        aggregationTemporality,
      };
    case 'summary':
      return {
        type,
        ...base,
        count: readCount(point.count, 'count'),
        sum: readDouble(point.sum, 'sum'),
        quantileValues: readList(point.quantileValues ?? point.quantile_values, 'quantile values').map(
          readQuantile,
        ),
      };
  }
}

/** The count and optional sum, min and max of a histogram point. */
function readDistribution(point: RawObject): {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
} {
  return {
    count: readCount(point.count, 'count'),
    sum: readOptionalDouble(point.sum, 'sum'),
    min: readOptionalDouble(point.min, 'min'),
    max: readOptionalDouble(point.max, 'max'),
  };
}

/** The `as_double` / `as_int` oneof of a number point or exemplar. */
function readNumberValue(point: RawObject): number | bigint {
  if (Object.hasOwn(point, 'asDouble')) return readDouble(point.asDouble, 'value');
  if (Object.hasOwn(point, 'asInt')) return readInt64(point.asInt, 'value');
  if (Object.hasOwn(point, 'as_double')) return readDouble(point.as_double, 'value');
  if (Object.hasOwn(point, 'as_int')) return readInt64(point.as_int, 'value');
  return invalidItem('has no value');
}

function readCounts(raw: unknown): number[] {
  return readList(raw, 'bucket counts').map(toCount);
}

function toCount(raw: unknown): number {
  return readCount(raw, 'a bucket count');
}

function toBound(raw: unknown): number {
  return readDouble(raw, 'a bucket bound');
}

function readBuckets(raw: unknown): ExponentialBuckets {
  const buckets = asObject(raw);
  if (buckets === undefined) return { offset: 0, bucketCounts: [] };
  return {
    offset: readInt(buckets.offset, 'bucket offset'),
    bucketCounts: readCounts(buckets.bucketCounts ?? buckets.bucket_counts),
  };
}

function readQuantile(raw: unknown): QuantileValue {
  const quantile = asObject(raw) ?? invalidItem('has a quantile that is not an object');
  return {
    quantile: readDouble(quantile.quantile, 'quantile'),
    value: readDouble(quantile.value, 'quantile value'),
  };
}

function readExemplars(raw: unknown, context: DecodeContext): Exemplar[] {
  const list = readList(raw, 'exemplars');
  const exemplars: Exemplar[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) exemplars[i] = readExemplar(list[i], context);
  return exemplars;
}

function readExemplar(raw: unknown, context: DecodeContext): Exemplar {
  const exemplar = asObject(raw) ?? invalidItem('has an exemplar that is not an object');
  return {
    timeUnixNano: readTimeNano(exemplar.timeUnixNano ?? exemplar.time_unix_nano, 'exemplar time'),
    value: readNumberValue(exemplar),
    traceId: readOptionalId(exemplar.traceId ?? exemplar.trace_id, 16, 'exemplar trace id'),
    spanId: readOptionalId(exemplar.spanId ?? exemplar.span_id, 8, 'exemplar span id'),
    filteredAttributes: readAttributes(exemplar.filteredAttributes ?? exemplar.filtered_attributes, context),
  };
}
