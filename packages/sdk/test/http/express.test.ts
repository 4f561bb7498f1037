import { createServer } from 'node:http';
import { SpanStatusCode } from '@opentelemetry/api';
import express from 'express';
import { describe, expect, it, onTestFinished } from 'vitest';
import { expressErrorTracing, expressTracing, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';
import { listen, REMOTE_SPAN_ID, REMOTE_TRACEPARENT, waitForSpan } from '../support/listen.js';

async function startApp() {
  const app = express();
  app.use(expressTracing());
  app.use(express.json());
  const router = express.Router();
  router.post('/orders/:id', async (req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const saved = await withSpan('save order', async () => ({ id: req.params.id, ...req.body }));
    res.status(201).json(saved);
  });
  router.get('/broken', async () => {
    throw new Error('database is down');
  });
  app.use('/api', router);
  app.use(expressErrorTracing());
  const running = await listen(createServer(app));
  onTestFinished(running.close);
  return running;
}

describe('Express tracing', () => {
  it('names the span after the matched route, mount path included, with handler spans under it', async () => {
    const { collector } = collectSpans();
    const { url } = await startApp();
    const response = await fetch(`${url}/api/orders/42`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: REMOTE_TRACEPARENT },
      body: JSON.stringify({ qty: 2 }),
    });
    expect(response.status).toBe(201);
    await waitForSpan(collector, 'POST /api/orders/:id');
    const span = spanNamed(collector, 'POST /api/orders/:id');
    expect(parentOf(span)).toBe(REMOTE_SPAN_ID);
    expect(span.attributes).toMatchObject({
      'http.route': '/api/orders/:id',
      'http.response.status_code': 201,
    });
    expect(parentOf(spanNamed(collector, 'save order'))).toBe(span.spanContext().spanId);
  });

  it('records a handler’s error on the request span', async () => {
    const { collector } = collectSpans();
    const { url } = await startApp();
    expect((await fetch(`${url}/api/broken`)).status).toBe(500);
    await waitForSpan(collector, 'GET /api/broken');
    const span = spanNamed(collector, 'GET /api/broken');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((event) => event.attributes?.['exception.message'])).toEqual(['database is down']);
  });
});
