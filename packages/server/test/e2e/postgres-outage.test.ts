import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../../store/test/postgres/postgres-cluster.js';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SPANS_PER_REQUEST = 10;
const CLIENTS = 3;
/** Acknowledged requests before PostgreSQL is stopped, and after it is back. */
const ACKS_BEFORE = 15;
const ACKS_AFTER = 15;
/** Refusals seen while it is down before it is started again. */
const REFUSALS_DURING = 5;

/** A trace of `SPANS_PER_REQUEST` spans: a root and its children. */
function traceRequest(traceId: string): string {
  const rootId = randomSpanId();
  const spans = [jsonSpan({ traceId, spanId: rootId, name: 'root' })];
  for (let i = 1; i < SPANS_PER_REQUEST; i++)
    spans.push(jsonSpan({ traceId, parentSpanId: rootId, name: `step ${i}` }));
  return JSON.stringify(jsonTraceRequest(spans, 'outage-test'));
}

let cluster: PostgresCluster;
let server: TestServer;

beforeAll(async () => {
  cluster = await startPostgresCluster({ fsync: true });
  const url = await cluster.createDatabase('outage');
  server = await startTestServer((config) => {
    config.store.driver = 'postgres';
    config.store.postgres.url = url;
    config.queue.retryAfterSeconds = 2;
  });
});
afterAll(async () => {
  await server?.stop();
  await cluster?.destroy();
});

describe('PostgreSQL going away during ingest', () => {
  it('answers 503 with Retry-After while it is down, resumes when it is back, and loses nothing acknowledged', async () => {
    const acknowledged: string[] = [];
    const refusals: { status: number; retryAfter: string | null }[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    let acksAfter = 0;
    let switching: Promise<void> | null = null;

    const client = async () => {
      // Bounded: each client sends at most 2 000 requests.
      for (let n = 0; n < 2000 && acksAfter < ACKS_AFTER; n++) {
        const traceId = randomTraceId();
        const response = await fetch(`${server.url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: traceRequest(traceId),
        });
        const answer = await response.text();
        if (response.status === 200) {
          acknowledged.push(traceId);
          if (phase === 'after') acksAfter++;
        } else {
          expect(response.status, answer).toBe(503);
          refusals.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
        }
        if (phase === 'before' && acknowledged.length >= ACKS_BEFORE && switching === null) {
          switching = cluster.stop().then(() => {
            phase = 'down';
          });
        }
        if (phase === 'down' && refusals.length >= REFUSALS_DURING) {
          phase = 'after';
          await cluster.start();
        }
        await switching;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));

    expect(refusals.length).toBeGreaterThanOrEqual(REFUSALS_DURING);
    expect(refusals.every((refusal) => refusal.retryAfter === '2')).toBe(true);
    expect(acksAfter).toBeGreaterThanOrEqual(ACKS_AFTER);
    for (const traceId of acknowledged) {
      const trace = await server.context.store.getTrace({ project: 'default', traceId });
      expect(trace?.spans, `acknowledged trace ${traceId}`).toHaveLength(SPANS_PER_REQUEST);
    }
  });
});
