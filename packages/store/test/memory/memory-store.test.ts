import type { LogRecord, Span } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index.js';
import { roundTripLogs } from '../contract/fixtures/round-trip.js';
import { EPOCH, makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';

function span(trace: number, id: number): Span {
  return makeSpan({
    project: 'p',
    traceId: traceId(trace),
    spanId: spanId(id),
    ...(id === 1 ? {} : { parentSpanId: spanId(1) }),
    name: `span ${id}`,
    service: 'svc',
    start: EPOCH + BigInt(id),
    duration: 1n,
  });
}

function spans(...items: Span[]) {
  return { spans: items, logs: [], metrics: [] };
}

async function traceIdsOf(store: ReturnType<typeof createMemoryStore>): Promise<string[]> {
  return (await store.findTraces({ project: 'p', limit: 100 })).traces.map((trace) => trace.traceId).sort();
}

describe('memory store bounds', () => {
  it('evicts the trace inserted first once over capacity, even if it grew since', async () => {
    const store = createMemoryStore({ maxTraces: 3, maxSpansPerTrace: 10 });
    await store.write(spans(span(1, 1), span(2, 1), span(3, 1)));
    await store.write(spans(span(1, 2)));
    await store.write(spans(span(4, 1)));
    expect(await traceIdsOf(store)).toEqual([traceId(2), traceId(3), traceId(4)]);
    await store.write(spans(span(5, 1), span(6, 1)));
    expect(await traceIdsOf(store)).toEqual([traceId(4), traceId(5), traceId(6)]);
    expect(store.evictedTraces).toBe(3);
    expect(await store.getTrace({ project: 'p', traceId: traceId(1) })).toBeNull();
    expect(await store.counts({ project: 'p' })).toMatchObject({ traces: 3, spans: 3 });
  });

  it('drops and counts the spans of a trace beyond its cap, keeping the rollup to the kept ones', async () => {
    const store = createMemoryStore({ maxTraces: 10, maxSpansPerTrace: 2 });
    const result = await store.write(spans(span(1, 1), span(1, 2), span(1, 3), span(1, 2)));
    expect(result.spansWritten).toBe(2);
    expect(store.droppedSpans).toBe(1);
    await store.write(spans(span(1, 4), span(1, 1)));
    expect(store.droppedSpans).toBe(2);
    const stored = await store.getTrace({ project: 'p', traceId: traceId(1) });
    expect(stored?.spans.map((kept) => kept.spanId)).toEqual([spanId(1), spanId(2)]);
    expect(stored?.summary.spanCount).toBe(2);
  });

  it('evicts traces, logs and points older than the maximum age', async () => {
    let now = 0;
    const store = createMemoryStore({ maxTraces: 10, maxSpansPerTrace: 10, maxAgeMs: 1000, now: () => now });
    const [log] = roundTripLogs('p') as [LogRecord];
    await store.write({ spans: [span(1, 1)], logs: [log], metrics: [] });
    now = 600;
    await store.write({ spans: [span(2, 1)], logs: [log], metrics: [] });
    now = 1000;
    await store.write(spans(span(1, 2)));
    expect(await traceIdsOf(store)).toEqual([traceId(1), traceId(2)]);
    now = 1001;
    expect(await traceIdsOf(store)).toEqual([traceId(2)]);
    expect(await store.counts({ project: 'p' })).toEqual({ traces: 1, spans: 1, logs: 1, metrics: 0 });
    now = 1601;
    expect(await store.counts({ project: 'p' })).toEqual({ traces: 0, spans: 0, logs: 0, metrics: 0 });
    expect(store.evictedTraces).toBe(2);
  });

  it('keeps the newest log records within their capacity', async () => {
    const store = createMemoryStore({ maxTraces: 10, maxSpansPerTrace: 10, maxLogRecords: 3 });
    const logs = roundTripLogs('p');
    await store.write({ spans: [], logs: logs.slice(0, 2), metrics: [] });
    await store.write({ spans: [], logs: logs.slice(2, 5), metrics: [] });
    expect(await store.findLogs({ project: 'p', limit: 10 })).toEqual(logs.slice(2, 5));
  });
});
