import { createServer } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it, onTestFinished } from 'vitest';
import { traceRequests, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';
import {
  listen,
  REMOTE_SPAN_ID,
  REMOTE_TRACE_ID,
  REMOTE_TRACEPARENT,
  waitForSpan,
} from '../support/listen.js';

async function startServer() {
  const server = createServer(
    traceRequests(
      (req, res) => {
        if (req.url === '/fail') {
          res.statusCode = 503;
          res.end();
          return;
        }
        setTimeout(() => {
          withSpan('load user', () => {});
          res.setHeader('content-type', 'application/json');
          res.end('{"id":7}');
        }, 1);
      },
      { route: (req) => (req.url?.startsWith('/users/') ? '/users/:id' : undefined) },
    ),
  );
  const running = await listen(server);
  onTestFinished(running.close);
  return running;
}

describe('node:http tracing', () => {
  it('records a SERVER span per request, under the caller’s traceparent', async () => {
    const { collector } = collectSpans();
    const { url } = await startServer();
    const response = await fetch(`${url}/users/7?fields=name`, {
      headers: { traceparent: REMOTE_TRACEPARENT, 'user-agent': 'sdk-test' },
    });
    expect(await response.json()).toEqual({ id: 7 });
    await waitForSpan(collector, 'GET /users/:id');
    const span = spanNamed(collector, 'GET /users/:id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(REMOTE_TRACE_ID);
    expect(parentOf(span)).toBe(REMOTE_SPAN_ID);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/users/:id',
      'url.path': '/users/7',
      'url.query': 'fields=name',
      'url.scheme': 'http',
      'server.address': '127.0.0.1',
      'client.address': '127.0.0.1',
      'user_agent.original': 'sdk-test',
      'http.response.status_code': 200,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(parentOf(spanNamed(collector, 'load user'))).toBe(span.spanContext().spanId);
  });

  it('marks 5xx as an error, names an unrouted request by its method, and records unknown methods as _OTHER', async () => {
    const { collector } = collectSpans();
    const { url } = await startServer();
    await fetch(`${url}/fail`);
    await fetch(`${url}/users/1`, { method: 'PURGE' });
    await waitForSpan(collector, 'GET');
    await waitForSpan(collector, 'HTTP /users/:id');
    const failed = spanNamed(collector, 'GET');
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(spanNamed(collector, 'HTTP /users/:id').attributes).toMatchObject({
      'http.request.method': '_OTHER',
      'http.request.method_original': 'PURGE',
    });
  });

  it('records the rejection of an async listener, and passes it on', async () => {
    const { collector } = collectSpans();
    const rejections: unknown[] = [];
    const listener = traceRequests(async (_req, res) => {
      res.statusCode = 500;
      res.end();
      throw new Error('database unreachable');
    });
    const server = createServer((req, res) => {
      const result = listener(req, res);
      if (result instanceof Promise) result.catch((error: unknown) => rejections.push(error));
    });
    const running = await listen(server);
    onTestFinished(running.close);
    await fetch(`${running.url}/orders`);
    await waitForSpan(collector, 'GET');
    const span = spanNamed(collector, 'GET');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((event) => event.name)).toContain('exception');
    expect(rejections).toHaveLength(1);
  });
});
