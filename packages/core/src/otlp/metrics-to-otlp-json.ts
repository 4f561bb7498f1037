/**
 * Metric points → an OTLP/JSON ExportMetricsServiceRequest. Points of one metric (same name,
 * description, unit, type, temporality, monotonicity and metadata) in one scope go back under
 * one `Metric`, so that decoding the result gives back the same points.
 */
import type { Attributes } from '../model/attributes.js';
import type { Exemplar, ExponentialBuckets, MetricPoint, QuantileValue } from '../model/metric-point.js';
import { groupedToJson, ValueIds } from './json-groups.js';
import type { JsonObject } from './json-values.js';
import { attributesToJson, doubleToJson, numberValueToJson } from './json-values.js';
import { METRIC_DATA_FIELDS } from './metric-data-fields.js';

function exemplarToJson(exemplar: Exemplar): JsonObject {
  const json: JsonObject = {
    filteredAttributes: attributesToJson(exemplar.filteredAttributes),
    timeUnixNano: exemplar.timeUnixNano.toString(),
    spanId: exemplar.spanId,
    traceId: exemplar.traceId,
  };
  numberValueToJson(exemplar.value, json);
  return json;
}

function countsToJson(counts: readonly number[]): string[] {
  return counts.map(String);
}

function bucketsToJson(buckets: ExponentialBuckets): JsonObject {
  return { offset: buckets.offset, bucketCounts: countsToJson(buckets.bucketCounts) };
}

function quantileToJson(quantile: QuantileValue): JsonObject {
  return { quantile: doubleToJson(quantile.quantile), value: doubleToJson(quantile.value) };
}

/** The proto3 `optional double` fields are written only when present. */
function setOptionalDouble(json: JsonObject, field: string, value: number | null): void {
  if (value !== null) json[field] = doubleToJson(value);
}

function pointToJson(point: MetricPoint): JsonObject {
  const json: JsonObject = {
    attributes: attributesToJson(point.attributes),
    startTimeUnixNano: point.startTimeUnixNano.toString(),
    timeUnixNano: point.timeUnixNano.toString(),
    flags: point.flags,
    exemplars: point.exemplars.map(exemplarToJson),
  };
  switch (point.type) {
    case 'gauge':
    case 'sum':
      numberValueToJson(point.value, json);
      break;
    case 'histogram':
      json.count = String(point.count);
      setOptionalDouble(json, 'sum', point.sum);
      json.bucketCounts = countsToJson(point.bucketCounts);
      json.explicitBounds = point.explicitBounds.map(doubleToJson);
      setOptionalDouble(json, 'min', point.min);
      setOptionalDouble(json, 'max', point.max);
      break;
    case 'exponential_histogram':
      json.count = String(point.count);
      setOptionalDouble(json, 'sum', point.sum);
      json.scale = point.scale;
      json.zeroCount = String(point.zeroCount);
      json.positive = bucketsToJson(point.positive);
      json.negative = bucketsToJson(point.negative);
      setOptionalDouble(json, 'min', point.min);
      setOptionalDouble(json, 'max', point.max);
      json.zeroThreshold = doubleToJson(point.zeroThreshold);
      break;
    case 'summary':
      json.count = String(point.count);
      json.sum = doubleToJson(point.sum);
      json.quantileValues = point.quantileValues.map(quantileToJson);
      break;
  }
  return json;
}

/** The fields of the metric's data message besides its points. */
function dataToJson(point: MetricPoint): JsonObject {
  switch (point.type) {
    case 'sum':
      return { aggregationTemporality: point.aggregationTemporality, isMonotonic: point.isMonotonic };
    case 'histogram':
    case 'exponential_histogram':
      return { aggregationTemporality: point.aggregationTemporality };
    default:
      return {};
  }
}

function metadataKey(metadata: Attributes): string {
  return JSON.stringify(attributesToJson(metadata));
}

function metricKey(point: MetricPoint, metadataIds: ValueIds<Attributes>): string {
  const data = dataToJson(point);
  return [
    point.name,
    point.description,
    point.unit,
    point.type,
    data.aggregationTemporality,
    data.isMonotonic,
    metadataIds.idOf(point.metadata),
  ].join('\n');
}

function scopePointsToJson(points: MetricPoint[]): unknown[] {
  const metadataIds = new ValueIds(metadataKey);
  const metrics = new Map<string, { data: JsonObject; dataPoints: JsonObject[] }>();
  const result: JsonObject[] = [];
  for (const point of points) {
    const key = metricKey(point, metadataIds);
    let metric = metrics.get(key);
    if (metric === undefined) {
      const dataPoints: JsonObject[] = [];
      const data = { dataPoints, ...dataToJson(point) };
      metric = { data, dataPoints };
      metrics.set(key, metric);
      result.push({
        name: point.name,
        description: point.description,
        unit: point.unit,
        metadata: attributesToJson(point.metadata),
        [METRIC_DATA_FIELDS[point.type]]: data,
      });
    }
    metric.dataPoints.push(pointToJson(point));
  }
  return result;
}

/** An OTLP/JSON ExportMetricsServiceRequest holding `points`. */
export function metricsToOtlpJson(points: readonly MetricPoint[]): unknown {
  return groupedToJson(
    points,
    { resourceGroups: 'resourceMetrics', scopeGroups: 'scopeMetrics', items: 'metrics' },
    scopePointsToJson,
  );
}
