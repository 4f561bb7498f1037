import type { LogRecord, MetricPoint, Span } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, TraceCursor, TraceQuery } from '../../src/index.js';
import { arrivalsOf } from './arrivals.js';
import { type Backend, BACKENDS, has, temporaryDirectory } from './backends.js';
import { everyAttributeType, roundTripLogs, roundTripMetrics, roundTripSpans } from './fixtures/round-trip.js';
import { agentRunSpans, agentRunSummary, twoRootSpans, twoRootSummaries } from './fixtures/rollup-traces.js';
import {
  PAGING_PROJECT,
  PAGING_TRACE_COUNT,
  pagingSpans,
  SEARCH_CASES,
  SEARCH_PROJECT,
  SEARCH_TRACE_IDS,
  type SearchTraceName,
  searchSpans,
} from './fixtures/search-traces.js';
import { EPOCH, makeSpan, resourceOf, spanId, TEST_SCOPE, traceId } from './fixtures/span-builder.js';

const NO_RECORDS = { logs: [], metrics: [] };

function spansOnly(spans: Span[]): { spans: Span[]; logs: LogRecord[]; metrics: MetricPoint[] } {
  return { spans, ...NO_RECORDS };
}

function byId(ids: readonly string[]): (a: Span, b: Span) => number {
  return (a, b) => ids.indexOf(a.spanId) - ids.indexOf(b.spanId);
}

/** Every page of a search, following the cursors. */
async function allPages(store: Store, query: TraceQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: TraceCursor | undefined;
  let pages = 0;
  do {
    const page = await store.findTraces({ ...query, after });
    pages++;
    expect(page.traces.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.traces.map((trace) => trace.traceId));
    after = page.nextCursor ?? undefined;
  } while (after !== undefined && pages <= PAGING_TRACE_COUNT);
  return { ids, pages };
}

describe.each(BACKENDS)('store contract: $name', (backend: Backend) => {
  const directory = temporaryDirectory();
  let store: Store;

  beforeAll(() => {
    store = backend.open(directory.dir);
  });
  afterAll(async () => {
    await store.close();
    directory.remove();
  });

  describe('round trip', () => {
    const spans = roundTripSpans('round-trip');
    const logs = roundTripLogs('round-trip');
    const metrics = roundTripMetrics('round-trip');

    beforeAll(async () => {
      const result = await store.write({ spans, logs, metrics });
      expect(result).toEqual({ spansWritten: spans.length, logsWritten: logs.length, metricsWritten: metrics.length });
    });

    it('reads every span back exactly, ordered by start time then span id', async () => {
      const stored = await store.getTrace({ project: 'round-trip', traceId: spans[0]!.traceId });
      const order = [3, 4, 5, 6, 1, 2, 0x14].map(spanId);
      expect(stored?.spans.map((span) => span.spanId)).toEqual(order);
      expect(stored?.spans).toEqual([...spans].sort(byId(order)));
    });

    it('keeps the type of every attribute value', async () => {
      const stored = await store.getTrace({ project: 'round-trip', traceId: spans[0]!.traceId });
      const attributes = stored!.spans.find((span) => span.spanId === spanId(1))!.attributes;
      expect(Object.keys(attributes)).toEqual(Object.keys(everyAttributeType()));
      expect(attributes['double.whole']).toBe(1);
      expect(attributes['int.one']).toBe(1n);
      expect(Object.is(attributes['double.negative-zero'], -0)).toBe(true);
      expect(attributes['int.beyond-doubles']).toBe(9_007_199_254_740_993n);
      expect(Object.getPrototypeOf(attributes.bytes)).toBe(Uint8Array.prototype);
      expect(attributes['string.long']).toBe(everyAttributeType()['string.long']);
    });

    it('reads logs back exactly, oldest first', async () => {
      expect(await store.findLogs({ project: 'round-trip', limit: 100 })).toEqual(logs);
    });

    it('reads metric points of every type back exactly, by time then name', async () => {
      const names = [
        'gauge.double',
        'gauge.int',
        'sum.delta',
        'sum.monotonic',
        'histogram',
        'histogram.no-sum',
        'exponential',
        'summary',
      ];
      const expected = names.map((name) => metrics.find((point) => point.name === name));
      expect(await store.findMetrics({ project: 'round-trip', limit: 100 })).toEqual(expected);
    });

    it('counts what the project holds', async () => {
      expect(await store.counts({ project: 'round-trip' })).toEqual({
        traces: 1,
        spans: spans.length,
        logs: logs.length,
        metrics: metrics.length,
      });
    });

    it('answers null for a trace the project does not have', async () => {
      expect(await store.getTrace({ project: 'round-trip', traceId: traceId(0xfff) })).toBeNull();
      expect(await store.getTrace({ project: 'elsewhere', traceId: spans[0]!.traceId })).toBeNull();
    });
  });

  describe('idempotency', () => {
    const spans = agentRunSpans('idempotency');

    it('stores a span once, however often and in whatever batch it comes', async () => {
      expect(await store.write(spansOnly([spans[0]!, spans[1]!, spans[0]!]))).toEqual({
        spansWritten: 2,
        logsWritten: 0,
        metricsWritten: 0,
      });
      const before = await store.getTrace({ project: 'idempotency', traceId: spans[0]!.traceId });
      expect((await store.write(spansOnly([spans[1]!, spans[0]!]))).spansWritten).toBe(0);
      expect(await store.getTrace({ project: 'idempotency', traceId: spans[0]!.traceId })).toEqual(before);
      expect((await store.write(spansOnly(spans))).spansWritten).toBe(spans.length - 2);
      expect((await store.counts({ project: 'idempotency' })).spans).toBe(spans.length);
    });

    it('appends logs and metric points every time (they carry no identity)', async () => {
      const logs = roundTripLogs('idempotency').slice(0, 2);
      const metrics = roundTripMetrics('idempotency').slice(0, 1);
      await store.write({ spans: [], logs, metrics });
      await store.write({ spans: [], logs, metrics });
      expect(await store.counts({ project: 'idempotency' })).toMatchObject({ logs: 4, metrics: 2 });
    });
  });

  describe('trace rollup', () => {
    const arrivals = arrivalsOf(agentRunSpans('names only'));

    it.each(arrivals.map((arrival, index) => ({ name: arrival.name, index })))(
      'is the same whatever the arrival: $name',
      async ({ index }) => {
        const project = `rollup-${index}`;
        for (const batch of arrivalsOf(agentRunSpans(project))[index]!.batches) await store.write(spansOnly(batch));
        const expected = agentRunSummary(project);
        expect((await store.getTrace({ project, traceId: expected.traceId }))?.summary).toEqual(expected);
        expect((await store.findTraces({ project, limit: 10 })).traces).toEqual([expected]);
        expect(await store.counts({ project })).toMatchObject({ traces: 1, spans: 6 });
      },
    );

    it('is partial until a root comes, then takes the earliest root', async () => {
      const project = 'rollup-roots';
      const { roots, children } = twoRootSpans(project);
      const expected = twoRootSummaries(project);
      await store.write(spansOnly(children));
      expect((await store.getTrace({ project, traceId: expected.whole.traceId }))?.summary).toEqual(
        expected.childrenOnly,
      );
      expect((await store.findTraces({ project, status: 'partial', limit: 10 })).traces).toEqual([expected.childrenOnly]);
      await store.write(spansOnly(roots));
      expect((await store.getTrace({ project, traceId: expected.whole.traceId }))?.summary).toEqual(expected.whole);
      expect((await store.findTraces({ project, status: 'partial', limit: 10 })).traces).toEqual([]);
      expect((await store.findTraces({ project, status: 'ok', limit: 10 })).traces).toEqual([expected.whole]);
    });

    it.each(arrivalsOf([...twoRootSpans('names only').roots, ...twoRootSpans('names only').children]).map((arrival, index) => ({ name: arrival.name, index })))(
      'picks the same root whatever the arrival: $name',
      async ({ index }) => {
        const project = `rollup-roots-${index}`;
        const { roots, children } = twoRootSpans(project);
        for (const batch of arrivalsOf([...roots, ...children])[index]!.batches) await store.write(spansOnly(batch));
        const expected = twoRootSummaries(project).whole;
        expect((await store.getTrace({ project, traceId: expected.traceId }))?.summary).toEqual(expected);
      },
    );
  });

  describe('trace search', () => {
    beforeAll(async () => {
      await store.write(spansOnly(searchSpans()));
    });

    it.each(SEARCH_CASES)('finds exactly the matching traces: $name', async ({ query, expected }) => {
      const page = await store.findTraces({ project: SEARCH_PROJECT, limit: 100, ...query });
      const names = Object.fromEntries(Object.entries(SEARCH_TRACE_IDS).map(([name, id]) => [id, name]));
      expect(page.traces.map((trace) => names[trace.traceId] as SearchTraceName)).toEqual(expected);
    });

    it('returns whole summaries', async () => {
      const page = await store.findTraces({ project: SEARCH_PROJECT, service: 'db', limit: 100 });
      const s1 = await store.getTrace({ project: SEARCH_PROJECT, traceId: SEARCH_TRACE_IDS.s1 });
      expect(page.traces.at(-1)).toEqual(s1?.summary);
      expect(s1?.summary).toMatchObject({ spanCount: 3, services: ['db', 'frontend', 'payments'] });
    });
  });

  describe('paging', () => {
    const newestFirst = pagingSpans()
      .map((span) => span.traceId)
      .reverse();

    beforeAll(async () => {
      await store.write(spansOnly(pagingSpans()));
    });

    it.each([1, 10, 19, 56, 57, 58, 1000])(
      'walks every trace once, newest first, %i at a time',
      async (limit) => {
        const { ids, pages } = await allPages(store, { project: PAGING_PROJECT, limit });
        expect(ids).toEqual(newestFirst);
        expect(pages).toBe(Math.ceil(PAGING_TRACE_COUNT / limit));
      },
    );

    it('pages through a filtered search', async () => {
      const { ids } = await allPages(store, { project: PAGING_PROJECT, spanName: 'even', limit: 7 });
      expect(ids).toEqual(newestFirst.filter((_, index) => (PAGING_TRACE_COUNT - 1 - index) % 2 === 0));
    });

    it('gives a cursor only when more traces follow', async () => {
      const full = await store.findTraces({ project: PAGING_PROJECT, limit: PAGING_TRACE_COUNT });
      expect(full.nextCursor).toBeNull();
      const partial = await store.findTraces({ project: PAGING_PROJECT, limit: 3 });
      expect(partial.nextCursor).toEqual({
        startTimeUnixNano: partial.traces[2]!.startTimeUnixNano,
        traceId: partial.traces[2]!.traceId,
      });
    });

    it('brings a limit out of range within bounds', async () => {
      expect((await store.findTraces({ project: PAGING_PROJECT, limit: 0 })).traces).toHaveLength(1);
      expect((await store.findTraces({ project: PAGING_PROJECT, limit: 1e9 })).traces).toHaveLength(
        PAGING_TRACE_COUNT,
      );
    });
  });

  describe('project isolation', () => {
    const shared = traceId(0x7777);
    const inProject = (project: string, name: string): Span =>
      makeSpan({ project, traceId: shared, spanId: spanId(1), name, service: name, start: EPOCH, duration: 1n });

    beforeAll(async () => {
      await store.write({
        spans: [inProject('tenant-a', 'a'), inProject('tenant-b', 'b')],
        logs: roundTripLogs('tenant-a').slice(0, 3),
        metrics: roundTripMetrics('tenant-b').slice(0, 2),
      });
    });

    it('keeps the same ids apart in each project', async () => {
      expect((await store.getTrace({ project: 'tenant-a', traceId: shared }))?.spans).toEqual([inProject('tenant-a', 'a')]);
      expect((await store.getTrace({ project: 'tenant-b', traceId: shared }))?.spans).toEqual([inProject('tenant-b', 'b')]);
      expect((await store.findTraces({ project: 'tenant-b', service: 'a', limit: 10 })).traces).toEqual([]);
      expect((await store.findTraces({ project: 'tenant-b', limit: 10 })).traces.map((t) => t.rootName)).toEqual(['b']);
    });

    it('scopes logs, metric points and counts', async () => {
      expect(await store.findLogs({ project: 'tenant-b', limit: 10 })).toEqual([]);
      expect(await store.findMetrics({ project: 'tenant-a', limit: 10 })).toEqual([]);
      expect(await store.counts({ project: 'tenant-a' })).toEqual({ traces: 1, spans: 1, logs: 3, metrics: 0 });
      expect(await store.counts({ project: 'tenant-b' })).toEqual({ traces: 1, spans: 1, logs: 0, metrics: 2 });
    });
  });

  describe('log and metric search', () => {
    const logs = roundTripLogs('records');
    const metrics = roundTripMetrics('records');
    const tied: LogRecord[] = [3n, 1n, 2n, 2n].map((observed, index) => ({
      ...logs[0]!,
      project: 'records-ties',
      timeUnixNano: EPOCH,
      observedTimeUnixNano: EPOCH + observed,
      body: `record ${index}`,
    }));

    beforeAll(async () => {
      await store.write({ spans: [], logs: [...logs, ...tied], metrics });
    });

    it.each([
      { name: 'trace id', query: { traceId: traceId(0xabc) }, expected: [0, 3, 6, 9] },
      { name: 'uncorrelated', query: { traceId: '' }, expected: [1, 2, 4, 5, 7, 8] },
      { name: 'service', query: { service: 'worker' }, expected: [5, 6, 7, 8, 9] },
      { name: 'time range', query: { startTimeMin: EPOCH + 2_000_001n, startTimeMax: EPOCH + 4_000_001n }, expected: [2, 3, 4] },
      { name: 'trace id and service', query: { traceId: traceId(0xabc), service: 'agent' }, expected: [0, 3] },
      { name: 'limit', query: { limit: 3 }, expected: [0, 1, 2] },
    ])('finds logs by $name', async ({ query, expected }) => {
      const found = await store.findLogs({ project: 'records', limit: 100, ...query });
      expect(found).toEqual(expected.map((index) => logs[index]));
    });

    it('orders logs of the same time by observed time, then as they came', async () => {
      const found = await store.findLogs({ project: 'records-ties', limit: 10 });
      expect(found.map((log) => log.body)).toEqual(['record 1', 'record 2', 'record 3', 'record 0']);
    });

    it.each([
      { name: 'name', query: { name: 'histogram' }, expected: ['histogram'] },
      { name: 'type', query: { type: 'sum' as const }, expected: ['sum.delta', 'sum.monotonic'] },
      { name: 'service', query: { service: 'nobody' }, expected: [] },
      { name: 'time range', query: { startTimeMin: EPOCH + 3n, startTimeMax: EPOCH + 5n }, expected: ['sum.delta', 'sum.monotonic', 'histogram', 'histogram.no-sum'] },
      { name: 'limit', query: { limit: 2 }, expected: ['gauge.double', 'gauge.int'] },
    ])('finds metric points by $name', async ({ query, expected }) => {
      const found = await store.findMetrics({ project: 'records', limit: 100, ...query });
      expect(found).toEqual(expected.map((name) => metrics.find((point) => point.name === name)));
    });
  });

  // A backend that lacks durability opts out: its check is not defined at all.
  const durability = has(backend, 'durability') ? describe : null;
  durability?.('durability', () => {
    it('keeps everything across close and re-open', async () => {
      const durable = temporaryDirectory();
      const spans = roundTripSpans('durable');
      const logs = roundTripLogs('durable');
      const metrics = roundTripMetrics('durable');
      const first = backend.open(durable.dir);
      await first.write({ spans, logs, metrics });
      const before = await first.getTrace({ project: 'durable', traceId: spans[0]!.traceId });
      await first.close();
      const second = backend.open(durable.dir);
      try {
        expect(await second.getTrace({ project: 'durable', traceId: spans[0]!.traceId })).toEqual(before);
        expect(await second.findLogs({ project: 'durable', limit: 100 })).toEqual(logs);
        expect(await second.counts({ project: 'durable' })).toEqual({
          traces: 1,
          spans: spans.length,
          logs: logs.length,
          metrics: metrics.length,
        });
        expect((await second.write(spansOnly(spans))).spansWritten).toBe(0);
      } finally {
        await second.close();
        durable.remove();
      }
    });
  });

  describe('closing', () => {
    it('rejects calls after close, as a connection failure', async () => {
      const closing = temporaryDirectory();
      const closed = backend.open(closing.dir);
      await closed.close();
      const failure = await closed.write(spansOnly([])).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(closed.classifyWriteError(failure)).toBe('connection');
      await expect(closed.counts({ project: 'default' })).rejects.toThrow();
      closing.remove();
    });
  });

  it('names its driver', () => {
    expect(store.driver).toBe(backend.name);
  });

  it('writes resources and scopes shared by many spans', async () => {
    const resource = resourceOf('shared');
    const spans = Array.from({ length: 50 }, (_, index) => ({
      ...makeSpan({
        project: 'shared-resource',
        traceId: traceId(0x8000 + (index % 5)),
        spanId: spanId(index + 1),
        name: 'op',
        service: 'shared',
        start: EPOCH + BigInt(index),
        duration: 1n,
      }),
      resource,
      scope: TEST_SCOPE,
    }));
    await store.write(spansOnly(spans));
    const stored = await store.getTrace({ project: 'shared-resource', traceId: traceId(0x8000) });
    expect(stored?.spans).toHaveLength(10);
    for (const span of stored?.spans ?? []) {
      expect(span.resource).toEqual(resource);
      expect(span.scope).toEqual(TEST_SCOPE);
    }
  });
});
