import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const HOUR = 3_600_000_000_000n;

async function ingest(project: string, traceId: string, start: bigint): Promise<void> {
  const response = await fetch(`${server.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sextant-project': project },
    body: JSON.stringify(jsonTraceRequest([jsonSpan({ traceId, startTimeUnixNano: String(start) })])),
  });
  expect(response.status).toBe(200);
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

async function traceStatus(project: string, traceId: string): Promise<number> {
  return (await call('GET', `/api/traces/${traceId}?project=${project}`)).status;
}

const now = () => BigInt(Date.now()) * 1_000_000n;

describe('deleting traces', () => {
  it('deletes one trace, then answers 404 for it', async () => {
    const traceId = randomTraceId();
    await ingest('deletion', traceId, now());
    expect((await call('DELETE', `/api/traces/${traceId}?project=deletion`)).status).toBe(204);
    expect(await traceStatus('deletion', traceId)).toBe(404);
    const again = await call('DELETE', `/api/traces/${traceId}?project=deletion`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('SEXTANT_ERR_NOT_FOUND');
  });

  it('deletes many at once, ignoring unknown ids and other projects', async () => {
    const ids = [randomTraceId(), randomTraceId(), randomTraceId()];
    for (const id of ids) await ingest('deletion', id, now());
    await ingest('deletion-other', ids[2]!, now());
    const result = await call('POST', '/api/traces/delete', {
      project: 'deletion',
      traceIds: [ids[0]!.toUpperCase(), ids[1], randomTraceId()],
    });
    expect(result).toEqual({ status: 200, body: { deleted: 2 } });
    expect(await traceStatus('deletion', ids[0]!)).toBe(404);
    expect(await traceStatus('deletion', ids[2]!)).toBe(200);
    expect(await traceStatus('deletion-other', ids[2]!)).toBe(200);
  });

  it.each([
    ['DELETE', '/api/traces/abc', undefined],
    ['POST', '/api/traces/delete', { traceIds: [] }],
    ['POST', '/api/traces/delete', { traceIds: ['xyz'] }],
    ['POST', '/api/traces/delete', { traceIds: Array.from({ length: 1001 }, () => randomTraceId()) }],
    ['POST', '/api/traces/delete', { traceIds: [randomTraceId()], extra: true }],
  ])('refuses %s %s with a 400', async (method, path, body) => {
    const before = await call('GET', '/api/traces?project=deletion&limit=100');
    expect((await call(method, path, body)).status).toBe(400);
    expect(await call('GET', '/api/traces?project=deletion&limit=100')).toEqual(before);
  });
});

describe('retention', () => {
  const old = randomTraceId();
  const recent = randomTraceId();

  beforeAll(async () => {
    await ingest('retention', old, now() - 48n * HOUR);
    await ingest('retention', recent, now() - HOUR);
  });

  it('keeps everything by default', async () => {
    const { body } = await call('GET', '/api/retention');
    expect(body).toMatchObject({ maxAge: null, maxBytes: null, intervalSeconds: 60 });
  });

  it('answers the previous settings when they change, so they can be restored', async () => {
    const first = await call('PUT', '/api/retention', { maxAge: '30d', maxBytes: null });
    expect(first.body).toEqual({
      previous: { maxAge: null, maxAgeNano: null, maxBytes: null },
      current: { maxAge: '30d', maxAgeNano: String(30n * 24n * HOUR), maxBytes: null },
    });
    const restored = await call('PUT', '/api/retention', {
      maxAge: first.body.previous.maxAge,
      maxBytes: null,
    });
    expect(restored.body.current.maxAge).toBeNull();
  });

  it.each([
    [{ maxAge: 'forever', maxBytes: null }],
    [{ maxAge: '0s', maxBytes: null }],
    [{ maxAge: null, maxBytes: -1 }],
    [{ maxAge: null }],
    [{ maxAge: null, maxBytes: null, maxTraces: 5 }],
  ])('refuses %j with a 400, changing nothing', async (body) => {
    const before = await call('GET', '/api/retention');
    expect((await call('PUT', '/api/retention', body)).status).toBe(400);
    expect((await call('GET', '/api/retention')).body.maxAge).toBe(before.body.maxAge);
  });

  it('removes traces older than the maximum age, and counts them', async () => {
    await call('PUT', '/api/retention', { maxAge: '1d', maxBytes: null });
    const run = await call('POST', '/api/retention/run');
    expect(run.body.removed.traces).toBeGreaterThanOrEqual(1);
    expect(await traceStatus('retention', old)).toBe(404);
    expect(await traceStatus('retention', recent)).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/sextant_retention_removed_total\{kind="traces"\} [1-9]/);
  });

  it('removes the oldest data while the store is over its size', async () => {
    await call('PUT', '/api/retention', { maxAge: null, maxBytes: 1 });
    await call('POST', '/api/retention/run');
    expect(await traceStatus('retention', recent)).toBe(404);
    await call('PUT', '/api/retention', { maxAge: null, maxBytes: null });
    const fresh = randomTraceId();
    await ingest('retention', fresh, now());
    expect(await traceStatus('retention', fresh)).toBe(200);
  });
});
