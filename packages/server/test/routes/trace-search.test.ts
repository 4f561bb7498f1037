import { formatRfc3339Nano } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jaegerQueries, movedJaegerFixtures } from '../../../store/test/contract/fixtures/jaeger-queries.js';
import { jsonSpan, jsonTraceRequest, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function post(project: string, body: string): Promise<void> {
  const response = await fetch(`${server.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sextant-project': project },
    body,
  });
  expect(response.status).toBe(200);
}

async function search(
  params: Record<string, string | readonly string[]>,
): Promise<{ status: number; body: any }> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of typeof value === 'string' ? [value] : value) query.append(name, one);
  }
  const response = await fetch(`${server.url}/api/traces?${query}`);
  return { status: response.status, body: await response.json() };
}

async function traceIdsFound(params: Record<string, string | readonly string[]>): Promise<string[]> {
  const { status, body } = await search(params);
  expect(status).toBe(200);
  return body.traces.map((trace: { traceId: string }) => trace.traceId);
}

describe("Jaeger's 25 search queries over HTTP", () => {
  const now = new Date();
  const fixtures = movedJaegerFixtures(now);

  beforeAll(async () => {
    for (const json of fixtures.values()) await post('jaeger-http', json);
  });

  it.each(jaegerQueries(now))('$caption', async ({ query, expectedFixtures }) => {
    const params: Record<string, string> = { project: 'jaeger-http', limit: String(query.limit) };
    if (query.service) params.service = query.service;
    if (query.spanName) params.spanName = query.spanName;
    if (query.attributes) {
      params.tags = JSON.stringify(
        Object.fromEntries(query.attributes.map(({ key, value }) => [key, value])),
      );
    }
    params.start = formatRfc3339Nano(query.startTimeMin!);
    params.end = formatRfc3339Nano(query.startTimeMax!);
    if (query.minDurationNano !== undefined) params.minDuration = String(query.minDurationNano);
    if (query.maxDurationNano !== undefined) params.maxDuration = String(query.maxDurationNano);
    const expected = new Set(
      expectedFixtures.flatMap((name) =>
        JSON.parse(fixtures.get(name)!).resourceSpans.flatMap((resource: any) =>
          resource.scopeSpans.flatMap((scope: any) =>
            scope.spans.map((span: any) => span.traceId.toLowerCase()),
          ),
        ),
      ),
    );
    expect(new Set(await traceIdsFound(params))).toEqual(expected);
  });
});

describe('trace search parameters', () => {
  const chat = randomTraceId();
  const failing = randomTraceId();
  const attribute = (key: string, value: Record<string, unknown>) => ({ key, value });

  beforeAll(async () => {
    const start = BigInt(Date.now()) * 1_000_000n;
    await post(
      'search-http',
      JSON.stringify(
        jsonTraceRequest([
          jsonSpan({
            traceId: chat,
            name: 'chat gpt-4o',
            startTimeUnixNano: String(start),
            attributes: [
              attribute('gen_ai.operation.name', { stringValue: 'chat' }),
              attribute('gen_ai.provider.name', { stringValue: 'openai' }),
              attribute('gen_ai.request.model', { stringValue: 'gpt-4o' }),
              attribute('gen_ai.input.messages', { stringValue: 'Où est la Tour Eiffel ? 埃菲尔铁塔在哪里' }),
              attribute('app.tier', { stringValue: 'enterprise' }),
            ],
          }),
          jsonSpan({
            traceId: failing,
            name: 'GET /inventory',
            startTimeUnixNano: String(start + 1_000_000n),
            attributes: [attribute('http.response.status_code', { intValue: '503' })],
          }),
        ]),
      ),
    );
  });

  it.each([
    [{ spanType: 'llm' }, 'chat'],
    [{ model: 'gpt-4o', provider: 'openai' }, 'chat'],
    [{ attr: 'app.tier=enterprise' }, 'chat'],
    [{ spanAttr: 'app.tier=enterprise' }, 'chat'],
    [{ resourceAttr: 'service.name=test-service', attr: 'http.response.status_code>=500' }, 'failing'],
    [{ attr: ['http.response.status_code>500', 'http.response.status_code<=503'] }, 'failing'],
    [{ tags: '{"http.response.status_code": 503}' }, 'failing'],
    [{ text: 'tour eiffel' }, 'chat'],
    [{ text: '铁塔' }, 'chat'],
  ] as const)('finds by %j', async (params, expected) => {
    const ids = await traceIdsFound({ project: 'search-http', ...params });
    expect(ids).toEqual([expected === 'chat' ? chat : failing]);
  });

  it.each([
    [{ attr: 'no-operator' }, 'attr'],
    [{ attr: '=value' }, 'attr'],
    [{ attr: 'http.response.status_code>many' }, 'http.response.status_code'],
    [{ attr: Array.from({ length: 21 }, (_, index) => `k${index}=v`) }, 'attr'],
    [{ attr: `key=${'x'.repeat(257)}` }, 'text'],
    [{ tags: 'not json' }, 'tags'],
    [{ tags: '["a"]' }, 'tags'],
    [{ tags: '{"a": {"b": 1}}' }, 'tags'],
    [{ text: '!!! ???' }, 'text'],
    [{ start: '2026-11-22T10:00:00Z', end: '2026-11-22T09:00:00Z' }, 'start'],
    [{ minDuration: '2s', maxDuration: '1s' }, 'minDuration'],
    [{ spanType: 'spaceship' }, 'spanType'],
    [{ hasErrors: 'perhaps' }, 'hasErrors'],
  ] as const)('refuses %j with a 400 naming the parameter', async (params, named) => {
    const { status, body } = await search({ project: 'search-http', ...params });
    expect(status).toBe(400);
    expect(body.error.code).toBe('SEXTANT_ERR_INVALID_REQUEST');
    expect(body.error.message).toContain(named);
  });
});
