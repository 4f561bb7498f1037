import { DEFAULT_INGEST_LIMITS, decodeTraces, type Span } from '@sextant/core';
import { createMemoryStore, type Store, type WriteBatch } from '@sextant/store';
import { describe, expect, it } from 'vitest';
import {
  QueueClosedError,
  QueueFullError,
  WriteFailedError,
  WriteQueue,
} from '../../src/ingest/write-queue.js';
import { jsonSpan, jsonTraceRequest } from '../support/otlp-json.js';

function spans(count: number): Span[] {
  const body = new TextEncoder().encode(
    JSON.stringify(jsonTraceRequest(Array.from({ length: count }, () => jsonSpan()))),
  );
  return decodeTraces(body, 'json', { project: 'default', limits: DEFAULT_INGEST_LIMITS }).spans;
}
const batchOf = (count: number): WriteBatch => ({ spans: spans(count), logs: [], metrics: [] });

/** A real memory store whose writes can be held back or made to fail, to drive the queue. */
class ControlledStore {
  readonly store = createMemoryStore({ maxTraces: 100_000, maxSpansPerTrace: 1000 });
  readonly writes: number[] = [];
  /** What each next write does: fail with the error, or (null, or none left) succeed. */
  outcomes: Array<Error | null> = [];
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => {};

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }
  release(): void {
    this.openGate();
  }

  asStore(): Store {
    return {
      ...this.store,
      driver: 'controlled-memory',
      write: async (batch) => {
        this.writes.push(batch.spans.length);
        await this.gate;
        const failure = this.outcomes.shift();
        if (failure) throw failure;
        return this.store.write(batch);
      },
      classifyWriteError: (error) =>
        (error as { code?: string }).code === 'CONSTRAINT' ? 'constraint' : 'connection',
      counts: (params) => this.store.counts(params),
    };
  }
}

const options = { capacity: 1000, batchMaxItems: 400, batchMaxDelayMs: 1, maxWritesInFlight: 1 };

describe('WriteQueue', () => {
  it('merges waiting batches into one commit, up to batchMaxItems', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), options);
    controlled.hold();
    const first = queue.submit(batchOf(10)); // starts a write that is held
    await new Promise((resolve) => setTimeout(resolve, 5));
    const waiting = [queue.submit(batchOf(150)), queue.submit(batchOf(150)), queue.submit(batchOf(150))];
    controlled.release();
    await Promise.all([first, ...waiting]);
    expect(controlled.writes).toEqual([10, 300, 150]);
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(460);
    expect(queue.diagnostics()).toMatchObject({ depth: 0, commits: 3, accepted: { spans: 460, batches: 4 } });
  });

  it('starts up to maxWritesInFlight writes before the first commits, and drains them all', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), { ...options, maxWritesInFlight: 2 });
    controlled.hold();
    const first = queue.submit(batchOf(10));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = queue.submit(batchOf(20));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const third = queue.submit(batchOf(30));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(controlled.writes).toEqual([10, 20]); // two under way; the third waits for a free slot
    expect(queue.diagnostics().depth).toBe(60);
    const drained = queue.drain(1000);
    controlled.release();
    expect(await drained).toBe(true);
    await Promise.all([first, second, third]);
    expect(controlled.writes).toEqual([10, 20, 30]);
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(60);
  });

  it('refuses at once with QueueFullError past its capacity, and counts it', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), options);
    controlled.hold();
    const accepted = [queue.submit(batchOf(600)), queue.submit(batchOf(300))];
    await expect(queue.submit(batchOf(200))).rejects.toBeInstanceOf(QueueFullError);
    const diagnostics = queue.diagnostics();
    expect(diagnostics).toMatchObject({
      depth: 900,
      utilizationPercent: 90,
      pressure: 'high',
      rejected: { queueFull: 1 },
    });
    expect(diagnostics.highWaterMark).toBe(900);
    controlled.release();
    await Promise.all(accepted);
    expect(queue.diagnostics()).toMatchObject({ depth: 0, pressure: 'ok', highWaterMark: 900 });
  });

  it('takes a batch larger than its capacity when empty, so that it can ever be written', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), { ...options, capacity: 100 });
    await queue.submit(batchOf(250));
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(250);
  });

  it('fails the batches of a failed commit with its class, and records the failure', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), options);
    controlled.outcomes.push(new Error('database is locked'));
    const failed = queue.submit(batchOf(5));
    await expect(failed).rejects.toBeInstanceOf(WriteFailedError);
    await expect(failed).rejects.toMatchObject({ failureClass: 'connection' });
    const diagnostics = queue.diagnostics();
    expect(diagnostics.writeFailures).toMatchObject({ connection: 1, constraint: 0 });
    expect(diagnostics.lastWriteFailureClass).toBe('connection');
    expect(Date.parse(diagnostics.lastWriteFailureAt!)).toBeLessThanOrEqual(Date.now());
    expect(diagnostics.rejected.writeFailed).toBe(1);
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(0);
    await queue.submit(batchOf(5)); // the next write goes through
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(5);
  });

  it('retries each request alone after a constraint failure, so only the guilty one fails', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), options);
    controlled.hold();
    const first = queue.submit(batchOf(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const constraint = Object.assign(new Error('constraint failed'), { code: 'CONSTRAINT' });
    // The held first write succeeds; the merged commit of a, b, c fails; then a fails again alone.
    controlled.outcomes.push(null, constraint, constraint);
    const a = queue.submit(batchOf(3));
    const b = queue.submit(batchOf(4));
    const c = queue.submit(batchOf(5));
    controlled.release();
    await first;
    const results = await Promise.allSettled([a, b, c]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(controlled.writes).toEqual([1, 12, 3, 4, 5]);
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(1 + 4 + 5);
  });

  it('drains what it accepted, then refuses new work', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), { ...options, batchMaxDelayMs: 50 });
    const pending = [queue.submit(batchOf(7)), queue.submit(batchOf(8))];
    expect(await queue.drain(1000)).toBe(true);
    await Promise.all(pending);
    expect((await controlled.store.counts({ project: 'default' })).spans).toBe(15);
    await expect(queue.submit(batchOf(1))).rejects.toBeInstanceOf(QueueClosedError);
    expect(queue.diagnostics().rejected.closed).toBe(1);
  });

  it('reports whether it drained within the deadline', async () => {
    const controlled = new ControlledStore();
    const queue = new WriteQueue(controlled.asStore(), options);
    controlled.hold();
    const pending = queue.submit(batchOf(3));
    expect(await queue.drain(20)).toBe(false);
    controlled.release();
    await pending;
  });
});
