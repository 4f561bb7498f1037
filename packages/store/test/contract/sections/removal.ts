import type { LogRecord, MetricPoint, Span } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupedAnalyticsQuery } from '../../../src/index.js';
import { has } from '../backends.js';
import { roundTripLogs, roundTripMetrics } from '../fixtures/round-trip.js';
import { MS, makeSpan, spanId, traceId } from '../fixtures/span-builder.js';
import type { ContractContext } from './context.js';

/*
 * Deleting traces and retention by age. Retention works across projects, so this section's data
 * lies around 2000-01-01, before every other section's, and its cutoffs never reach theirs.
 */
const DELETION = 'removal-delete';
const RETENTION = 'removal-retention';
const Y2K = 946_684_800_000_000_000n;
const HOUR = 3_600_000n * MS;

function agentTrace(project: string, n: number, start: bigint, prompt: string): Span[] {
  const base = { project, traceId: traceId(0x9000 + n), service: 'agent' };
  const root = makeSpan({ ...base, spanId: spanId(1), name: 'invoke_agent', start, duration: 10n * MS });
  const call = makeSpan({
    ...base,
    spanId: spanId(2),
    parentSpanId: spanId(1),
    name: 'chat',
    start: start + MS,
    duration: 5n * MS,
    llm: {
      spanType: 'llm',
      requestModel: 'gpt-4o',
      provider: 'openai',
      tokens: { input: 100, output: 20, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 120 },
      cost: { nanoUsd: 1000, source: 'provided', priceEntry: null },
    },
  });
  return [root, { ...call, attributes: { ...call.attributes, 'app.note': prompt } }];
}

function usageQuery(project: string): GroupedAnalyticsQuery {
  return {
    projects: [project],
    from: Y2K - 24n * HOUR,
    to: Y2K + 24n * HOUR,
    groupBy: { dimension: 'model' },
    bucket: null,
    rankBy: 'count',
    limit: 10,
    percentiles: false,
  };
}

function records(project: string, times: readonly bigint[]): { logs: LogRecord[]; metrics: MetricPoint[] } {
  const [log] = roundTripLogs(project);
  const [point] = roundTripMetrics(project);
  return {
    logs: times.map((time) => ({ ...log!, timeUnixNano: time, body: `record at ${time}` })),
    metrics: times.map((time) => ({ ...point!, timeUnixNano: time })),
  };
}

export function removalSection(context: ContractContext): void {
  describe('deleting traces', () => {
    const kept = agentTrace(DELETION, 1, Y2K, 'kept ocelot');
    const gone = agentTrace(DELETION, 2, Y2K + MS, 'deleted pangolin');

    beforeAll(async () => {
      await context.store.write({ spans: [...kept, ...gone], logs: [], metrics: [] });
      await context.store.addAnnotations({
        project: DELETION,
        annotations: [kept, gone].map((trace) => ({
          traceId: trace[0]!.traceId,
          spanId: null,
          author: 'qa',
          text: `note on ${trace === gone ? 'pangolin' : 'ocelot'}`,
          tags: [],
          score: null,
          source: 'human' as const,
          timeUnixNano: Y2K,
        })),
      });
      await context.store.linkTrace({
        project: DELETION,
        traceId: gone[0]!.traceId,
        correlationId: 'order-1',
      });
    });

    it('removes the traces whole, from every read and aggregate', async () => {
      const before = await context.store.groupedAnalytics(usageQuery(DELETION));
      expect(before.total).toMatchObject({ count: 4, requests: 2, costNanoUsd: 2000 });
      const result = await context.store.deleteTraces({
        project: DELETION,
        traceIds: [gone[0]!.traceId, traceId(0xdead)],
      });
      expect(result).toEqual({ deleted: 1 });
      expect(await context.store.getTrace({ project: DELETION, traceId: gone[0]!.traceId })).toBeNull();
      expect(await context.store.counts({ project: DELETION })).toMatchObject({ traces: 1, spans: 2 });
      const byText = await context.store.findTraces({ project: DELETION, text: 'pangolin', limit: 10 });
      expect(byText.traces).toEqual([]);
      const byModel = await context.store.findTraces({ project: DELETION, model: 'gpt-4o', limit: 10 });
      expect(byModel.traces.map((trace) => trace.traceId)).toEqual([kept[0]!.traceId]);
      expect(
        (await context.store.searchText({ project: DELETION, text: 'pangolin', limit: 10 })).spans,
      ).toEqual([]);
      const after = await context.store.groupedAnalytics(usageQuery(DELETION));
      expect(after.total).toMatchObject({ count: 2, requests: 1, costNanoUsd: 1000 });
      const notes = await context.store.findAnnotations({ project: DELETION, limit: 10 });
      expect(notes.annotations.map((note) => note.traceId)).toEqual([kept[0]!.traceId]);
      expect(
        (await context.store.searchText({ project: DELETION, text: 'pangolin', limit: 10 })).annotations,
      ).toEqual([]);
      expect(
        await context.store.getTraceLinks({ project: DELETION, traceId: gone[0]!.traceId }),
      ).toMatchObject({
        correlationId: null,
      });
    });

    it('ignores other projects and unknown ids', async () => {
      expect(
        await context.store.deleteTraces({ project: 'removal-elsewhere', traceIds: [kept[0]!.traceId] }),
      ).toEqual({
        deleted: 0,
      });
      expect(await context.store.getTrace({ project: DELETION, traceId: kept[0]!.traceId })).not.toBeNull();
    });

    it('stores a deleted trace anew when its spans come again', async () => {
      expect((await context.store.write({ spans: gone, logs: [], metrics: [] })).spansWritten).toBe(2);
      const again = await context.store.findTraces({ project: DELETION, text: 'pangolin', limit: 10 });
      expect(again.traces.map((trace) => trace.traceId)).toEqual([gone[0]!.traceId]);
      const usage = await context.store.groupedAnalytics(usageQuery(DELETION));
      expect(usage.total).toMatchObject({ count: 4, requests: 2, costNanoUsd: 2000 });
    });
  });

  describe('retention by age', () => {
    const times = [Y2K - 3n * HOUR, Y2K - 2n * HOUR, Y2K - HOUR, Y2K + HOUR];

    beforeAll(async () => {
      const spans = times.flatMap((time, n) => agentTrace(RETENTION, 0x100 + n, time, `note ${n}`));
      await context.store.write({ spans, ...records(RETENTION, times) });
    });

    it('names the oldest trace starts', async () => {
      expect(await context.store.oldestTraceStart(1)).toBe(times[0]);
      expect(await context.store.oldestTraceStart(2)).toBe(times[1]);
    });

    it('removes what is older than the cutoff, a limited chunk at a time', async () => {
      const first = await context.store.removeOlderThan({ before: Y2K, limit: 2 });
      expect(first).toMatchObject({ traces: 2, spans: 4, logs: 2, metrics: 2, done: false });
      const second = await context.store.removeOlderThan({ before: Y2K, limit: 2 });
      expect(second).toMatchObject({ traces: 1, spans: 2, logs: 1, metrics: 1, done: true });
      expect(await context.store.counts({ project: RETENTION })).toEqual({
        traces: 1,
        spans: 2,
        logs: 1,
        metrics: 1,
      });
      const left = await context.store.findTraces({ project: RETENTION, limit: 10 });
      expect(left.traces.map((trace) => trace.startTimeUnixNano)).toEqual([Y2K + HOUR]);
      expect(
        (await context.store.findLogs({ project: RETENTION, limit: 10 })).map((log) => log.timeUnixNano),
      ).toEqual([Y2K + HOUR]);
      const usage = await context.store.groupedAnalytics(usageQuery(RETENTION));
      expect(usage.total).toMatchObject({ count: 2, requests: 1 });
      expect(await context.store.removeOlderThan({ before: Y2K, limit: 2 })).toMatchObject({
        traces: 0,
        done: true,
      });
    });
  });

  describe('stored size', () => {
    it('is known for a backend on disk', async () => {
      const bytes = await context.store.storedBytes();
      if (has(context.backend, 'durability')) expect(bytes).toBeGreaterThan(0);
      else expect(bytes).toBeNull();
    });
  });
}
