import { context, INVALID_TRACEID, trace } from '@opentelemetry/api';
import { sdk } from '../setup/sdk-state.js';

/** The ids a log line written inside a span carries, under the names log pipelines expect. */
export interface TraceLogFields {
  trace_id: string;
  span_id: string;
  trace_flags: string;
}

const NO_FIELDS = Object.freeze({});

/** The current span's ids as log fields; an empty object outside a span or when disabled. */
export function traceLogFields(): TraceLogFields | Record<string, never> {
  if (!sdk.recording) return NO_FIELDS;
  const span = trace.getSpan(context.active());
  if (span === undefined) return NO_FIELDS;
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (traceId === INVALID_TRACEID) return NO_FIELDS;
  return { trace_id: traceId, span_id: spanId, trace_flags: traceFlags.toString(16).padStart(2, '0') };
}

/** pino's `mixin` option: `pino({ mixin: pinoMixin })` adds the ids to every line written inside a span. */
export function pinoMixin(): TraceLogFields | Record<string, never> {
  return traceLogFields();
}
