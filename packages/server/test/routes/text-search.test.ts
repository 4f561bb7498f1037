import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const traceId = randomTraceId();
const now = BigInt(Date.now()) * 1_000_000n;

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sextant-project': 'text' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json() };
}

function logRecord(body: string, severityNumber: number, offset: bigint) {
  return {
    timeUnixNano: String(now + offset),
    severityNumber,
    body: { stringValue: body },
    traceId,
    spanId: randomSpanId(),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await post(
    '/v1/traces',
    jsonTraceRequest([
      jsonSpan({
        traceId,
        name: 'answer question',
        startTimeUnixNano: String(now),
        attributes: [
          { key: 'gen_ai.output.messages', value: { stringValue: 'Le remboursement a été accepté' } },
        ],
      }),
    ]),
  );
  await post('/v1/logs', {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
        scopeLogs: [
          {
            logRecords: [
              logRecord('remboursement refusé: carte expirée', 17, 1n),
              logRecord('remboursement en cours', 9, 2n),
              logRecord('paiement reçu', 9, 3n),
            ],
          },
        ],
      },
    ],
  });
  await post('/v1/metrics', {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'refunds',
                gauge: {
                  dataPoints: ['card', 'wire'].map((method, index) => ({
                    timeUnixNano: String(now + BigInt(index)),
                    asInt: String(index + 1),
                    attributes: [{ key: 'method', value: { stringValue: method } }],
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  });
});
afterAll(() => server.stop());

describe('GET /api/search', () => {
  it('ranks spans and log records matching the words, accents and case folded', async () => {
    const { status, body } = await get('/api/search?project=text&q=REMBOURSEMENT');
    expect(status).toBe(200);
    expect(body.spans).toHaveLength(1);
    expect(body.spans[0]).toMatchObject({ traceId, name: 'answer question', service: 'test-service' });
    expect(body.logs).toHaveLength(2);
    expect(body.logs.map((hit: { severityNumber: number }) => hit.severityNumber).sort()).toEqual([17, 9]);
    expect(typeof body.logs[0].score).toBe('number');
  });

  it('finds a phrase with its accents folded', async () => {
    const { body } = await get(`/api/search?project=text&q=${encodeURIComponent('"a ete accepte"')}`);
    expect(body.spans.map((hit: { traceId: string }) => hit.traceId)).toEqual([traceId]);
  });

  it.each([
    ['?project=text', 'q'],
    ['?project=text&q=%21%21', 'q'],
    ['?project=text&q=x&limit=1000', 'limit'],
    ['?project=text&q=x&start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z', 'start'],
  ])('refuses %s with a 400', async (query, named) => {
    const { status, body } = await get(`/api/search${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain(named);
  });
});

describe('GET /api/logs and /api/metrics filters', () => {
  it('finds log records by text and severity', async () => {
    const byText = await get('/api/logs?project=text&text=remboursement');
    expect(byText.body.logs.map((log: { body: string }) => log.body)).toEqual([
      'remboursement refusé: carte expirée',
      'remboursement en cours',
    ]);
    const severe = await get('/api/logs?project=text&text=remboursement&severityMin=17');
    expect(severe.body.logs.map((log: { body: string }) => log.body)).toEqual([
      'remboursement refusé: carte expirée',
    ]);
  });

  it('finds metric points by attribute', async () => {
    const { status, body } = await get('/api/metrics?project=text&name=refunds&attr=method%3Dwire');
    expect(status).toBe(200);
    expect(body.points).toHaveLength(1);
    expect(body.points[0].attributes).toEqual({ method: 'wire' });
  });

  it.each([
    '/api/logs?project=text&severityMin=30',
    '/api/logs?project=text&text=%3F%3F',
    '/api/metrics?project=text&attr=novalue',
  ])('refuses %s with a 400', async (path) => {
    expect((await get(path)).status).toBe(400);
  });
});
