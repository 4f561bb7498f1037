import type { Span } from '@sextant/core';
import { createMemoryStore, type StoredTrace } from '@sextant/store';
import { describe, expect, it } from 'vitest';
import { EPOCH, MS, makeSpan, spanId, traceId } from '../../../store/test/contract/fixtures/span-builder.js';
import { EXPORT_PAGE_SIZE, firstExportPage, walkTraces } from '../../src/export/trace-walk.js';
import { countingStore } from '../support/counting-store.js';

const PROJECT = 'walk';

/** Traces `first` to `first + count - 1`, two spans each, trace n starting n ms after the epoch. */
function traces(first: number, count: number): Span[] {
  return Array.from({ length: count }, (_, index) => {
    const n = first + index;
    const start = EPOCH + BigInt(n) * MS;
    const trace = traceId(n);
    return [1, 2].map((span) =>
      makeSpan({
        project: PROJECT,
        traceId: trace,
        spanId: spanId(span),
        name: `s${span}`,
        service: 'w',
        start,
        duration: MS,
      }),
    );
  }).flat();
}

/** A memory store holding traces 1 to `count`, inserted newest first when `newestFirst`. */
async function opened(count: number, { maxTraces = 100_000, newestFirst = false } = {}) {
  const counting = countingStore(createMemoryStore({ maxTraces, maxSpansPerTrace: 10 }));
  const spans = traces(1, count);
  await counting.store.write({ spans: newestFirst ? spans.reverse() : spans, logs: [], metrics: [] });
  return counting;
}

const query = { project: PROJECT, limit: 1 };

describe('walking a search for an export', () => {
  it('reads each trace only when asked for it, and never more than one page ahead', async () => {
    const total = EXPORT_PAGE_SIZE * 2 + 50;
    const counting = await opened(total);
    const first = await firstExportPage(counting.store, query, total);
    const walk = walkTraces(counting.store, query, first, total);
    const ids: string[] = [];
    for (let taken = 1; taken <= total; taken++) {
      const next = await walk.next();
      ids.push((next.value as StoredTrace).summary.traceId);
      expect(counting.getTraceCalls).toBe(taken);
      expect(counting.pageLimits).toHaveLength(Math.ceil(taken / EXPORT_PAGE_SIZE));
    }
    expect((await walk.next()).done).toBe(true);
    expect(counting.pageLimits.every((limit) => limit <= EXPORT_PAGE_SIZE)).toBe(true);
    expect(ids).toEqual(Array.from({ length: total }, (_, index) => traceId(total - index)));
  });

  it('stops at the cap, asking the last page for no more than it needs', async () => {
    const counting = await opened(300);
    const first = await firstExportPage(counting.store, query, 130);
    const walked: StoredTrace[] = [];
    for await (const trace of walkTraces(counting.store, query, first, 130)) walked.push(trace);
    expect(walked).toHaveLength(130);
    expect(counting.pageLimits).toEqual([EXPORT_PAGE_SIZE, 30]);
    expect(counting.getTraceCalls).toBe(130);
  });

  it('leaves out a trace gone between its page and its turn', async () => {
    // Traces 150 down to 1 go in in that order: the store evicts the newest of them first.
    const counting = await opened(150, { maxTraces: 150, newestFirst: true });
    const first = await firstExportPage(counting.store, query, 1000);
    expect(first.traces[0]!.traceId).toBe(traceId(150));
    // Fifty more traces evict traces 150 to 101, on the first page the walk holds.
    await counting.store.write({ spans: traces(151, 50), logs: [], metrics: [] });
    const walked: string[] = [];
    for await (const trace of walkTraces(counting.store, query, first, 1000))
      walked.push(trace.summary.traceId);
    expect(walked).toEqual(Array.from({ length: 100 }, (_, index) => traceId(100 - index)));
  });
});
