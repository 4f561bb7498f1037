import { type Context, context, propagation } from '@opentelemetry/api';

/** Incoming headers as Node gives them, or any plain object of strings. */
export type HeaderCarrier = Record<string, string | string[] | undefined>;

/**
 * Writes the current trace context (`traceparent`, `tracestate`) and baggage into `headers`, for
 * a request or message that continues the trace elsewhere.
 */
export function injectTraceContext(headers: Record<string, string> = {}): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/** The context carried by incoming headers, on top of the current one. */
export function extractTraceContext(headers: HeaderCarrier): Context {
  return propagation.extract(context.active(), headers);
}

/** Runs `fn` in the trace (and baggage) the headers carry: its spans join the caller's trace. */
export function withTraceContext<T>(headers: HeaderCarrier, fn: () => T): T {
  return context.with(extractTraceContext(headers), fn);
}

/** Runs `fn` with baggage entries added; they travel with every injected context. */
export function withBaggage<T>(entries: Record<string, string>, fn: () => T): T {
  const active = context.active();
  let baggage = propagation.getBaggage(active) ?? propagation.createBaggage();
  for (const [key, value] of Object.entries(entries)) baggage = baggage.setEntry(key, { value });
  return context.with(propagation.setBaggage(active, baggage), fn);
}

/** A baggage entry of the current context, or null. */
export function getBaggageEntry(key: string): string | null {
  return propagation.getBaggage(context.active())?.getEntry(key)?.value ?? null;
}
