import { describe, expect, it } from 'vitest';
import {
  extractTraceContext,
  getBaggageEntry,
  injectTraceContext,
  withBaggage,
  withSpan,
  withTraceContext,
} from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';

describe('W3C propagation', () => {
  it('round-trips trace context and baggage through headers', () => {
    const { collector } = collectSpans();
    const headers = withSpan('caller', () =>
      withBaggage({ 'user.id': 'u-7', tenant: 'acme' }, () => injectTraceContext()),
    );
    const caller = spanNamed(collector, 'caller').spanContext();
    expect(headers.traceparent).toBe(`00-${caller.traceId}-${caller.spanId}-01`);
    expect(headers.baggage?.split(',').sort()).toEqual(['tenant=acme', 'user.id=u-7']);

    const seen = withTraceContext(headers, () =>
      withSpan('callee', () => ({ user: getBaggageEntry('user.id'), missing: getBaggageEntry('nope') })),
    );
    expect(seen).toEqual({ user: 'u-7', missing: null });
    const callee = spanNamed(collector, 'callee');
    expect(callee.spanContext().traceId).toBe(caller.traceId);
    expect(parentOf(callee)).toBe(caller.spanId);
  });

  it('reads Node-style header arrays and ignores a malformed traceparent', () => {
    const { collector } = collectSpans();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    withTraceContext({ traceparent: [`00-${traceId}-b7ad6b7169203331-01`] }, () =>
      withSpan('from array', () => {}),
    );
    expect(spanNamed(collector, 'from array').spanContext().traceId).toBe(traceId);
    const context = extractTraceContext({ traceparent: '00-nonsense' });
    expect(context).toBeDefined();
    withTraceContext({ traceparent: '00-nonsense' }, () => withSpan('fresh', () => {}));
    expect(parentOf(spanNamed(collector, 'fresh'))).toBeUndefined();
  });
});
