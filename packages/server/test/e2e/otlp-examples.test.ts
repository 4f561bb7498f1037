import {
  DEFAULT_INGEST_LIMITS,
  type DecodeOptions,
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  type OtlpSignal,
} from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceFile } from '../support/conformance.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Decodes a body to the model, leaving out what Sextant derives (the normalized LLM fields). */
function model(signal: OtlpSignal, body: Uint8Array, project: string): unknown[] {
  const options: DecodeOptions = { project, limits: DEFAULT_INGEST_LIMITS };
  if (signal === 'traces')
    return decodeTraces(body, 'json', options).spans.map(({ llm: _llm, ...span }) => span);
  if (signal === 'logs') return decodeLogs(body, 'json', options).logs;
  // Points sharing a time come back ordered by name (the store's documented order).
  return decodeMetrics(body, 'json', options).points.sort((a, b) => a.name.localeCompare(b.name));
}

const READ_BACK: Record<OtlpSignal, (project: string) => string> = {
  traces: (project) => `/api/traces/5b8efff798038103d269b633813fc60c?format=otlp&project=${project}`,
  logs: (project) => `/api/logs?format=otlp&limit=1000&project=${project}`,
  metrics: (project) => `/api/metrics?format=otlp&limit=1000&project=${project}`,
};

describe.each([
  ['trace.json', 'traces'],
  ['logs.json', 'logs'],
  ['events.json', 'logs'],
  ['metrics.json', 'metrics'],
] as const)('the OTLP specification example %s', (file, signal) => {
  it('is accepted and reads back with nothing lost', async () => {
    const project = `example-${file.replace('.json', '')}`;
    const body = conformanceFile(`otlp-examples/${file}`);
    const response = await fetch(`${server.url}/v1/${signal}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sextant-project': project },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});

    const readBack = await fetch(`${server.url}${READ_BACK[signal](project)}`);
    expect(readBack.status).toBe(200);
    const stored = model(signal, new TextEncoder().encode(await readBack.text()), project);
    const sent = model(signal, body, project);
    expect(sent.length).toBeGreaterThan(0);
    expect(stored).toEqual(sent);
  });
});
