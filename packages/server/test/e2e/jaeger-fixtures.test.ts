import { DEFAULT_INGEST_LIMITS, decodeTraces, type Span } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceFile, jaegerFixtureNames } from '../support/conformance.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** The spans of a body, without the fields Sextant derives, sorted by span id. */
function spansOf(body: Uint8Array): Array<Omit<Span, 'llm'>> {
  return decodeTraces(body, 'json', { project: 'jaeger', limits: DEFAULT_INGEST_LIMITS })
    .spans.map(({ llm: _llm, ...span }) => span)
    .sort((a, b) => a.spanId.localeCompare(b.spanId));
}

describe.each(jaegerFixtureNames())('the Jaeger fixture %s', (name) => {
  it('is ingested through OTLP/HTTP and reads back with nothing lost', async () => {
    const body = conformanceFile(`jaeger/traces/${name}.json`);
    const sent = spansOf(body);
    expect(sent.length).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sextant-project': 'jaeger' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const traceId = sent[0]!.traceId;
    const readBack = await fetch(`${server.url}/api/traces/${traceId}?format=otlp&project=jaeger`);
    expect(readBack.status).toBe(200);
    const stored = spansOf(new TextEncoder().encode(await readBack.text()));
    // A fixture holds one trace; other fixtures never add spans to it.
    expect(stored).toEqual(sent);
  });
});
