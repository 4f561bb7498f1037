/**
 * The model → OTLP/JSON export requests (plain objects ready for `JSON.stringify`), the inverse
 * of decoding: decoding the result gives back the same spans and log records.
 */
import type { LogRecord } from '../model/log-record.js';
import type { Span, SpanEvent, SpanLink } from '../model/span.js';
import { groupedToJson } from './json-groups.js';
import type { JsonObject } from './json-values.js';
import { anyValueToJson, attributesToJson } from './json-values.js';

function eventToJson(event: SpanEvent): JsonObject {
  return {
    timeUnixNano: event.timeUnixNano.toString(),
    name: event.name,
    attributes: attributesToJson(event.attributes),
    droppedAttributesCount: event.droppedAttributesCount,
  };
}

function linkToJson(link: SpanLink): JsonObject {
  return {
    traceId: link.traceId,
    spanId: link.spanId,
    traceState: link.traceState,
    attributes: attributesToJson(link.attributes),
    droppedAttributesCount: link.droppedAttributesCount,
    flags: link.flags,
  };
}

function spanToJson(span: Span): JsonObject {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    traceState: span.traceState,
    parentSpanId: span.parentSpanId,
    flags: span.flags,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    endTimeUnixNano: span.endTimeUnixNano.toString(),
    attributes: attributesToJson(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map(eventToJson),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map(linkToJson),
    droppedLinksCount: span.droppedLinksCount,
    status: { message: span.status.message, code: span.status.code },
  };
}

function logRecordToJson(log: LogRecord): JsonObject {
  const json: JsonObject = {
    timeUnixNano: log.timeUnixNano.toString(),
    observedTimeUnixNano: log.observedTimeUnixNano.toString(),
    severityNumber: log.severityNumber,
    severityText: log.severityText,
  };
  if (log.body !== null) json.body = anyValueToJson(log.body);
  json.attributes = attributesToJson(log.attributes);
  json.droppedAttributesCount = log.droppedAttributesCount;
  json.flags = log.flags;
  json.traceId = log.traceId;
  json.spanId = log.spanId;
  json.eventName = log.eventName;
  return json;
}

function spansToJson(spans: Span[]): unknown[] {
  return spans.map(spanToJson);
}

function logRecordsToJson(logs: LogRecord[]): unknown[] {
  return logs.map(logRecordToJson);
}

/** An OTLP/JSON ExportTraceServiceRequest holding `spans`. */
export function tracesToOtlpJson(spans: readonly Span[]): unknown {
  return groupedToJson(
    spans,
    { resourceGroups: 'resourceSpans', scopeGroups: 'scopeSpans', items: 'spans' },
    spansToJson,
  );
}

/** An OTLP/JSON ExportLogsServiceRequest holding `logs`. */
export function logsToOtlpJson(logs: readonly LogRecord[]): unknown {
  return groupedToJson(
    logs,
    { resourceGroups: 'resourceLogs', scopeGroups: 'scopeLogs', items: 'logRecords' },
    logRecordsToJson,
  );
}
