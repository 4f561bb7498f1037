import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const PROJECT = 'links-http';
/** Five traces, each starting a millisecond after the one before: the last is the newest. */
const traces = Array.from({ length: 5 }, () => randomTraceId());

beforeAll(async () => {
  server = await startTestServer();
  const start = BigInt(Date.now()) * 1_000_000n;
  const spans = traces.map((traceId, index) =>
    jsonSpan({
      traceId,
      name: `run ${index}`,
      startTimeUnixNano: String(start + BigInt(index) * 1_000_000n),
    }),
  );
  const response = await server.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { 'content-type': 'application/json', 'x-sextant-project': PROJECT },
    payload: JSON.stringify(jsonTraceRequest(spans)),
  });
  expect(response.statusCode).toBe(200);
});
afterAll(() => server.stop());

interface Answer {
  traceId: string;
  correlationId: string | null;
  replayOf: string | null;
  traces: { traceId: string }[];
  nextCursor: string | null;
  error: { code: string; missing?: unknown };
}

async function call(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: object) {
  const separator = path.includes('?') ? '&' : '?';
  const response = await server.app.inject({
    method,
    url: `${path}${separator}project=${PROJECT}`,
    ...(body === undefined ? {} : { payload: body }),
  });
  return { status: response.statusCode, body: response.json<Answer>() };
}

/** Every trace id of a listing, following its cursors `limit` at a time. */
async function walk(path: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const { status, body } = await call(
      'GET',
      `${path}?limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`,
    );
    expect(status).toBe(200);
    ids.push(...body.traces.map(({ traceId }) => traceId));
    cursor = body.nextCursor;
  } while (cursor !== null);
  return ids;
}

const traceView = async (traceId: string) =>
  (await server.app.inject(`/api/traces/${traceId}?project=${PROJECT}`)).json();

describe('correlation ids', () => {
  beforeAll(async () => {
    for (const index of [0, 2, 3]) {
      const { status, body } = await call('PUT', `/api/traces/${traces[index]}/correlation`, {
        correlationId: 'order-7f3a:checkout',
      });
      expect(status).toBe(200);
      expect(body).toEqual({ traceId: traces[index], correlationId: 'order-7f3a:checkout', replayOf: null });
    }
  });

  it.each([1, 2, 5])('finds every trace sharing one, newest first, %i at a time', async (limit) => {
    expect(await walk('/api/correlations/order-7f3a%3Acheckout', limit)).toEqual([
      traces[3],
      traces[2],
      traces[0],
    ]);
  });

  it('shows it in the trace view', async () => {
    expect((await traceView(traces[2]!)).correlationId).toBe('order-7f3a:checkout');
  });

  it('clears it with DELETE', async () => {
    const { body } = await call('DELETE', `/api/traces/${traces[3]}/correlation`);
    expect(body.correlationId).toBeNull();
    expect(await walk('/api/correlations/order-7f3a%3Acheckout', 10)).toEqual([traces[2], traces[0]]);
  });
});

describe('replays', () => {
  beforeAll(async () => {
    for (const index of [1, 4]) {
      const { status } = await call('PUT', `/api/traces/${traces[index]}/replay-of`, {
        replayOf: traces[0]!.toUpperCase(),
      });
      expect(status).toBe(200);
    }
  });

  it('reads the link from both ends', async () => {
    const replay = await traceView(traces[4]!);
    expect(replay.replayOf).toBe(traces[0]);
    const original = await traceView(traces[0]!);
    expect(original.replays).toEqual({ traceIds: [traces[4], traces[1]], nextCursor: null });
    expect(original.replayOf).toBeNull();
    expect(await walk(`/api/traces/${traces[0]}/replays`, 1)).toEqual([traces[4], traces[1]]);
  });

  it('clears it with DELETE, leaving the correlation id', async () => {
    await call('PUT', `/api/traces/${traces[1]}/correlation`, { correlationId: 'kept' });
    const { body } = await call('DELETE', `/api/traces/${traces[1]}/replay-of`);
    expect(body).toEqual({ traceId: traces[1], correlationId: 'kept', replayOf: null });
    expect(await walk(`/api/traces/${traces[0]}/replays`, 10)).toEqual([traces[4]]);
  });
});

describe('bad requests change nothing', () => {
  const unknown = randomTraceId();

  it.each([
    ['a replay of itself', 'PUT', `/api/traces/${traces[2]}/replay-of`, { replayOf: traces[2] }, 400],
    ['a malformed original', 'PUT', `/api/traces/${traces[2]}/replay-of`, { replayOf: 'abc' }, 400],
    [
      'a correlation id with a space',
      'PUT',
      `/api/traces/${traces[2]}/correlation`,
      { correlationId: 'a b' },
      400,
    ],
    ['an empty correlation id', 'PUT', `/api/traces/${traces[2]}/correlation`, { correlationId: '' }, 400],
    [
      'a long correlation id',
      'PUT',
      `/api/traces/${traces[2]}/correlation`,
      { correlationId: 'x'.repeat(129) },
      400,
    ],
    [
      'an unknown field',
      'PUT',
      `/api/traces/${traces[2]}/correlation`,
      { correlationId: 'a', extra: 1 },
      400,
    ],
    ['a malformed trace id', 'PUT', '/api/traces/xyz/correlation', { correlationId: 'a' }, 400],
    ['a trace the project lacks', 'PUT', `/api/traces/${unknown}/correlation`, { correlationId: 'a' }, 404],
    [
      'an original the project lacks',
      'PUT',
      `/api/traces/${traces[2]}/replay-of`,
      { replayOf: unknown },
      404,
    ],
    ['clearing on a trace the project lacks', 'DELETE', `/api/traces/${unknown}/replay-of`, undefined, 404],
  ] as const)('%s: %s %s answers %i', async (_, method, path, body, status) => {
    const before = (await traceView(traces[2]!)) as object;
    const answer = await call(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(
      status === 404 ? 'SEXTANT_ERR_NOT_FOUND' : 'SEXTANT_ERR_INVALID_REQUEST',
    );
    expect(await traceView(traces[2]!)).toEqual(before);
  });

  it('names the missing original', async () => {
    const { body } = await call('PUT', `/api/traces/${traces[2]}/replay-of`, { replayOf: unknown });
    expect(body.error.missing).toEqual([{ traceId: unknown, spanId: null }]);
  });

  it.each([
    ['/api/correlations/order-7f3a%3Acheckout?cursor=bm9wZQ', 'SEXTANT_ERR_INVALID_CURSOR'],
    [`/api/traces/${traces[0]}/replays?limit=0`, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/correlations/a%20b', 'SEXTANT_ERR_INVALID_REQUEST'],
  ])('GET %s: 400 %s', async (path, code) => {
    const { status, body } = await call('GET', path);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
  });
});
