import type {
  AnyValue,
  Attributes,
  InstrumentationScope,
  LogRecord,
  MetricPoint,
  Resource,
} from '@sextant/core';
import { decodeValue, encodeValue, type PayloadSink, type PayloadSource } from './codec.js';

/*
 * Logs and metric points: the columns searches filter and sort on, plus a body encoded by the
 * value codec (long log bodies and attribute values go to the payloads table).
 */

type LogBodyTuple = [
  severityText: string,
  body: AnyValue,
  flags: number,
  eventName: string,
  attributes: Attributes,
  droppedAttributesCount: number,
];

export const LOG_COLUMNS =
  'project, time_ns, observed_ns, trace_id, span_id, service, severity_number, resource_id, scope_id, body';

/** A `logs` row, in the order of `LOG_COLUMNS` (integers read back as bigints). */
export type LogRow = [
  project: string,
  timeUnixNano: bigint,
  observedTimeUnixNano: bigint,
  traceId: string,
  spanId: string,
  service: string,
  severityNumber: number | bigint,
  resourceId: number | bigint,
  scopeId: number | bigint,
  body: string,
];

export function logRow(log: LogRecord, resourceId: number, scopeId: number, payloads: PayloadSink): LogRow {
  const body: LogBodyTuple = [
    log.severityText,
    log.body,
    log.flags,
    log.eventName,
    log.attributes,
    log.droppedAttributesCount,
  ];
  return [
    log.project,
    log.timeUnixNano,
    log.observedTimeUnixNano,
    log.traceId,
    log.spanId,
    log.service,
    log.severityNumber,
    resourceId,
    scopeId,
    encodeValue(body, payloads),
  ];
}

export function decodeLog(
  row: LogRow,
  resource: Resource,
  scope: InstrumentationScope,
  payloads: PayloadSource,
): LogRecord {
  const [severityText, body, flags, eventName, attributes, droppedAttributesCount] = decodeValue(
    row[9],
    payloads,
  ) as LogBodyTuple;
  return {
    project: row[0],
    timeUnixNano: row[1],
    observedTimeUnixNano: row[2],
    severityNumber: Number(row[6]),
    severityText,
    body,
    traceId: row[3],
    spanId: row[4],
    flags,
    eventName,
    service: row[5],
    resource,
    scope,
    attributes,
    droppedAttributesCount,
  };
}

export const METRIC_COLUMNS = 'project, name, service, type, time_ns, resource_id, scope_id, body';

/** A `metric_points` row, in the order of `METRIC_COLUMNS` (integers read back as bigints). */
export type MetricRow = [
  project: string,
  name: string,
  service: string,
  type: MetricPoint['type'],
  timeUnixNano: bigint,
  resourceId: number | bigint,
  scopeId: number | bigint,
  body: string,
];

/** What of a point its body keeps: all but the columns. */
type MetricBody = Omit<
  MetricPoint,
  'project' | 'name' | 'service' | 'type' | 'timeUnixNano' | 'resource' | 'scope'
>;

export function metricRow(
  point: MetricPoint,
  resourceId: number,
  scopeId: number,
  payloads: PayloadSink,
): MetricRow {
  // The point's own fields differ by type; the value codec keeps them all, with their names.
  const { project, name, service, type, timeUnixNano, resource: _resource, scope: _scope, ...body } = point;
  return [project, name, service, type, timeUnixNano, resourceId, scopeId, encodeValue(body, payloads)];
}

export function decodeMetric(
  row: MetricRow,
  resource: Resource,
  scope: InstrumentationScope,
  payloads: PayloadSource,
): MetricPoint {
  const body = decodeValue(row[7], payloads) as MetricBody;
  return {
    ...body,
    project: row[0],
    name: row[1],
    service: row[2],
    type: row[3],
    timeUnixNano: row[4],
    resource,
    scope,
  } as MetricPoint;
}
