import { type Attributes, context, INVALID_SPANID, INVALID_TRACEID, trace } from '@opentelemetry/api';
import { sdk } from '../setup/sdk-state.js';
import { recordErrorOn, type SpanRef } from './span-handle.js';

/**
 * Helpers on whichever span is current (an SDK span or another instrumentation's), for code deep
 * in a call stack that has no handle. Outside a span, or when disabled, they do nothing.
 */
function currentSpan() {
  return sdk.recording ? trace.getSpan(context.active()) : undefined;
}

/** The current trace id, or null outside a span. */
export function currentTraceId(): string | null {
  const id = currentSpan()?.spanContext().traceId;
  return id === undefined || id === INVALID_TRACEID ? null : id;
}

/** The current span id, or null outside a span. */
export function currentSpanId(): string | null {
  const id = currentSpan()?.spanContext().spanId;
  return id === undefined || id === INVALID_SPANID ? null : id;
}

/** The current span as a link target or parent, or null outside a span. */
export function currentSpanRef(): SpanRef | null {
  const span = currentSpan();
  if (span === undefined) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return traceId === INVALID_TRACEID ? null : { traceId, spanId, traceFlags };
}

/** Adds attributes to the current span, whenever they become known. */
export function addMetadata(attributes: Attributes): void {
  const span = currentSpan();
  if (span === undefined) return;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) span.setAttribute(key, value);
  }
}

/** A timestamped event on the current span. */
export function addEvent(name: string, attributes?: Attributes): void {
  currentSpan()?.addEvent(name, attributes, sdk.clock.now());
}

/** Records an error on the current span (exception event, `error.type`, error status). */
export function recordError(error: unknown): void {
  const span = currentSpan();
  if (span !== undefined) recordErrorOn(span, error);
}
