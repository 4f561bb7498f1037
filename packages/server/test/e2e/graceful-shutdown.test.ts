import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomTraceId } from '../support/otlp-json.js';
import { exited, spawnServer } from '../support/server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sextant-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SPANS_PER_TRACE = 50;

describe('graceful shutdown', () => {
  it('on SIGTERM finishes what it acknowledges, refuses the rest retryably, and exits 0', async () => {
    const server = await spawnServer(['--data-dir', dataDir]);
    const outcomes: Array<{ traceId: string; status: number | 'not answered' }> = [];
    let signalled = false;

    const client = async () => {
      // Bounded: until the server refuses or goes away, at most 200 requests per client.
      for (let n = 0; n < 200; n++) {
        const traceId = randomTraceId();
        const spans = Array.from({ length: SPANS_PER_TRACE }, () => jsonSpan({ traceId }));
        const status = await fetch(`${server.url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(jsonTraceRequest(spans)),
          // Like an OTLP exporter, give up after a while: a client may not notice a connection
          // closed under a request it was still sending.
          signal: AbortSignal.timeout(5000),
        }).then(
          (response) => response.status,
          () => 'not answered' as const,
        );
        outcomes.push({ traceId, status });
        if (status === 200 && !signalled) {
          signalled = true; // the other clients have requests in flight right now
          server.child.kill('SIGTERM');
        }
        if (status !== 200) return;
      }
    };
    await Promise.all(Array.from({ length: 4 }, client));
    expect(await exited(server.child)).toBe(0);
    expect(outcomes.some(({ status }) => status === 200)).toBe(true);
    // Every export was either acknowledged, or refused in a way an exporter retries.
    for (const { status } of outcomes) expect([200, 503, 'not answered']).toContain(status);

    const restarted = await spawnServer(['--data-dir', dataDir]);
    try {
      for (const { traceId, status } of outcomes) {
        if (status !== 200) continue;
        const response = await fetch(`${restarted.url}/api/traces/${traceId}`);
        expect(response.status, `acknowledged trace ${traceId}`).toBe(200);
        expect(((await response.json()) as { trace: { spanCount: number } }).trace.spanCount).toBe(
          SPANS_PER_TRACE,
        );
      }
    } finally {
      restarted.child.kill('SIGTERM');
      await exited(restarted.child);
    }
  });
});
