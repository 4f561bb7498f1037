import { emptyLlmFields } from '../model/llm.js';
import type { Span, SpanEvent, SpanKind, SpanLink, SpanStatus, StatusCode } from '../model/span.js';
import { SPAN_KINDS, STATUS_CODES } from '../model/span.js';
import type { DecodeContext } from './decode-context.js';
import { invalidItem } from './errors.js';
import { asObject, droppedAttributes, readAttributes, readList } from './read-attributes.js';
import type { ItemGroup } from './read-groups.js';
import { isZeroId, readEnum, readId, readInt, readString, readTimeNano } from './read-scalars.js';
import { otlpEnums } from './schema.js';

const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

function isEnumValue(value: number, names: readonly string[]): boolean {
  return Number.isInteger(value) && value >= 0 && value < names.length;
}

/** An id of `byteLength` bytes that is not all zeros, or null. */
function readValidId(raw: unknown, byteLength: number): string | null {
  const id = readId(raw, byteLength);
  return id === null || id === '' || isZeroId(id) ? null : id;
}

/** One OTLP span; throws `InvalidItemError` for a span that cannot be kept. */
export function readSpan(raw: unknown, group: ItemGroup, context: DecodeContext, out: Span[]): void {
  const span = asObject(raw) ?? invalidItem('is not an object');
  const spanId =
    readValidId(span.spanId ?? span.span_id, SPAN_ID_BYTES) ??
    invalidItem('with a span id that is not 16 hex digits, or is all zero');
  const traceId =
    readValidId(span.traceId ?? span.trace_id, TRACE_ID_BYTES) ??
    invalidItem(`${spanId}: trace id is not 32 hex digits, or is all zero`);
  const parentId = readId(span.parentSpanId ?? span.parent_span_id, SPAN_ID_BYTES);
  if (parentId === null) invalidItem(`${spanId}: parent span id is not 16 hex digits`);
  const startTimeUnixNano = readTimeNano(span.startTimeUnixNano ?? span.start_time_unix_nano, 'start time');
  if (startTimeUnixNano === 0n) invalidItem(`${spanId}: start time is zero`);
  const endTimeUnixNano = readTimeNano(span.endTimeUnixNano ?? span.end_time_unix_nano, 'end time');
  if (endTimeUnixNano < startTimeUnixNano) invalidItem(`${spanId}: end time is before start time`);
  const kind = readEnum(span.kind, otlpEnums.spanKind, 'kind');
  if (!isEnumValue(kind, SPAN_KINDS)) invalidItem(`${spanId}: kind ${kind} is out of range`);
  const status = readStatus(span.status, spanId);

  const { limits, counts } = context;
  const rawEvents = readList(span.events, 'events');
  const keptEvents = Math.min(rawEvents.length, limits.maxEventsPerSpan);
  const events: SpanEvent[] = new Array(keptEvents);
  for (let i = 0; i < keptEvents; i++) events[i] = readEvent(rawEvents[i], context);
  const overEvents = rawEvents.length - keptEvents;
  counts.droppedEvents += overEvents;

  const rawLinks = readList(span.links, 'links');
  const links: SpanLink[] = [];
  let droppedLinks = 0;
  for (let i = 0; i < rawLinks.length; i++) {
    if (links.length === limits.maxLinksPerSpan) {
      droppedLinks += rawLinks.length - i;
      break;
    }
    const link = readLink(rawLinks[i], context);
    if (link === null) droppedLinks++;
    else links.push(link);
  }
  counts.droppedLinks += droppedLinks;

  out.push({
    project: group.project,
    traceId,
    spanId,
    // An all-zero parent is the OTel "invalid span id": the span has no parent.
    parentSpanId: isZeroId(parentId) ? '' : parentId,
    traceState: readString(span.traceState ?? span.trace_state, 'trace state'),
    flags: readInt(span.flags, 'flags'),
    name: readString(span.name, 'name'),
    kind: kind as SpanKind,
    startTimeUnixNano,
    endTimeUnixNano,
    status,
    service: group.service,
    resource: group.resource,
    scope: group.scope,
    attributes: readAttributes(span.attributes, context),
    droppedAttributesCount: droppedAttributes(
      span.attributes,
      span.droppedAttributesCount ?? span.dropped_attributes_count,
      context,
    ),
    events,
    droppedEventsCount:
      readInt(span.droppedEventsCount ?? span.dropped_events_count, 'dropped events count') + overEvents,
    links,
    droppedLinksCount:
      readInt(span.droppedLinksCount ?? span.dropped_links_count, 'dropped links count') + droppedLinks,
    llm: emptyLlmFields(),
  });
}

function readStatus(raw: unknown, spanId: string): SpanStatus {
  const status = asObject(raw);
  if (status === undefined) return { code: 0, message: '' };
  const code = readEnum(status.code, otlpEnums.statusCode, 'status code');
  if (!isEnumValue(code, STATUS_CODES)) invalidItem(`${spanId}: status code ${code} is out of range`);
  return { code: code as StatusCode, message: readString(status.message, 'status message') };
}

function readEvent(raw: unknown, context: DecodeContext): SpanEvent {
  const event = asObject(raw) ?? invalidItem('has an event that is not an object');
  return {
    timeUnixNano: readTimeNano(event.timeUnixNano ?? event.time_unix_nano, 'event time'),
    name: readString(event.name, 'event name'),
    attributes: readAttributes(event.attributes, context),
    droppedAttributesCount: droppedAttributes(
      event.attributes,
      event.droppedAttributesCount ?? event.dropped_attributes_count,
      context,
    ),
  };
}

/** A link, or null when its ids are not valid (the link is then dropped, not the span). */
function readLink(raw: unknown, context: DecodeContext): SpanLink | null {
  const link = asObject(raw);
  if (link === undefined) return null;
  const traceId = readValidId(link.traceId ?? link.trace_id, TRACE_ID_BYTES);
  const spanId = readValidId(link.spanId ?? link.span_id, SPAN_ID_BYTES);
  if (traceId === null || spanId === null) return null;
  return {
    traceId,
    spanId,
    traceState: readString(link.traceState ?? link.trace_state, 'link trace state'),
    attributes: readAttributes(link.attributes, context),
    droppedAttributesCount: droppedAttributes(
      link.attributes,
      link.droppedAttributesCount ?? link.dropped_attributes_count,
      context,
    ),
    flags: readInt(link.flags, 'link flags'),
  };
}
