import { LatencySketch } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsGroup, GroupedAnalyticsQuery } from '../../../src/index.js';
import { analyticsSpans, SECOND, T0 } from '../fixtures/analytics-traces.js';
import { type ContractContext, spansOnly } from './context.js';

const PROJECT = 'analytics-spans';
const OTHER = 'analytics-spans-b';
const MINUTE = 60n * SECOND;

/** The fixture's window, given off the minute: the store widens it to [T0, T0 + 3 min). */
function query(fields: Partial<GroupedAnalyticsQuery>): GroupedAnalyticsQuery {
  return {
    projects: [PROJECT],
    from: T0 + 5n * SECOND,
    to: T0 + 179n * SECOND,
    groupBy: null,
    bucket: null,
    rankBy: 'count',
    limit: 10,
    percentiles: false,
    ...fields,
  };
}

/** Group keys with their counts, in the order answered. */
function counts(groups: AnalyticsGroup[]): [string, number][] {
  return groups.map((group) => [group.key, group.measures.count]);
}

function expectWithinSketchAccuracy(actual: number | undefined, exact: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(exact * LatencySketch.RELATIVE_ACCURACY);
}

/**
 * Span analytics: the spans that start in the window (the span of trace E included, though E
 * starts before it), by span dimension or attribute, in buckets, with the top groups and the rest.
 */
export function analyticsSpansSection(context: ContractContext): void {
  describe('analytics over spans', () => {
    beforeAll(async () => {
      const spans = analyticsSpans(PROJECT, OTHER);
      // In two batches, the second repeating part of the first: a span counts once.
      await context.store.write(spansOnly(spans.slice(0, 8)));
      await context.store.write(spansOnly(spans.slice(4)));
    });

    it('sums every span of the window, tokens and cost over llm and embedding spans only', async () => {
      const result = await context.store.groupedAnalytics(query({}));
      expect(result.window).toEqual({ from: T0, to: T0 + 3n * MINUTE });
      expect(result.subject).toBe('spans');
      expect(result.groupCount).toBe(1);
      expect(result.other).toBeNull();
      expect(result.scan).toBeNull();
      expect(result.total).toEqual({
        count: 10,
        errors: 2,
        errorRate: 0.2,
        spans: 10,
        requests: 5,
        tokens: { input: 191, output: 36, cacheRead: 40, cacheWrite: 10, reasoning: 0, total: 227 },
        costNanoUsd: 4810,
        latency: { avgNano: 935_000_000, minNano: 50_000_000, maxNano: 4_000_000_000, percentiles: null },
      });
      expect(result.groups).toEqual([{ key: '', measures: result.total, series: null }]);
    });

    it('groups by model, ranks by cost, and sums the groups past the limit into other', async () => {
      const result = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'model' }, rankBy: 'cost', limit: 2 }),
      );
      expect(counts(result.groups)).toEqual([
        ['gpt-4o-2024', 3],
        ['claude-3', 1],
      ]);
      expect(result.groups[0]!.measures).toMatchObject({
        errors: 0,
        requests: 3,
        tokens: { input: 111, output: 26, cacheRead: 40, cacheWrite: 0, reasoning: 0, total: 137 },
        costNanoUsd: 3210,
      });
      expect(result.groupCount).toBe(4);
      expect(result.other?.measures).toMatchObject({ count: 6, errors: 2, requests: 1, costNanoUsd: 100 });
      expect(result.total.count).toBe(10);
    });

    it.each([
      [
        'provider',
        [
          ['', 5],
          ['openai', 4],
          ['anthropic', 1],
        ],
      ],
      [
        'service',
        [
          ['agent', 7],
          ['gateway', 2],
          ['tools', 1],
        ],
      ],
      [
        'span_name',
        [
          ['chat gpt-4o', 2],
          ['run agent', 2],
          ['chat claude', 1],
          ['check output', 1],
          ['embed', 1],
          ['guard', 1],
          ['late call', 1],
          ['search', 1],
        ],
      ],
      [
        'span_type',
        [
          ['llm', 4],
          ['agent', 2],
          ['guardrail', 2],
          ['embedding', 1],
          ['tool', 1],
        ],
      ],
      [
        'api_key_hash',
        [
          ['', 7],
          ['k1', 2],
          ['k2', 1],
        ],
      ],
      ['project', [[PROJECT, 10]]],
    ] as const)('groups spans by %s, most spans first', async (dimension, expected) => {
      const result = await context.store.groupedAnalytics(query({ groupBy: { dimension } }));
      expect(counts(result.groups)).toEqual(expected);
    });

    it('groups several projects by project', async () => {
      const result = await context.store.groupedAnalytics(
        query({ projects: [PROJECT, OTHER], groupBy: { dimension: 'project' } }),
      );
      expect(counts(result.groups)).toEqual([
        [PROJECT, 10],
        [OTHER, 2],
      ]);
      expect(result.total.costNanoUsd).toBe(4860);
    });

    it('series: buckets by span start, only buckets with spans', async () => {
      const result = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'model' }, bucket: 'minute', rankBy: 'cost', limit: 1 }),
      );
      const gpt = result.groups[0]!;
      expect(gpt.key).toBe('gpt-4o-2024');
      expect(
        gpt.series?.map((point) => [point.start, point.measures.count, point.measures.costNanoUsd]),
      ).toEqual([
        [T0, 2, 3010],
        [T0 + 2n * MINUTE, 1, 200],
      ]);
      expect(result.other?.series?.map((point) => [point.start, point.measures.count])).toEqual([
        [T0, 3],
        [T0 + MINUTE, 4],
      ]);
      const hourly = await context.store.groupedAnalytics(query({ bucket: 'hour' }));
      const hour = T0 - (T0 % (60n * MINUTE));
      expect(hourly.groups[0]!.series?.map((point) => [point.start, point.measures.count])).toEqual([
        [hour, 10],
      ]);
    });

    it('latency: average, bounds and percentiles from the latency sketch', async () => {
      const result = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'service' }, percentiles: true }),
      );
      const [agent, gateway, tools] = result.groups;
      // The first rank is the exact minimum and the last the exact maximum.
      expect(gateway!.measures.latency).toEqual({
        avgNano: 650_000_000,
        minNano: 100_000_000,
        maxNano: 1_200_000_000,
        percentiles: {
          p50Nano: 100_000_000,
          p90Nano: 1_200_000_000,
          p95Nano: 1_200_000_000,
          p99Nano: 1_200_000_000,
        },
      });
      expect(tools!.measures.latency.percentiles).toEqual({
        p50Nano: 500_000_000,
        p90Nano: 500_000_000,
        p95Nano: 500_000_000,
        p99Nano: 500_000_000,
      });
      // agent: 50 ms, 100 ms, 100 ms, 300 ms, 1 s, 2 s, 4 s.
      const agentLatency = agent!.measures.latency;
      expect(agentLatency.avgNano).toBeCloseTo(7_550_000_000 / 7, 3);
      expectWithinSketchAccuracy(agentLatency.percentiles?.p50Nano, 300_000_000);
      expect(agentLatency.percentiles?.p90Nano).toBe(4_000_000_000);
      expectWithinSketchAccuracy(result.total.latency.percentiles?.p50Nano, 300_000_000);
      expect(result.total.latency.percentiles?.p99Nano).toBe(4_000_000_000);
    });

    it('errors: counts and rates per group', async () => {
      const result = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'span_type' }, rankBy: 'errors', limit: 2 }),
      );
      expect(
        result.groups.map((group) => [group.key, group.measures.errors, group.measures.errorRate]),
      ).toEqual([
        ['guardrail', 1, 0.5],
        ['tool', 1, 1],
      ]);
      expect(result.other?.measures).toMatchObject({ count: 7, errors: 0, errorRate: 0 });
    });

    it('filters by service and by span type', async () => {
      const operations = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'span_name' }, service: 'gateway' }),
      );
      expect(counts(operations.groups)).toEqual([
        ['chat claude', 1],
        ['embed', 1],
      ]);
      const llm = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'model' }, spanType: 'llm' }),
      );
      expect(counts(llm.groups)).toEqual([
        ['gpt-4o-2024', 3],
        ['claude-3', 1],
      ]);
    });

    it('groups by any attribute, span before resource, reading the spans of traces in the window', async () => {
      const result = await context.store.groupedAnalytics(
        query({ groupBy: { dimension: 'attribute', key: 'tier' }, rankBy: 'cost' }),
      );
      expect(
        result.groups.map((group) => [group.key, group.measures.count, group.measures.costNanoUsd]),
      ).toEqual([
        ['gold', 1, 3000],
        ['silver', 1, 1500],
        ['3', 1, 200],
        ['bronze', 1, 100],
        ['', 5, 0],
      ]);
      // Trace E starts before the window: its span in the window is not read.
      expect(result.scan).toEqual({ tracesRead: 3, spansRead: 9, complete: true });
      expect(result.total.count).toBe(9);
    });

    it('lists services with their span and trace figures', async () => {
      const result = await context.store.services({
        projects: [PROJECT],
        from: T0,
        to: T0 + 3n * MINUTE,
        limit: 2,
      });
      expect(result.serviceCount).toBe(3);
      expect(result.services).toHaveLength(2);
      expect(result.services[0]).toMatchObject({ service: 'agent', spans: 7, traces: 3, errors: 1 });
      expect(result.services[0]!.errorRate).toBeCloseTo(1 / 7, 12);
      expect(result.services[0]!.avgDurationNano).toBeCloseTo(7_550_000_000 / 7, 3);
      expect(result.services[1]).toEqual({
        service: 'gateway',
        spans: 2,
        traces: 1,
        errors: 0,
        errorRate: 0,
        avgDurationNano: 650_000_000,
      });
    });

    it('finds the calls between services', async () => {
      const result = await context.store.serviceDependencies({
        projects: [PROJECT],
        from: T0,
        to: T0 + 3n * MINUTE,
        limit: 10,
      });
      expect(result.edges).toEqual([
        { parent: 'agent', child: 'gateway', calls: 2, errors: 0 },
        { parent: 'agent', child: 'tools', calls: 1, errors: 1 },
      ]);
      expect(result.edgeCount).toBe(2);
      expect(result.scan).toEqual({ tracesRead: 3, spansRead: 9, complete: true });
    });

    it('answers nothing for a window without spans', async () => {
      const result = await context.store.groupedAnalytics(
        query({
          from: T0 - 60n * MINUTE,
          to: T0 - 59n * MINUTE,
          groupBy: { dimension: 'model' },
          percentiles: true,
        }),
      );
      expect(result.groups).toEqual([]);
      expect(result.groupCount).toBe(0);
      expect(result.total).toMatchObject({
        count: 0,
        errorRate: null,
        latency: { avgNano: null, minNano: null, maxNano: null, percentiles: null },
      });
    });
  });
}
