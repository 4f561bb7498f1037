import { context, propagation, SpanStatusCode } from '@opentelemetry/api';
import { sdk } from '../setup/sdk-state.js';
import { openSpan } from '../spans/open-span.js';
import { RecordingSpan } from '../spans/span-handle.js';
import { methodAttributes } from './server-span.js';

const CLIENT_ERROR_STATUS = 400;

function urlOf(input: string | URL | Request): URL | null {
  const text = input instanceof Request ? input.url : String(input);
  return URL.canParse(text) ? new URL(text) : null;
}

/**
 * A `fetch` that records each request as a CLIENT span (`METHOD`, with the HTTP conventions'
 * attributes) and sends the trace context (`traceparent`, baggage) with it. 4xx and 5xx
 * responses and network errors mark the span as an error.
 */
export function tracedFetch(fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    if (!sdk.recording) return fetchImpl(input, init);
    const { method, attributes } = methodAttributes(
      init?.method ?? (input instanceof Request ? input.method : 'GET'),
    );
    const url = urlOf(input);
    if (url !== null) {
      attributes['url.full'] = url.href;
      attributes['server.address'] = url.hostname;
      if (url.port !== '') attributes['server.port'] = Number(url.port);
    }
    const opened = openSpan(
      method,
      { kind: 'http_client', attributes },
      (span, startTime) => new RecordingSpan(span, startTime),
    );
    if (opened === null) return fetchImpl(input, init);
    const span = opened.handle;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    propagation.inject(opened.context, headers, { set: (carrier, key, value) => carrier.set(key, value) });
    try {
      const response = await context.with(opened.context, () => fetchImpl(input, { ...init, headers }));
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= CLIENT_ERROR_STATUS) {
        span.setAttribute('error.type', String(response.status));
        span.otelSpan.setStatus({ code: SpanStatusCode.ERROR });
      }
      return response;
    } catch (error) {
      span.recordError(error);
      throw error;
    } finally {
      span.end();
    }
  };
}
