import { formatRfc3339Nano, type LogRecord, type MetricPoint } from '@sextant/core';
import { plainAttributes, plainValue } from './plain-json.js';

/** A log record as the API shows it (attribute values as plain JSON). */
export function logView(log: LogRecord) {
  return {
    time: formatRfc3339Nano(log.timeUnixNano),
    timeUnixNano: log.timeUnixNano.toString(),
    observedTimeUnixNano: log.observedTimeUnixNano.toString(),
    severityNumber: log.severityNumber,
    severityText: log.severityText,
    body: plainValue(log.body),
    traceId: log.traceId,
    spanId: log.spanId,
    eventName: log.eventName,
    service: log.service,
    attributes: plainAttributes(log.attributes),
    resource: plainAttributes(log.resource.attributes),
    scope: { name: log.scope.name, version: log.scope.version },
  };
}

/** A metric point as the API shows it: its type's own fields, exact ints as plain JSON. */
export function metricView(point: MetricPoint) {
  const {
    project: _project,
    resource,
    scope,
    attributes,
    metadata,
    exemplars,
    startTimeUnixNano,
    timeUnixNano,
    ...fields
  } = point;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    values[key] = typeof value === 'bigint' ? plainValue(value) : value;
  return {
    ...values,
    time: formatRfc3339Nano(timeUnixNano),
    timeUnixNano: timeUnixNano.toString(),
    startTimeUnixNano: startTimeUnixNano.toString(),
    attributes: plainAttributes(attributes),
    metadata: plainAttributes(metadata),
    resource: plainAttributes(resource.attributes),
    scope: { name: scope.name, version: scope.version },
    exemplarCount: exemplars.length,
  };
}
