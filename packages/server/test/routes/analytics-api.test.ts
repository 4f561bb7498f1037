import { formatRfc3339Nano } from '@sextant/core';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROJECT = 'analytics-http';
const OTHER = 'analytics-http-b';
const MS = 1_000_000n;
const MINUTE = 60_000n * MS;
/** Ten whole minutes ago, so that the default window (the last 24 hours) holds the data too. */
const BASE = ((BigInt(Date.now()) * MS) / MINUTE) * MINUTE - 10n * MINUTE;
const NOTE = 'say "hi"\\ \nnow';

let server: TestServer;

/** The fields of a group (or operation) of an answer that the tests look at. */
interface GroupJson {
  key: string;
  name: string;
  count: number;
  errors: number;
  errorRate: number | null;
  requests: number;
  tokens: { input: number; output: number };
  latency: { maxMs: number };
}

type Attribute = { key: string; value: Record<string, unknown> };
const text = (key: string, value: string): Attribute => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): Attribute => ({ key, value: { intValue: String(value) } });
const double = (key: string, value: number): Attribute => ({ key, value: { doubleValue: value } });

function span(fields: {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: bigint;
  durationMs: bigint;
  error?: boolean;
  attributes?: Attribute[];
}) {
  const start = BASE + fields.startMs * MS;
  return {
    ...jsonSpan({
      traceId: fields.traceId,
      spanId: fields.spanId,
      parentSpanId: fields.parentSpanId ?? '',
      name: fields.name,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + fields.durationMs * MS),
      attributes: fields.attributes ?? [],
    }),
    status: { code: fields.error ? 2 : 1 },
  };
}

function chat(model: string, provider: string, input: number, output: number, usd: number, key: string) {
  return [
    text('gen_ai.operation.name', 'chat'),
    text('gen_ai.request.model', model),
    text('gen_ai.provider.name', provider),
    int('gen_ai.usage.input_tokens', input),
    int('gen_ai.usage.output_tokens', output),
    double('llm.cost.total', usd),
    text('sextant.api_key.hash', key),
  ];
}

async function ingest(project: string, service: string, spans: unknown[]): Promise<void> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { 'content-type': 'application/json', 'x-sextant-project': project },
    payload: JSON.stringify(jsonTraceRequest(spans, service)),
  });
  expect(response.statusCode).toBe(200);
}

/** Two agent runs: one ok calling gpt-4o itself, one failing whose claude-3 call goes to `gateway`. */
beforeAll(async () => {
  server = await startTestServer();
  const [first, second] = [randomTraceId(), randomTraceId()];
  const [firstRoot, secondRoot] = [randomSpanId(), randomSpanId()];
  await ingest(PROJECT, 'agent', [
    span({ traceId: first, spanId: firstRoot, name: 'run agent', startMs: 0n, durationMs: 2000n }),
    span({
      traceId: first,
      spanId: randomSpanId(),
      parentSpanId: firstRoot,
      name: 'chat',
      startMs: 100n,
      durationMs: 1000n,
      attributes: [...chat('gpt-4o', 'openai', 100, 20, 0.003, 'k1'), text('note', NOTE)],
    }),
    span({
      traceId: second,
      spanId: secondRoot,
      name: 'run agent',
      startMs: 60_000n,
      durationMs: 1000n,
      error: true,
    }),
  ]);
  await ingest(PROJECT, 'gateway', [
    span({
      traceId: second,
      spanId: randomSpanId(),
      parentSpanId: secondRoot,
      name: 'chat',
      startMs: 60_100n,
      durationMs: 500n,
      attributes: chat('claude-3', 'anthropic', 50, 10, 0.0015, 'k2'),
    }),
  ]);
  await ingest(OTHER, 'worker', [
    span({ traceId: randomTraceId(), spanId: randomSpanId(), name: 'batch', startMs: 0n, durationMs: 10n }),
  ]);
});
afterAll(() => server.stop());

const WINDOW = { project: PROJECT, start: formatRfc3339Nano(BASE), end: String(BASE + 5n * MINUTE) };

async function get(path: string, params: Record<string, string> = {}) {
  const response = await server.app.inject({ method: 'GET', url: path, query: { ...WINDOW, ...params } });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

describe('trace analytics', () => {
  it('GET /api/analytics/stats', async () => {
    const { status, body } = await get('/api/analytics/stats');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      window: { startUnixNano: String(BASE), endUnixNano: String(BASE + 5n * MINUTE) },
      traces: { stored: 2, recorded: 2 },
      statuses: { ok: 1, error: 1, partial: 0 },
      latency: { avgMs: 1500, maxMs: 2000 },
      spans: 4,
      errors: 1,
      llmCalls: 2,
      tokens: { input: 150, output: 30, total: 180 },
      costNanoUsd: 4_500_000,
      costUsd: 0.0045,
      rootNames: [{ name: 'run agent', traces: 2 }],
    });
  });

  it('GET /api/analytics/stats covers the last 24 hours by default', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/analytics/stats?project=${PROJECT}`,
    });
    expect(response.json().traces.stored).toBe(2);
  });

  it('GET /api/analytics/aggregate: overall and per flow', async () => {
    const { status, body } = await get('/api/analytics/aggregate');
    expect(status).toBe(200);
    const figures = {
      traces: 2,
      errorTraces: 1,
      errorRate: 0.5,
      avgMs: 1500,
      p50Ms: 1000,
      p95Ms: 2000,
      p99Ms: 2000,
      minMs: 1000,
      maxMs: 2000,
      totalTokens: 180,
      costNanoUsd: 4_500_000,
      avgSpansPerTrace: 2,
    };
    expect(body.overall).toMatchObject(figures);
    expect(body.flows).toEqual([expect.objectContaining({ name: 'run agent', ...figures })]);
    expect(body.otherFlows).toBeNull();
    expect(body.flowCount).toBe(1);
  });
});

describe('grouped analytics', () => {
  it('GET /api/analytics/usage by model', async () => {
    const { status, body } = await get('/api/analytics/usage', { groupBy: 'model' });
    expect(status).toBe(200);
    expect(body.subject).toBe('spans');
    expect(body.groups.map((g: GroupJson) => [g.key, g.requests, g.tokens.input, g.tokens.output])).toEqual([
      ['claude-3', 1, 50, 10],
      ['gpt-4o', 1, 100, 20],
      ['', 0, 0, 0],
    ]);
    expect(body.total.requests).toBe(2);
  });

  it('GET /api/analytics/cost by API key, in minute buckets', async () => {
    const { body } = await get('/api/analytics/cost', {
      groupBy: 'api_key_hash',
      bucket: 'minute',
      limit: '1',
    });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ key: 'k1', costUsd: 0.003, costNanoUsd: 3_000_000 });
    expect(body.groups[0].series).toEqual([
      expect.objectContaining({
        start: formatRfc3339Nano(BASE),
        startUnixNano: String(BASE),
        costNanoUsd: 3_000_000,
      }),
    ]);
    expect(body.other).toMatchObject({ costNanoUsd: 1_500_000, count: 3 });
    expect(body.groupCount).toBe(3);
  });

  it('GET /api/analytics/latency by service, with percentiles', async () => {
    const { body } = await get('/api/analytics/latency', { groupBy: 'service' });
    expect(body.groups.map((g: GroupJson) => g.key)).toEqual(['agent', 'gateway']);
    expect(body.groups[1].latency).toEqual({
      avgMs: 500,
      minMs: 500,
      maxMs: 500,
      p50Ms: 500,
      p90Ms: 500,
      p95Ms: 500,
      p99Ms: 500,
    });
    expect(body.groups[0].latency).toMatchObject({ minMs: 1000, maxMs: 2000, p99Ms: 2000 });
  });

  it('GET /api/analytics/errors by span name', async () => {
    const { body } = await get('/api/analytics/errors', { groupBy: 'span_name' });
    expect(body.groups.map((g: GroupJson) => [g.key, g.count, g.errors, g.errorRate])).toEqual([
      ['run agent', 2, 1, 0.5],
      ['chat', 2, 0, 0],
    ]);
  });

  it('GET /api/analytics/models and /keys', async () => {
    const models = await get('/api/analytics/models');
    expect(models.body.groupBy).toBe('model');
    expect(models.body.groups[0]).toMatchObject({ key: 'claude-3', requests: 1, latency: { p50Ms: 500 } });
    const keys = await get('/api/analytics/keys');
    expect(keys.body.groups.map((g: GroupJson) => g.key)).toEqual(['k1', 'k2', '']);
  });

  it('groups by an attribute, and by trace user', async () => {
    const notes = await get('/api/analytics/usage', { groupBy: 'attribute:note' });
    expect(notes.body.groups.map((g: GroupJson) => [g.key, g.count])).toEqual([
      ['', 3],
      [NOTE, 1],
    ]);
    expect(notes.body.scan).toEqual({ tracesRead: 2, spansRead: 4, complete: true });
    const users = await get('/api/analytics/usage', { groupBy: 'user' });
    expect(users.body.subject).toBe('traces');
    expect(users.body.groups).toEqual([expect.objectContaining({ key: '', count: 2 })]);
  });

  it('reads several projects at once', async () => {
    const { body } = await get('/api/analytics/usage', {
      project: `${PROJECT},${OTHER}`,
      groupBy: 'project',
    });
    expect(body.groups.map((g: GroupJson) => [g.key, g.count])).toEqual([
      [PROJECT, 4],
      [OTHER, 1],
    ]);
  });
});

describe('services', () => {
  it('GET /api/services', async () => {
    const { status, body } = await get('/api/services');
    expect(status).toBe(200);
    expect(body.services).toEqual([
      { service: 'agent', spans: 3, traces: 2, errors: 1, errorRate: 1 / 3, avgDurationMs: 4000 / 3 },
      { service: 'gateway', spans: 1, traces: 1, errors: 0, errorRate: 0, avgDurationMs: 500 },
    ]);
    expect(body.serviceCount).toBe(2);
  });

  it('GET /api/services/:service/operations', async () => {
    const { body } = await get('/api/services/agent/operations');
    expect(body.service).toBe('agent');
    expect(body.operations.map((o: GroupJson) => [o.name, o.count, o.latency.maxMs])).toEqual([
      ['run agent', 2, 2000],
      ['chat', 1, 1000],
    ]);
  });

  it('GET /api/dependencies', async () => {
    const { body } = await get('/api/dependencies');
    expect(body.edges).toEqual([{ parent: 'agent', child: 'gateway', calls: 1, errors: 0 }]);
    expect(body.edgeCount).toBe(1);
  });
});

describe('Prometheus exposition', () => {
  it('is valid text format, labels escaped, figures per group', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/analytics/prometheus',
      query: { ...WINDOW, groupBy: 'attribute:note' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = new Map(parsePrometheusTextFormat(response.body).map((family) => [family.name, family]));
    const cost = families.get('sextant_analytics_cost_usd')!;
    expect(cost.type).toBe('GAUGE');
    expect(cost.metrics).toEqual([
      {
        labels: { project: PROJECT, subject: 'spans', group_by: 'attribute:note', group: '', other: 'false' },
        value: '0.0015',
      },
      {
        labels: {
          project: PROJECT,
          subject: 'spans',
          group_by: 'attribute:note',
          group: NOTE,
          other: 'false',
        },
        value: '0.003',
      },
    ]);
    const latency = families.get('sextant_analytics_latency_seconds')!;
    expect(latency.type).toBe('GAUGE');
    const noteQuantiles = latency.metrics.filter((metric) => metric.labels?.group === NOTE);
    expect(noteQuantiles.map((metric) => [metric.labels?.quantile, metric.value])).toEqual([
      ['0.5', '1'],
      ['0.9', '1'],
      ['0.95', '1'],
      ['0.99', '1'],
    ]);
    expect(
      families.get('sextant_analytics_latency_max_seconds')!.metrics.map((metric) => metric.value),
    ).toEqual(['2', '1']);
    expect(families.get('sextant_analytics_tokens')!.metrics).toContainEqual({
      labels: expect.objectContaining({ group: NOTE, kind: 'input' }),
      value: '100',
    });
  });
});

describe('bad input', () => {
  it.each([
    [
      'an inverted window',
      { start: String(BASE + MINUTE), end: String(BASE) },
      'SEXTANT_ERR_INVALID_TIME_RANGE',
    ],
    ['an empty window', { start: String(BASE), end: String(BASE) }, 'SEXTANT_ERR_INVALID_TIME_RANGE'],
    [
      'a window over 31 days',
      { start: String(BASE - 32n * 1440n * MINUTE) },
      'SEXTANT_ERR_INVALID_TIME_RANGE',
    ],
    [
      'too many buckets',
      { start: String(BASE - 2n * 1440n * MINUTE), bucket: 'minute' },
      'SEXTANT_ERR_INVALID_TIME_RANGE',
    ],
    ['an unknown group-by', { groupBy: 'colour' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['an attribute group-by without key', { groupBy: 'attribute:' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['a bad bucket', { bucket: 'week' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['a bad rank', { rankBy: 'vibes' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['a zero limit', { limit: '0' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['a huge limit', { limit: '100000' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['an unreadable time', { start: 'yesterday' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['a bad project name', { project: 'no spaces' }, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['a project named twice', { project: `${PROJECT},${PROJECT}` }, 'SEXTANT_ERR_INVALID_REQUEST'],
    [
      'too many projects',
      { project: Array.from({ length: 17 }, (_, i) => `p${i}`).join(',') },
      'SEXTANT_ERR_INVALID_REQUEST',
    ],
    [
      'a span filter on trace groups',
      { groupBy: 'session', service: 'agent' },
      'SEXTANT_ERR_INVALID_REQUEST',
    ],
    ['an unknown parameter', { colour: 'red' }, 'SEXTANT_ERR_INVALID_REQUEST'],
  ])('refuses %s with a precise 400', async (_why, params, code) => {
    const { status, body } = await get('/api/analytics/usage', params);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toBe('');
  });

  it.each([
    '/api/analytics/stats',
    '/api/analytics/aggregate',
    '/api/analytics/prometheus',
    '/api/services',
    '/api/services/agent/operations',
    '/api/dependencies',
  ])('%s refuses an inverted window', async (path) => {
    const { status, body } = await get(path, { start: String(BASE + MINUTE), end: String(BASE) });
    expect(status).toBe(400);
    expect(body.error.code).toBe('SEXTANT_ERR_INVALID_TIME_RANGE');
  });

  it('changes nothing', async () => {
    expect((await get('/api/analytics/stats')).body.traces).toEqual({ stored: 2, recorded: 2 });
  });
});
