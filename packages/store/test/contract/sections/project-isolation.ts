import type { Span } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundTripLogs, roundTripMetrics } from '../fixtures/round-trip.js';
import { EPOCH, makeSpan, spanId, traceId } from '../fixtures/span-builder.js';
import type { ContractContext } from './context.js';

/** Every read sees only its own project. */
export function projectIsolationSection(context: ContractContext): void {
  describe('project isolation', () => {
    const shared = traceId(0x7777);
    const inProject = (project: string, name: string): Span =>
      makeSpan({
        project,
        traceId: shared,
        spanId: spanId(1),
        name,
        service: name,
        start: EPOCH,
        duration: 1n,
      });

    beforeAll(async () => {
      await context.store.write({
        spans: [inProject('tenant-a', 'a'), inProject('tenant-b', 'b')],
        logs: roundTripLogs('tenant-a').slice(0, 3),
        metrics: roundTripMetrics('tenant-b').slice(0, 2),
      });
    });

    it('keeps the same ids apart in each project', async () => {
      expect((await context.store.getTrace({ project: 'tenant-a', traceId: shared }))?.spans).toEqual([
        inProject('tenant-a', 'a'),
      ]);
      expect((await context.store.getTrace({ project: 'tenant-b', traceId: shared }))?.spans).toEqual([
        inProject('tenant-b', 'b'),
      ]);
      expect(
        (await context.store.findTraces({ project: 'tenant-b', service: 'a', limit: 10 })).traces,
      ).toEqual([]);
      expect(
        (await context.store.findTraces({ project: 'tenant-b', limit: 10 })).traces.map((t) => t.rootName),
      ).toEqual(['b']);
    });

    it('scopes logs, metric points and counts', async () => {
      expect(await context.store.findLogs({ project: 'tenant-b', limit: 10 })).toEqual([]);
      expect(await context.store.findMetrics({ project: 'tenant-a', limit: 10 })).toEqual([]);
      expect(await context.store.counts({ project: 'tenant-a' })).toEqual({
        traces: 1,
        spans: 1,
        logs: 3,
        metrics: 0,
      });
      expect(await context.store.counts({ project: 'tenant-b' })).toEqual({
        traces: 1,
        spans: 1,
        logs: 0,
        metrics: 2,
      });
    });
  });
}
