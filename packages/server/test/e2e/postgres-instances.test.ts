import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../../store/test/postgres/postgres-cluster.js';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { exited, type ServerProcess, spawnServer } from '../support/server-process.js';

/*
 * Two Sextant server processes on one PostgreSQL database, as behind a load balancer: the spans of
 * each trace are sent alternately to one and the other, all at once, and both then answer the same
 * traces, rollups and analytics.
 */

const TRACES = 8;
const CHILDREN = 5;
const START = BigInt(Date.now()) * 1_000_000n;
const MS = 1_000_000n;

interface SentTrace {
  traceId: string;
  /** One OTLP/JSON request body per span. */
  requests: string[];
}

/** A root and its LLM-call children, each span in a request of its own. */
function agentTrace(index: number): SentTrace {
  const traceId = randomTraceId();
  const rootId = randomSpanId();
  const start = START + BigInt(index) * 1000n * MS;
  const at = (offset: bigint) => `${start + offset * MS}`;
  const spans = [
    jsonSpan({
      traceId,
      spanId: rootId,
      name: 'agent run',
      startTimeUnixNano: at(0n),
      endTimeUnixNano: at(100n),
    }),
  ];
  for (let i = 0; i < CHILDREN; i++) {
    spans.push(
      jsonSpan({
        traceId,
        parentSpanId: rootId,
        name: 'chat',
        startTimeUnixNano: at(BigInt(1 + i * 10)),
        endTimeUnixNano: at(BigInt(9 + i * 10)),
        attributes: [
          { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
          { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
          { key: 'gen_ai.usage.input_tokens', value: { intValue: String(100 + i) } },
          { key: 'gen_ai.usage.output_tokens', value: { intValue: '20' } },
        ],
      }),
    );
  }
  return { traceId, requests: spans.map((span) => JSON.stringify(jsonTraceRequest([span], 'agent'))) };
}

let cluster: PostgresCluster;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const url = await cluster.createDatabase('instances');
  servers = await Promise.all([0, 1].map(() => spawnServer(['--store', 'postgres', '--postgres-url', url])));
});
afterAll(async () => {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
  await cluster?.destroy();
});

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

describe('two server processes on one database', () => {
  it('reads the same traces, rollups and analytics from either, the spans of each sent to both', async () => {
    const traces = Array.from({ length: TRACES }, (_, index) => agentTrace(index));
    const sends = traces.flatMap((trace) =>
      trace.requests.map(async (body, index) => {
        const response = await fetch(`${servers[index % 2]!.url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status, await response.text()).toBe(200);
      }),
    );
    await Promise.all(sends);

    for (const { traceId } of traces) {
      const [first, second] = await Promise.all(
        servers.map((server) => getJson(`${server.url}/api/traces/${traceId}`)),
      );
      expect(second).toEqual(first);
      expect((first as { trace: unknown }).trace).toMatchObject({
        traceId,
        rootName: 'agent run',
        spanCount: 1 + CHILDREN,
        llmCallCount: CHILDREN,
        status: 'ok',
      });
    }
    const window = `start=${START - 60_000n * MS}&end=${START + 60_000n * MS}`;
    const [stats, otherStats] = await Promise.all(
      servers.map((server) => getJson(`${server.url}/api/analytics/stats?${window}`)),
    );
    expect(otherStats).toEqual(stats);
    expect(stats).toMatchObject({
      traces: { stored: TRACES, recorded: TRACES },
      spans: TRACES * (1 + CHILDREN),
      llmCalls: TRACES * CHILDREN,
    });
    const [usage, otherUsage] = await Promise.all(
      servers.map((server) => getJson(`${server.url}/api/analytics/usage?${window}&groupBy=model`)),
    );
    expect(otherUsage).toEqual(usage);
  });
});
