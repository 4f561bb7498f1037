import type { HrTime, Attributes as OtelAttributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  type AnyValue,
  type Attributes,
  DEFAULT_INGEST_LIMITS,
  decodeTraces,
  type Span,
} from '@sextant/core';

/** What the OTLP transformer makes of a JS attribute value: integral numbers become OTLP ints. */
export function asOtlpValue(value: unknown): AnyValue {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(asOtlpValue);
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !(value instanceof Uint8Array))
    return asOtlpAttributes(value as OtelAttributes);
  return value as AnyValue;
}

export function asOtlpAttributes(attributes: OtelAttributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) out[key] = asOtlpValue(value);
  return out;
}

export function hrTimeNano([seconds, nanos]: HrTime): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

/** The fields of a span that must read back identical, from what the SDK recorded. */
export function expectedFromSdk(span: ReadableSpan) {
  return {
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    name: span.name,
    kind: span.kind + 1, // the API's INTERNAL is 0, OTLP's is 1
    startTimeUnixNano: hrTimeNano(span.startTime),
    endTimeUnixNano: hrTimeNano(span.endTime),
    status: { code: span.status.code, message: span.status.message ?? '' },
    attributes: asOtlpAttributes(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({
      timeUnixNano: hrTimeNano(event.time),
      name: event.name,
      attributes: asOtlpAttributes(event.attributes ?? {}),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: asOtlpAttributes(link.attributes ?? {}),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
    })),
    droppedLinksCount: span.droppedLinksCount,
    resource: asOtlpAttributes(span.resource.attributes),
    scope: { name: span.instrumentationScope.name, version: span.instrumentationScope.version ?? '' },
  };
}

/** The same fields from a span Sextant stored. */
export function actualFromStore(span: Span) {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    status: span.status,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map(({ timeUnixNano, name, attributes, droppedAttributesCount }) => ({
      timeUnixNano,
      name,
      attributes,
      droppedAttributesCount,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map(({ traceId, spanId, attributes, droppedAttributesCount }) => ({
      traceId,
      spanId,
      attributes,
      droppedAttributesCount,
    })),
    droppedLinksCount: span.droppedLinksCount,
    resource: span.resource.attributes,
    scope: { name: span.scope.name, version: span.scope.version },
  };
}

/** Decodes the OTLP/JSON that `GET /api/traces/:id?format=otlp` answers back into spans. */
export function spansFromOtlpJson(body: unknown): Span[] {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return decodeTraces(bytes, 'json', { project: 'default', limits: DEFAULT_INGEST_LIMITS }).spans;
}
