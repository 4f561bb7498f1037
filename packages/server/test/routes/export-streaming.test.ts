import { get, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPOCH, MS, makeSpan, spanId, traceId } from '../../../store/test/contract/fixtures/span-builder.js';
import { buildApp } from '../../src/app.js';
import { type CountingStore, countingStore } from '../support/counting-store.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/*
 * An export must stream with backpressure: a client that stops reading stops the walk, so the
 * server never holds more than what the socket buffers take. The export here is about 64 MiB, far
 * beyond what loopback sockets buffer (a few MiB), so a server that read every trace up front, or
 * buffered the whole answer, fails the bound.
 */
const PROJECT = 'export-stream';
const TRACES = 2000;
/** One string shared by every span: the store stays small, each exported line is 32 KiB. */
const PAYLOAD = 'x'.repeat(32 * 1024);

let server: TestServer;
let app: FastifyInstance;
let counting: CountingStore;
let url: string;

beforeAll(async () => {
  server = await startTestServer((config) => {
    config.store.driver = 'memory';
  });
  const spans = Array.from({ length: TRACES }, (_, index) => ({
    ...makeSpan({
      project: PROJECT,
      traceId: traceId(index + 1),
      spanId: spanId(1),
      name: 'bulky',
      service: 'stream',
      start: EPOCH + BigInt(index) * MS,
      duration: MS,
    }),
    attributes: { payload: PAYLOAD },
  }));
  await server.context.store.write({ spans, logs: [], metrics: [] });
  // The same app over the same store, counting the store's reads.
  counting = countingStore(server.context.store);
  app = await buildApp({ ...server.context, store: counting.store }, { logger: false });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await server.stop();
});

/** Opens the export and takes its first chunk, leaving the rest unread. */
async function startExport(): Promise<{ response: IncomingMessage; chunks: Buffer[] }> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(`${url}/api/export/traces?project=${PROJECT}&limit=${TRACES}`, resolve).on('error', reject);
  });
  expect(response.statusCode).toBe(200);
  const chunks: Buffer[] = [];
  await new Promise((resolve) => {
    response.once('data', (chunk: Buffer) => {
      response.pause();
      chunks.push(chunk);
      resolve(null);
    });
  });
  return { response, chunks };
}

/** The count once it has stopped moving (polled until unchanged for half a second). */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  for (let steady = 0; steady < 10; ) {
    await sleep(50);
    steady = count() === last ? steady + 1 : 0;
    last = count();
  }
  return last;
}

describe('a streamed export', () => {
  it('reads no further than the client takes, then finishes when it reads on', async () => {
    const before = counting.getTraceCalls;
    const { response, chunks } = await startExport();
    const readWhilePaused = (await settled(() => counting.getTraceCalls)) - before;
    expect(readWhilePaused).toBeGreaterThan(0);
    expect(readWhilePaused).toBeLessThan(TRACES / 2);

    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => response.on('end', resolve));
    response.resume();
    await ended;
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(TRACES);
    expect(lines.every((line) => line.includes(PAYLOAD))).toBe(true);
    expect(counting.getTraceCalls - before).toBe(TRACES);
  });

  it('stops walking when the client goes away', async () => {
    const before = counting.getTraceCalls;
    const { response } = await startExport();
    response.destroy();
    const read = (await settled(() => counting.getTraceCalls)) - before;
    expect(read).toBeLessThan(TRACES / 2);
    // The server is still serving.
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });
});
