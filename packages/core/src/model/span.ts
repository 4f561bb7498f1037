import type { Attributes } from './attributes.js';
import type { LlmFields } from './llm.js';
import type { InstrumentationScope, Resource } from './resource.js';

/** OTel span kinds, with their OTLP enum numbers. */
export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export type SpanKindName = (typeof SPAN_KINDS)[number];
/** The OTLP `Span.SpanKind` enum value (0..5); `SPAN_KINDS[kind]` names it. */
export type SpanKind = 0 | 1 | 2 | 3 | 4 | 5;

/** OTel status codes, with their OTLP enum numbers. */
export const STATUS_CODES = ['unset', 'ok', 'error'] as const;
export type StatusCodeName = (typeof STATUS_CODES)[number];
/** The OTLP `Status.StatusCode` enum value (0..2); `STATUS_CODES[code]` names it. */
export type StatusCode = 0 | 1 | 2;

export interface SpanStatus {
  code: StatusCode;
  message: string;
}

export interface SpanEvent {
  /** Nanoseconds since the Unix epoch, exact. */
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  /** 32 lower-case hex digits. */
  traceId: string;
  /** 16 lower-case hex digits. */
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

/**
 * One span as Sextant keeps it: everything OTLP carries, plus the project it belongs to, the
 * service (from the resource's `service.name`) and the normalized LLM fields.
 * Spans are immutable: (project, traceId, spanId) identifies one, and writing it again is a no-op.
 */
export interface Span {
  project: string;
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** 16 lower-case hex digits, not all zero. */
  spanId: string;
  /** 16 lower-case hex digits, or '' for a root span. */
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  kind: SpanKind;
  /** Nanoseconds since the Unix epoch, exact. */
  startTimeUnixNano: bigint;
  /** Nanoseconds since the Unix epoch, exact; never before the start. */
  endTimeUnixNano: bigint;
  status: SpanStatus;
  /** `service.name` of the resource, or `unknown_service`. */
  service: string;
  resource: Resource;
  scope: InstrumentationScope;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  /** First-class fields derived from the LLM semantic conventions (see docs/attributes.md). */
  llm: LlmFields;
}

/** The span's duration in nanoseconds. */
export function spanDurationNano(span: Pick<Span, 'startTimeUnixNano' | 'endTimeUnixNano'>): bigint {
  return span.endTimeUnixNano - span.startTimeUnixNano;
}
