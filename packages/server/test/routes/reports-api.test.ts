import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROJECT = 'reports-http';
const MS = 1_000_000n;
const MINUTE = 60_000n * MS;
/** Two whole hours ago: the baseline hour, then the current hour. */
const BASELINE = ((BigInt(Date.now()) * MS) / MINUTE) * MINUTE - 120n * MINUTE;
const CURRENT = BASELINE + 60n * MINUTE;

let server: TestServer;
const failingTrace = randomTraceId();

function span(traceId: string, name: string, start: bigint, durationMs: bigint, error = false) {
  return {
    ...jsonSpan({
      traceId,
      spanId: randomSpanId(),
      name,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + durationMs * MS),
    }),
    status: { code: error ? 2 : 1 },
  };
}

async function post(path: string, body: unknown): Promise<void> {
  const response = await server.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json', 'x-sextant-project': PROJECT },
    payload: JSON.stringify(body),
  });
  expect(response.statusCode).toBe(200);
}

/**
 * `api` gets slower (100 ms → 300 ms) and starts failing (0 → 2 of 4) from the baseline hour to the
 * current one; `db` stays the same (20 ms, no errors). A log record and a metric point go with
 * the first failing trace.
 */
beforeAll(async () => {
  server = await startTestServer();
  const api = [];
  const db = [];
  for (let index = 0n; index < 4n; index++) {
    api.push(span(randomTraceId(), 'GET /items', BASELINE + index * MINUTE, 100n));
    db.push(span(randomTraceId(), 'SELECT', BASELINE + index * MINUTE, 20n));
    const traceId = index === 0n ? failingTrace : randomTraceId();
    api.push(span(traceId, 'GET /items', CURRENT + index * MINUTE, 300n, index < 2n));
    db.push(span(randomTraceId(), 'SELECT', CURRENT + index * MINUTE, 20n));
  }
  await post('/v1/traces', jsonTraceRequest(api, 'api'));
  await post('/v1/traces', jsonTraceRequest(db, 'db'));
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] };
  await post('/v1/logs', {
    resourceLogs: [
      {
        resource,
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: String(CURRENT + 100n * MS),
                severityNumber: 17,
                severityText: 'ERROR',
                body: { stringValue: 'upstream timed out' },
                traceId: failingTrace,
              },
              {
                timeUnixNano: String(CURRENT + 200n * MS),
                severityNumber: 9,
                body: { stringValue: 'retrying' },
              },
            ],
          },
        ],
      },
    ],
  });
  await post('/v1/metrics', {
    resourceMetrics: [
      {
        resource,
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'http.server.active_requests',
                gauge: { dataPoints: [{ timeUnixNano: String(CURRENT + 150n * MS), asInt: '3' }] },
              },
            ],
          },
        ],
      },
    ],
  });
});
afterAll(() => server.stop());

const CURRENT_HOUR = { project: PROJECT, start: String(CURRENT), end: String(CURRENT + 60n * MINUTE) };

async function get(path: string, query: Record<string, string>) {
  const response = await server.app.inject({ method: 'GET', url: path, query });
  return { status: response.statusCode, body: response.json() };
}

describe('GET /api/reports/summary', () => {
  it('sums up the window: traces, errors, latency, services, erroring operations, logs, metrics', async () => {
    const { status, body } = await get('/api/reports/summary', CURRENT_HOUR);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      traces: { stored: 8, recorded: 8 },
      statuses: { ok: 6, error: 2, partial: 0 },
      spans: 8,
      errors: 2,
      traceLatency: { minMs: 20, maxMs: 300, p99Ms: 300 },
      topServices: [
        { service: 'api', spans: 4, traces: 4, errors: 2, errorRate: 0.5, avgDurationMs: 300 },
        { service: 'db', spans: 4, traces: 4, errors: 0, errorRate: 0, avgDurationMs: 20 },
      ],
      topErroringOperations: [{ name: 'GET /items', spans: 4, errors: 2, errorRate: 0.5 }],
      logs: { total: 2, bySeverity: { error: 1, info: 1, warn: 0 } },
      metrics: { points: 1, byName: [{ name: 'http.server.active_requests', points: 1 }], nameCount: 1 },
    });
  });
});

describe('GET /api/reports/anomalies', () => {
  it('finds what rose against the hour before, and nothing where nothing changed', async () => {
    const { status, body } = await get('/api/reports/anomalies', CURRENT_HOUR);
    expect(status).toBe(200);
    expect(body.baseline).toMatchObject({ startUnixNano: String(BASELINE), endUnixNano: String(CURRENT) });
    expect(body.servicesCompared).toBe(2);
    expect(body.anomalies).toEqual([
      {
        service: 'api',
        kind: 'error_rate',
        severity: 'high',
        current: 0.5,
        baseline: 0,
        description: 'The error rate of api rose from 0.0 % to 50.0 % (50.0 points; 2 errors in 4 spans).',
      },
      {
        service: 'api',
        kind: 'latency_p95',
        severity: 'high',
        current: 300,
        baseline: 100,
        description: 'The p95 latency of api rose from 100.0 ms to 300.0 ms (3.0 times).',
      },
    ]);
  });

  it('takes an explicit baseline', async () => {
    const { body } = await get('/api/reports/anomalies', {
      ...CURRENT_HOUR,
      baselineStart: String(CURRENT),
      baselineEnd: String(CURRENT + 60n * MINUTE),
    });
    expect(body.anomalies).toEqual([]);
  });

  it('refuses an inverted baseline', async () => {
    const { status, body } = await get('/api/reports/anomalies', {
      ...CURRENT_HOUR,
      baselineStart: String(CURRENT),
      baselineEnd: String(BASELINE),
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('SEXTANT_ERR_INVALID_TIME_RANGE');
  });
});

describe('GET /api/reports/correlate/:traceId', () => {
  it("gives a trace with its logs and its services' metrics over its time range", async () => {
    const { status, body } = await get(`/api/reports/correlate/${failingTrace.toUpperCase()}`, {
      project: PROJECT,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      trace: { traceId: failingTrace, status: 'error' },
      services: ['api'],
      durationMs: 300,
      errorCount: 1,
    });
    expect(body.logs.map((log: { body: string }) => log.body)).toEqual(['upstream timed out']);
    expect(body.metrics).toEqual([
      { service: 'api', points: [expect.objectContaining({ name: 'http.server.active_requests' })] },
    ]);
  });

  it('answers 404 for a trace the project does not hold, 400 for a bad id', async () => {
    expect((await get(`/api/reports/correlate/${randomTraceId()}`, { project: PROJECT })).status).toBe(404);
    expect((await get('/api/reports/correlate/xyz', { project: PROJECT })).status).toBe(400);
  });
});
