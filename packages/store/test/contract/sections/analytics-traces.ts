import { LatencySketch } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ANALYTICS_LIMITS,
  AnalyticsQueryError,
  type GroupedAnalyticsQuery,
  type TraceStats,
} from '../../../src/index.js';
import { analyticsSpans, SECOND, T0 } from '../fixtures/analytics-traces.js';
import { type ContractContext, spansOnly } from './context.js';

const PROJECT = 'analytics-traces';
const MINUTE = 60n * SECOND;
const DAY = 1440n * MINUTE;
const WINDOW = { projects: [PROJECT], from: T0, to: T0 + 3n * MINUTE };

function grouped(fields: Partial<GroupedAnalyticsQuery>): GroupedAnalyticsQuery {
  return {
    ...WINDOW,
    groupBy: null,
    bucket: null,
    rankBy: 'count',
    limit: 10,
    percentiles: false,
    ...fields,
  };
}

/**
 * Trace analytics (the traces that start in the window: A, B and the partial C; not E, which
 * starts before it, nor F after it) and the bounds every analytics read keeps.
 */
export function analyticsTracesSection(context: ContractContext): void {
  describe('analytics over traces', () => {
    beforeAll(async () => {
      await context.store.write(spansOnly(analyticsSpans(PROJECT, `${PROJECT}-b`).reverse()));
    });

    const expectedStats: TraceStats = {
      window: { from: T0, to: T0 + 3n * MINUTE },
      traces: { stored: 3, recorded: 2 },
      statuses: { ok: 1, error: 1, partial: 1 },
      latency: { avgNano: 2_100_000_000, maxNano: 4_000_000_000 },
      spans: 9,
      errors: 2,
      llmCalls: 3,
      toolCalls: 1,
      tokens: { input: 190, output: 35, cacheRead: 40, cacheWrite: 10, reasoning: 0, total: 225 },
      costNanoUsd: 4800,
      retries: 1,
      guardrails: { checks: 2, failures: 1 },
      rootNames: [{ name: 'run agent', traces: 2 }],
      otherRootNameTraces: 1,
    };

    it('counts the traces of the window, their spans, tokens, retries and guardrails', async () => {
      expect(await context.store.traceStats({ ...WINDOW, limit: 1 })).toEqual(expectedStats);
    });

    it('is unchanged when the same spans are written again', async () => {
      const before = await context.store.groupedAnalytics(grouped({ groupBy: { dimension: 'service' } }));
      await context.store.write(spansOnly(analyticsSpans(PROJECT, `${PROJECT}-b`)));
      expect(await context.store.traceStats({ ...WINDOW, limit: 1 })).toEqual(expectedStats);
      expect(await context.store.groupedAnalytics(grouped({ groupBy: { dimension: 'service' } }))).toEqual(
        before,
      );
    });

    it('aggregates traces per root name (flow), with percentiles of trace durations', async () => {
      const result = await context.store.groupedAnalytics(
        grouped({ groupBy: { dimension: 'root_name' }, percentiles: true }),
      );
      expect(result.subject).toBe('traces');
      expect(result.groups).toEqual([
        {
          key: 'run agent',
          measures: {
            count: 2,
            errors: 1,
            errorRate: 0.5,
            spans: 8,
            requests: 2,
            tokens: { input: 180, output: 30, cacheRead: 40, cacheWrite: 10, reasoning: 0, total: 210 },
            costNanoUsd: 4600,
            latency: {
              avgNano: 3_000_000_000,
              minNano: 2_000_000_000,
              maxNano: 4_000_000_000,
              percentiles: {
                p50Nano: 2_000_000_000,
                p90Nano: 4_000_000_000,
                p95Nano: 4_000_000_000,
                p99Nano: 4_000_000_000,
              },
            },
          },
          series: null,
        },
        {
          key: '',
          measures: {
            count: 1,
            errors: 0,
            errorRate: 0,
            spans: 1,
            requests: 1,
            tokens: { input: 10, output: 5, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 15 },
            costNanoUsd: 200,
            latency: {
              avgNano: 300_000_000,
              minNano: 300_000_000,
              maxNano: 300_000_000,
              percentiles: {
                p50Nano: 300_000_000,
                p90Nano: 300_000_000,
                p95Nano: 300_000_000,
                p99Nano: 300_000_000,
              },
            },
          },
          series: null,
        },
      ]);
      expect(result.total).toMatchObject({ count: 3, errors: 1, spans: 9, requests: 3, costNanoUsd: 4800 });
      expect(result.total.latency).toMatchObject({ avgNano: 2_100_000_000, minNano: 300_000_000 });
      const p50 = result.total.latency.percentiles!.p50Nano;
      expect(Math.abs(p50 - 2_000_000_000)).toBeLessThanOrEqual(
        2_000_000_000 * LatencySketch.RELATIVE_ACCURACY,
      );
      expect(result.total.latency.percentiles!.p99Nano).toBe(4_000_000_000);
    });

    it('groups traces by user in buckets of their start, and by session', async () => {
      const byUser = await context.store.groupedAnalytics(
        grouped({ groupBy: { dimension: 'user' }, bucket: 'minute' }),
      );
      expect(byUser.groups.map((group) => [group.key, group.series?.map((point) => point.start)])).toEqual([
        ['', [T0 + 2n * MINUTE]],
        ['u1', [T0]],
        ['u2', [T0 + MINUTE]],
      ]);
      expect(byUser.groups[1]!.measures).toMatchObject({ count: 1, errors: 1, costNanoUsd: 3000 });
      const bySession = await context.store.groupedAnalytics(grouped({ groupBy: { dimension: 'session' } }));
      expect(bySession.groups.map((group) => [group.key, group.measures.count])).toEqual([
        ['', 2],
        ['s1', 1],
      ]);
    });

    const tooLong = { from: T0, to: T0 + 31n * DAY + MINUTE };
    const projects = (count: number) => Array.from({ length: count }, (_, index) => `p${index}`);
    it.each([
      ['an inverted window', grouped({ from: T0 + MINUTE, to: T0 }), 'window'],
      ['an empty window', grouped({ from: T0, to: T0 }), 'window'],
      ['a window over 31 days', grouped(tooLong), 'window'],
      ['a window before the epoch', grouped({ from: -MINUTE }), 'window'],
      ['too many buckets', grouped({ to: T0 + 2n * DAY, bucket: 'minute' }), 'bucket'],
      ['no project', grouped({ projects: [] }), 'projects'],
      ['too many projects', grouped({ projects: projects(ANALYTICS_LIMITS.maxProjects + 1) }), 'projects'],
      ['a project named twice', grouped({ projects: [PROJECT, PROJECT] }), 'projects'],
      ['a zero limit', grouped({ limit: 0 }), 'limit'],
      ['a huge limit', grouped({ limit: ANALYTICS_LIMITS.maxGroups + 1 }), 'limit'],
      ['a fractional limit', grouped({ limit: 1.5 }), 'limit'],
      ['an attribute without key', grouped({ groupBy: { dimension: 'attribute', key: '' } }), 'groupBy'],
      [
        'a span filter on trace groups',
        grouped({ groupBy: { dimension: 'user' }, service: 'agent' }),
        'filter',
      ],
    ] as const)('refuses %s', async (_why, query, field) => {
      await expect(context.store.groupedAnalytics(query)).rejects.toSatisfy(
        (error) => error instanceof AnalyticsQueryError && error.field === field,
      );
    });

    it('refuses unbounded stats, service and dependency reads', async () => {
      // Each read starts only when awaited: a rejection nobody awaits yet would go unhandled.
      for (const read of [
        () => context.store.traceStats({ ...WINDOW, ...tooLong, limit: 10 }),
        () => context.store.services({ ...WINDOW, from: T0, to: T0 - MINUTE, limit: 10 }),
        () => context.store.serviceDependencies({ ...WINDOW, limit: 0 }),
      ]) {
        await expect(read()).rejects.toBeInstanceOf(AnalyticsQueryError);
      }
    });

    it('takes the longest window and the most buckets allowed', async () => {
      const month = await context.store.groupedAnalytics(grouped({ to: T0 + 31n * DAY, bucket: 'hour' }));
      expect(month.total.count).toBe(11);
      const day = await context.store.groupedAnalytics(grouped({ to: T0 + DAY, bucket: 'minute' }));
      expect(day.groups[0]!.series).toHaveLength(4);
    });
  });
}
