import { formatRfc3339Nano, type Span } from '@sextant/core';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAN_CSV_COLUMNS } from '../../src/export/span-csv.js';
import { conformanceFile, jaegerFixtureNames } from '../support/conformance.js';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let source: TestServer;
beforeAll(async () => {
  source = await startTestServer();
});
afterAll(() => source.stop());

async function ingest(server: TestServer, project: string, body: string | Buffer): Promise<void> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { 'content-type': 'application/json', 'x-sextant-project': project },
    payload: body,
  });
  expect(response.statusCode).toBe(200);
}

function exportOf(query: Record<string, string>): Promise<LightMyRequestResponse> {
  return source.app.inject({ method: 'GET', url: `/api/export/traces?${new URLSearchParams(query)}` });
}

/** Every trace id a project holds, newest first. */
async function traceIdsOf(server: TestServer, project: string): Promise<string[]> {
  const page = await server.context.store.findTraces({ project, limit: 1000 });
  expect(page.nextCursor).toBeNull();
  return page.traces.map((trace) => trace.traceId);
}

const attribute = (key: string, value: Record<string, unknown>) => ({ key, value });

describe('JSON Lines of OTLP/JSON', () => {
  const PROJECT = 'export-jsonl';

  beforeAll(async () => {
    for (const name of jaegerFixtureNames())
      await ingest(source, PROJECT, conformanceFile(`jaeger/traces/${name}.json`));
    await ingest(source, PROJECT, conformanceFile('otlp-examples/trace.json'));
    const llm = jsonSpan({
      name: 'chat gpt-4o',
      attributes: [
        attribute('gen_ai.operation.name', { stringValue: 'chat' }),
        attribute('gen_ai.provider.name', { stringValue: 'openai' }),
        attribute('gen_ai.request.model', { stringValue: 'gpt-4o' }),
        attribute('gen_ai.usage.input_tokens', { intValue: '1200' }),
        attribute('gen_ai.usage.output_tokens', { intValue: '300' }),
        attribute('big', { intValue: '9007199254740993' }),
        attribute('bytes', { bytesValue: 'AAEC/w==' }),
      ],
    });
    await ingest(source, PROJECT, JSON.stringify(jsonTraceRequest([llm], 'llm-app')));
  });

  it('answers a download of one line per trace, newest first', async () => {
    const response = await exportOf({ project: PROJECT, format: 'jsonl' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="sextant-traces-export-jsonl-\d{8}T\d{6}Z\.jsonl"$/,
    );
    const lines = response.body.split('\n');
    expect(lines.pop()).toBe('');
    const ids = lines.map((line) => {
      const request = JSON.parse(line) as {
        resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
      };
      const traceIds = new Set(
        request.resourceSpans.flatMap((resource) =>
          resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.traceId)),
        ),
      );
      expect(traceIds.size).toBe(1);
      return [...traceIds][0];
    });
    expect(ids).toEqual(await traceIdsOf(source, PROJECT));
  });

  it('imports again through /v1/traces into a fresh server with nothing lost', async () => {
    const fresh = await startTestServer();
    try {
      const lines = (await exportOf({ project: PROJECT })).body.trimEnd().split('\n');
      for (const line of lines) await ingest(fresh, PROJECT, line);
      const ids = await traceIdsOf(source, PROJECT);
      expect(await traceIdsOf(fresh, PROJECT)).toEqual(ids);
      expect(ids.length).toBeGreaterThan(30);
      for (const traceId of ids) {
        const original = await source.context.store.getTrace({ project: PROJECT, traceId });
        expect(await fresh.context.store.getTrace({ project: PROJECT, traceId })).toEqual(original);
      }
    } finally {
      await fresh.stop();
    }
  });
});

describe('CSV, one row per span', () => {
  const PROJECT = 'export-csv';
  const traceIds = [randomTraceId(), randomTraceId()];
  const awkward = 'refund, "partial"\nsecond line\r\nthird';

  beforeAll(async () => {
    const start = BigInt(Date.now()) * 1_000_000n;
    const root = randomSpanId();
    await ingest(
      source,
      PROJECT,
      JSON.stringify(
        jsonTraceRequest(
          [
            {
              ...jsonSpan({
                traceId: traceIds[0],
                spanId: root,
                name: awkward,
                startTimeUnixNano: String(start),
              }),
              status: { code: 2, message: 'failed, "badly"\nagain' },
            },
            jsonSpan({
              traceId: traceIds[0],
              parentSpanId: root,
              name: 'chat',
              startTimeUnixNano: String(start + 1000n),
              endTimeUnixNano: String(start + 2_500_001_234n),
              attributes: [
                attribute('gen_ai.request.model', { stringValue: 'gpt-4o' }),
                attribute('gen_ai.usage.input_tokens', { intValue: '1200' }),
                attribute('gen_ai.usage.output_tokens', { intValue: '300' }),
                attribute('llm.cost.total', { stringValue: '0.0123' }),
                attribute('user.id', { stringValue: 'u, 7' }),
                attribute('note', { stringValue: awkward }),
              ],
            }),
            jsonSpan({
              traceId: traceIds[1],
              name: 'other',
              startTimeUnixNano: String(start + 5_000_000_000n),
            }),
          ],
          'svc, "quoted"',
        ),
      ),
    );
  });

  it('parses back, through a CSV parser, to every span with its values as stored', async () => {
    const response = await exportOf({ project: PROJECT, format: 'csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toMatch(
      /filename="sextant-traces-export-csv-\d{8}T\d{6}Z\.csv"$/,
    );
    const [header, ...rows] = parse(response.body) as string[][];
    expect(header).toEqual(SPAN_CSV_COLUMNS);
    const records = rows.map((row) =>
      Object.fromEntries(header!.map((column, index) => [column, row[index]])),
    );
    const spans: Span[] = [];
    for (const traceId of [traceIds[1]!, traceIds[0]!]) {
      spans.push(...(await source.context.store.getTrace({ project: PROJECT, traceId }))!.spans);
    }
    expect(records.map((record) => record.span_id)).toEqual(spans.map((span) => span.spanId));
    for (const [index, span] of spans.entries()) {
      expect(records[index]).toMatchObject({
        trace_id: span.traceId,
        parent_span_id: span.parentSpanId,
        name: span.name,
        service: 'svc, "quoted"',
        start_time: formatRfc3339Nano(span.startTimeUnixNano),
        end_time: formatRfc3339Nano(span.endTimeUnixNano),
        duration_ns: String(span.endTimeUnixNano - span.startTimeUnixNano),
        status_message: span.status.message,
      });
    }
    const [, root, chat] = records;
    expect(root).toMatchObject({
      name: awkward,
      status_code: 'error',
      status_message: 'failed, "badly"\nagain',
      cost_usd: '',
    });
    expect(chat).toMatchObject({
      span_type: 'llm',
      request_model: 'gpt-4o',
      input_tokens: '1200',
      output_tokens: '300',
      cost_usd: '0.0123',
      cost_source: 'provided',
      user_id: 'u, 7',
      duration_ns: '2500000234',
    });
    expect(JSON.parse(chat!.attributes!)).toMatchObject({ note: awkward, 'gen_ai.usage.input_tokens': 1200 });
    expect(JSON.parse(chat!.resource_attributes!)).toEqual({ 'service.name': 'svc, "quoted"' });
  });

  it('writes only the header for a search that finds nothing', async () => {
    const response = await exportOf({ project: PROJECT, format: 'csv', service: 'nobody' });
    expect(response.statusCode).toBe(200);
    expect(parse(response.body)).toEqual([SPAN_CSV_COLUMNS]);
  });
});

describe('the search and its cap', () => {
  const PROJECT = 'export-search';

  beforeAll(async () => {
    const start = BigInt(Date.now()) * 1_000_000n;
    const spans = Array.from({ length: 12 }, (_, index) =>
      jsonSpan({
        name: index % 3 === 0 ? 'checkout' : 'browse',
        startTimeUnixNano: String(start + BigInt(index) * 1_000_000n),
      }),
    );
    await ingest(source, PROJECT, JSON.stringify(jsonTraceRequest(spans)));
  });

  const exportedIds = async (query: Record<string, string>) =>
    (await exportOf({ project: PROJECT, ...query })).body
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line).resourceSpans[0].scopeSpans[0].spans[0].traceId as string);

  it('takes the filters of the trace search', async () => {
    const checkout = (
      await source.context.store.findTraces({ project: PROJECT, spanName: 'checkout', limit: 100 })
    ).traces;
    expect(checkout).toHaveLength(4);
    expect(await exportedIds({ spanName: 'checkout' })).toEqual(checkout.map((trace) => trace.traceId));
  });

  it('stops at `limit` traces, the newest', async () => {
    const newest = (await source.context.store.findTraces({ project: PROJECT, limit: 5 })).traces;
    expect(await exportedIds({ limit: '5' })).toEqual(newest.map((trace) => trace.traceId));
  });

  it.each([
    [{ limit: '100001' }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ format: 'xml' }, 'format'],
    [{ start: '2026-11-22T10:00:00Z', end: '2026-11-22T09:00:00Z' }, 'start'],
    [{ minDuration: 'long' }, 'minDuration'],
    [{ attr: 'no-operator' }, 'attr'],
    [{ colour: 'red' }, 'additional properties'],
  ])('refuses %j with a 400 before anything is sent', async (query, named) => {
    const response = await exportOf({ project: PROJECT, ...query });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().error.code).toBe('SEXTANT_ERR_INVALID_REQUEST');
    expect(response.json().error.message).toContain(named);
  });
});
