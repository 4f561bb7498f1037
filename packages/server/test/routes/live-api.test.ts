import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function ingest(spans: unknown[]): Promise<void> {
  const response = await fetch(`${server.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sextant-project': 'live' },
    body: JSON.stringify(jsonTraceRequest(spans)),
  });
  expect(response.status).toBe(200);
}

interface Received {
  event: string;
  data: any;
}

/** Opens a live stream and collects its events; resolves once the stream is open. */
async function openStream(query: string): Promise<{ source: EventSource; events: Received[] }> {
  const source = new EventSource(`${server.url}/api/live?${query}`);
  const events: Received[] = [];
  for (const event of ['trace', 'span', 'dropped']) {
    source.addEventListener(event, (message) => events.push({ event, data: JSON.parse(message.data) }));
  }
  await new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    source.onerror = (error) => reject(error);
  });
  return { source, events };
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}

async function subscribers(): Promise<number> {
  const diagnostics = (await (await fetch(`${server.url}/api/diagnostics`)).json()) as any;
  return diagnostics.live.subscribers;
}

/** Waits for the server to count this many open streams (closing one takes a moment). */
async function untilSubscribers(count: number): Promise<void> {
  for (let tries = 0; tries < 200 && (await subscribers()) !== count; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await subscribers()).toBe(count);
}

describe('GET /api/live', () => {
  it('streams the new spans that meet the filters, announcing each trace once', async () => {
    const { source, events } = await openStream('project=live&spanType=llm');
    try {
      const traceId = randomTraceId();
      const llm = (name: string) =>
        jsonSpan({
          traceId,
          name,
          attributes: [
            { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
            { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
          ],
        });
      await ingest([jsonSpan({ traceId, name: 'plain work' }), llm('chat one')]);
      await ingest([llm('chat two')]);
      await until(() => events.filter((event) => event.event === 'span').length === 2);
      expect(events.map((event) => event.event)).toEqual(['trace', 'span', 'span']);
      expect(events[0]!.data).toEqual({ traceId, project: 'live' });
      expect(events.slice(1).map((event) => event.data.name)).toEqual(['chat one', 'chat two']);
      expect(events[1]!.data).toMatchObject({ traceId, llm: { spanType: 'llm', requestModel: 'gpt-4o' } });
    } finally {
      source.close();
    }
  });

  it('keeps to its project', async () => {
    const { source, events } = await openStream('project=elsewhere');
    try {
      await ingest([jsonSpan({ name: 'not for elsewhere' })]);
      const { source: own, events: ownEvents } = await openStream('project=live&text=marker');
      try {
        await ingest([jsonSpan({ name: 'the marker span' })]);
        await until(() => ownEvents.some((event) => event.event === 'span'));
        expect(events).toEqual([]);
      } finally {
        own.close();
      }
    } finally {
      source.close();
    }
  });

  it('lets go of a stream its client closed', async () => {
    await untilSubscribers(0);
    const { source } = await openStream('project=live');
    expect(await subscribers()).toBe(1);
    source.close();
    await untilSubscribers(0);
  });

  it('refuses bad filters with a 400', async () => {
    const response = await fetch(`${server.url}/api/live?project=live&attr=broken`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe('SEXTANT_ERR_INVALID_REQUEST');
  });

  it('ends open streams when the server shuts down', async () => {
    const other = await startTestServer();
    const source = new EventSource(`${other.url}/api/live`);
    await new Promise<void>((resolve) => {
      source.onopen = () => resolve();
    });
    await other.stop();
    source.close();
  });
});
