import { SpanStatusCode } from '@opentelemetry/api';
import Fastify from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fastifyTracing, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';
import { REMOTE_SPAN_ID, REMOTE_TRACEPARENT, waitForSpan } from '../support/listen.js';

async function startApp() {
  const app = Fastify();
  await app.register(fastifyTracing);
  app.register(async (scoped) => {
    scoped.post<{ Params: { id: string }; Body: { qty: number } }>('/items/:id', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return withSpan('save item', () => ({ id: request.params.id, qty: request.body.qty }));
    });
    scoped.get('/fail', async () => {
      throw new Error('no stock');
    });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  onTestFinished(() => app.close());
  return url;
}

describe('Fastify tracing', () => {
  it('records a SERVER span named after the route, current in the handler after the body is parsed', async () => {
    const { collector } = collectSpans();
    const url = await startApp();
    const response = await fetch(`${url}/items/9`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: REMOTE_TRACEPARENT },
      body: JSON.stringify({ qty: 3 }),
    });
    expect(await response.json()).toEqual({ id: '9', qty: 3 });
    await waitForSpan(collector, 'POST /items/:id');
    const span = spanNamed(collector, 'POST /items/:id');
    expect(parentOf(span)).toBe(REMOTE_SPAN_ID);
    expect(span.attributes).toMatchObject({ 'http.route': '/items/:id', 'http.response.status_code': 200 });
    expect(parentOf(spanNamed(collector, 'save item'))).toBe(span.spanContext().spanId);
  });

  it('records a handler error with a 500, and leaves a 404 unrouted and not an error', async () => {
    const { collector } = collectSpans();
    const url = await startApp();
    expect((await fetch(`${url}/fail`)).status).toBe(500);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    await waitForSpan(collector, 'GET /fail');
    await waitForSpan(collector, 'GET');
    const failed = spanNamed(collector, 'GET /fail');
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed.events[0]?.attributes?.['exception.message']).toBe('no stock');
    const missing = spanNamed(collector, 'GET');
    expect(missing.status.code).toBe(SpanStatusCode.UNSET);
    expect(missing.attributes['http.response.status_code']).toBe(404);
  });
});
