import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSpan, jsonTraceRequest, randomSpanId, randomTraceId } from '../support/otlp-json.js';
import { exited, spawnServer } from '../support/server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sextant-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SPANS_PER_REQUEST = 40;
const CLIENTS = 4;
/** Acknowledged requests after which the server is killed, with other requests still in flight. */
const KILL_AFTER_ACKS = 60;

/** A trace of `SPANS_PER_REQUEST` spans: a root and its children. */
function traceRequest(traceId: string): string {
  const rootId = randomSpanId();
  const spans = [jsonSpan({ traceId, spanId: rootId, name: 'root' })];
  for (let i = 1; i < SPANS_PER_REQUEST; i++) {
    spans.push(
      jsonSpan({
        traceId,
        parentSpanId: rootId,
        name: `child ${i}`,
        attributes: [{ key: 'i', value: { intValue: String(i) } }],
      }),
    );
  }
  return JSON.stringify(jsonTraceRequest(spans, 'crash-test'));
}

describe('crash safety', () => {
  it('keeps every acknowledged span when the server is killed with SIGKILL mid-stream', async () => {
    const first = await spawnServer(['--data-dir', dataDir]);
    const acknowledged: string[] = [];
    let killed = false;

    const client = async () => {
      // Bounded: each client stops at the kill, or after 1 000 requests at most.
      for (let n = 0; n < 1000 && !killed; n++) {
        const traceId = randomTraceId();
        try {
          const response = await fetch(`${first.url}/v1/traces`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: traceRequest(traceId),
          });
          if (response.status === 200) acknowledged.push(traceId);
          else expect(response.status, await response.text()).toBe(200);
        } catch {
          // the connection died with the server: this request was never acknowledged
        }
        if (!killed && acknowledged.length >= KILL_AFTER_ACKS) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    expect(await exited(first.child)).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const second = await spawnServer(['--data-dir', dataDir]);
    try {
      for (const traceId of acknowledged) {
        const response = await fetch(`${second.url}/api/traces/${traceId}`);
        expect(response.status, `acknowledged trace ${traceId}`).toBe(200);
        const { trace } = (await response.json()) as { trace: { spanCount: number; rootName: string } };
        expect(trace).toMatchObject({ spanCount: SPANS_PER_REQUEST, rootName: 'root' });
      }
    } finally {
      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    }
  });
});
