import { gzipSync } from 'node:zlib';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const counts = () => server.context.store.counts({ project: 'default' });
let before: Awaited<ReturnType<typeof counts>>;
beforeEach(async () => {
  before = await counts();
});

function post(body: Uint8Array | string, headers: Record<string, string>, signal = 'traces') {
  return fetch(`${server.url}/v1/${signal}`, { method: 'POST', headers, body });
}
const JSON_TYPE = { 'content-type': 'application/json' };
const PROTOBUF_TYPE = { 'content-type': 'application/x-protobuf' };

/** A valid protobuf export request, made by the OTel JS SDK's own serializer. */
function protobufRequest(): Uint8Array {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer('bad-input');
  for (let i = 0; i < 3; i++)
    tracer.startSpan(`span ${i}`, { attributes: { i, text: 'x'.repeat(100) } }).end();
  return ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans())!;
}

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string } };
  expect(body.error.code).toBe(code);
  expect(await counts()).toEqual(before);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

describe('ingest refuses bad requests whole, with a precise status, and keeps serving', () => {
  it('an empty body: 400', async () => {
    await expectRefused(await post('', JSON_TYPE), 400, 'SEXTANT_ERR_EMPTY_BODY');
    const protobuf = await post(new Uint8Array(0), PROTOBUF_TYPE);
    expect(protobuf.status).toBe(400);
    expect(protobuf.headers.get('content-type')).toBe('application/x-protobuf');
  });

  it('a truncated protobuf body: 400, answered in protobuf', async () => {
    const valid = protobufRequest();
    const response = await post(valid.subarray(0, valid.length - 7), PROTOBUF_TYPE);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const status = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(status).toContain('SEXTANT_ERR_INVALID_PROTOBUF');
    expect(await counts()).toEqual(before);
  });

  it('invalid JSON: 400', async () => {
    await expectRefused(await post('{"resourceSpans": [', JSON_TYPE), 400, 'SEXTANT_ERR_INVALID_JSON');
    await expectRefused(await post('[1, 2]', JSON_TYPE), 400, 'SEXTANT_ERR_INVALID_JSON');
  });

  it('a wrong content type: 415', async () => {
    await expectRefused(
      await post('hello', { 'content-type': 'text/plain' }),
      415,
      'SEXTANT_ERR_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('a gzip bomb: 413, stopped at the decompressed limit', async () => {
    // 256 MiB of zeros gzip to about 256 KiB: refused once 64 MiB are inflated, long before the end.
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(server.context.config.limits.maxBodyBytes);
    const response = await post(bomb, { ...JSON_TYPE, 'content-encoding': 'gzip' });
    await expectRefused(response, 413, 'SEXTANT_ERR_BODY_TOO_LARGE');
  });

  it('a body over the size limit: 413', async () => {
    const huge = Buffer.alloc(server.context.config.limits.maxBodyBytes + 1, 0x20);
    await expectRefused(await post(huge, JSON_TYPE), 413, 'SEXTANT_ERR_BODY_TOO_LARGE');
  });

  it('an unknown content encoding: 415', async () => {
    const response = await post('{}', { ...JSON_TYPE, 'content-encoding': 'br' });
    await expectRefused(response, 415, 'SEXTANT_ERR_UNSUPPORTED_ENCODING');
  });
});

describe('ingest keeps the valid part of a request', () => {
  it('rejects spans with ids of the wrong length one by one (partial success)', async () => {
    const good = jsonSpan();
    const body = jsonTraceRequest([
      jsonSpan({ traceId: 'abc' }),
      good,
      jsonSpan({ spanId: '0102' }),
      jsonSpan({ parentSpanId: '123' }),
    ]);
    const response = await post(JSON.stringify(body), JSON_TYPE);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    };
    expect(Number(answer.partialSuccess.rejectedSpans)).toBe(3);
    expect(answer.partialSuccess.errorMessage).toMatch(/trace id/i);
    expect((await counts()).spans).toBe(before.spans + 1);
    expect((await fetch(`${server.url}/api/traces/${good.traceId}`)).status).toBe(200);
  });

  it('cuts a 10 MB attribute value to the limit, and counts it', async () => {
    const limit = server.context.config.limits.ingest.maxAttributeValueLength;
    const truncatedBefore = server.context.ingestStats.truncatedValues;
    const span = jsonSpan({ attributes: [{ key: 'big', value: { stringValue: 'é'.repeat(5_000_000) } }] }); // 10 MB of UTF-8
    const response = await post(JSON.stringify(jsonTraceRequest([span])), JSON_TYPE);
    expect(response.status).toBe(200);
    const { spans } = (await (await fetch(`${server.url}/api/traces/${span.traceId}`)).json()) as {
      spans: Array<{ attributes: { big: string } }>;
    };
    expect(spans[0]!.attributes.big).toBe('é'.repeat(limit));
    expect(server.context.ingestStats.truncatedValues).toBe(truncatedBefore + 1);
  });

  it('caps 100 000 attributes on one span, and counts the dropped ones', async () => {
    const limit = server.context.config.limits.ingest.maxAttributesPerItem;
    const droppedBefore = server.context.ingestStats.droppedAttributes;
    const attributes = Array.from({ length: 100_000 }, (_, i) => ({
      key: `k${i}`,
      value: { intValue: String(i) },
    }));
    const span = jsonSpan({ attributes });
    const response = await post(JSON.stringify(jsonTraceRequest([span])), JSON_TYPE);
    expect(response.status).toBe(200);
    const { spans } = (await (await fetch(`${server.url}/api/traces/${span.traceId}`)).json()) as {
      spans: Array<{ attributes: Record<string, number>; droppedAttributesCount: number }>;
    };
    expect(Object.keys(spans[0]!.attributes)).toHaveLength(limit);
    expect(spans[0]!.attributes.k0).toBe(0);
    expect(spans[0]!.droppedAttributesCount).toBe(100_000 - limit);
    expect(server.context.ingestStats.droppedAttributes).toBe(droppedBefore + 100_000 - limit);
  });
});

describe('reads refuse bad parameters', () => {
  it.each([
    ['/api/traces/not-a-trace-id', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    [`/api/traces/${randomTraceId()}`, 404, 'SEXTANT_ERR_NOT_FOUND'],
    ['/api/traces?cursor=bm90LWEtY3Vyc29y', 400, 'SEXTANT_ERR_INVALID_CURSOR'],
    ['/api/traces?limit=0', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/traces?limit=5000', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/traces?minDuration=soon', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/traces?start=yesterday', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/traces?status=fine', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/traces?project=a%20b', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/api/traces?unknown=1', 400, 'SEXTANT_ERR_INVALID_REQUEST'],
    ['/no/such/route', 404, 'SEXTANT_ERR_NOT_FOUND'],
  ])('GET %s → %i %s', async (path, status, code) => {
    await expectRefused(await fetch(`${server.url}${path}`), status, code);
  });
});
