import { createServer } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tracedFetch, traceRequests, withBaggage, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';
import { listen, waitForSpan } from '../support/listen.js';

async function startServer() {
  const server = createServer(
    traceRequests((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end(JSON.stringify({ traceparent: req.headers.traceparent, baggage: req.headers.baggage }));
    }),
  );
  const running = await listen(server);
  onTestFinished(running.close);
  return running;
}

describe('tracedFetch', () => {
  it('records a CLIENT span and carries the trace to the server it calls', async () => {
    const { collector } = collectSpans();
    const { url } = await startServer();
    const traced = tracedFetch();
    const seen = await withSpan('agent', () =>
      withBaggage(
        { 'session.id': 's-1' },
        async () =>
          (await traced(`${url}/tools?q=1`, { headers: { accept: 'application/json' } })).json() as Promise<{
            traceparent: string;
            baggage: string;
          }>,
      ),
    );
    await waitForSpan(collector, 'GET');
    const client = collector.spans.find((span) => span.kind === SpanKind.CLIENT)!;
    const server = collector.spans.find((span) => span.kind === SpanKind.SERVER)!;
    expect(client.name).toBe('GET');
    expect(parentOf(client)).toBe(spanNamed(collector, 'agent').spanContext().spanId);
    expect(seen.traceparent).toBe(`00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`);
    expect(seen.baggage).toBe('session.id=s-1');
    expect(parentOf(server)).toBe(client.spanContext().spanId);
    expect(client.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.full': `${url}/tools?q=1`,
      'server.address': '127.0.0.1',
      'http.response.status_code': 200,
    });
  });

  it('marks 4xx responses and network errors as errors', async () => {
    const { collector } = collectSpans();
    const { url } = await startServer();
    const traced = tracedFetch();
    expect((await traced(new Request(`${url}/missing`, { method: 'DELETE' }))).status).toBe(404);
    const closed = await startServer();
    await closed.close();
    await expect(traced(`${closed.url}/`)).rejects.toThrow();
    const clients = collector.spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(clients.map((span) => [span.name, span.status.code])).toEqual([
      ['DELETE', SpanStatusCode.ERROR],
      ['GET', SpanStatusCode.ERROR],
    ]);
    expect(clients[0]!.attributes['error.type']).toBe('404');
    expect(clients[1]!.attributes['error.type']).toBe('TypeError');
  });
});
