import type { LogRecord } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { roundTripLogs, roundTripMetrics } from '../fixtures/round-trip.js';
import { EPOCH, traceId } from '../fixtures/span-builder.js';
import type { ContractContext } from './context.js';

/** Logs and metric points are found by each filter, in order. */
export function recordSearchSection(context: ContractContext): void {
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
      await context.store.write({ spans: [], logs: [...logs, ...tied], metrics });
    });

    it.each([
      { name: 'trace id', query: { traceId: traceId(0xabc) }, expected: [0, 3, 6, 9] },
      { name: 'uncorrelated', query: { traceId: '' }, expected: [1, 2, 4, 5, 7, 8] },
      { name: 'service', query: { service: 'worker' }, expected: [5, 6, 7, 8, 9] },
      {
        name: 'time range',
        query: { startTimeMin: EPOCH + 2_000_001n, startTimeMax: EPOCH + 4_000_001n },
        expected: [2, 3, 4],
      },
      {
        name: 'trace id and service',
        query: { traceId: traceId(0xabc), service: 'agent' },
        expected: [0, 3],
      },
      { name: 'limit', query: { limit: 3 }, expected: [0, 1, 2] },
      { name: 'severity', query: { severityMin: 9 }, expected: [8, 9] },
      { name: 'text', query: { text: 'PLAIN' }, expected: [0] },
      { name: 'text in a structured body', query: { text: 'structured' }, expected: [9] },
      { name: 'text in long and nested bodies', query: { text: '"careful assistant"' }, expected: [1, 8] },
      { name: 'text and service', query: { text: '"careful assistant"', service: 'worker' }, expected: [8] },
      { name: 'text nowhere', query: { text: 'absent' }, expected: [] },
    ])('finds logs by $name', async ({ query, expected }) => {
      const found = await context.store.findLogs({ project: 'records', limit: 100, ...query });
      expect(found).toEqual(expected.map((index) => logs[index]));
    });

    it('orders logs of the same time by observed time, then as they came', async () => {
      const found = await context.store.findLogs({ project: 'records-ties', limit: 10 });
      expect(found.map((log) => log.body)).toEqual(['record 1', 'record 2', 'record 3', 'record 0']);
    });

    it.each([
      { name: 'name', query: { name: 'histogram' }, expected: ['histogram'] },
      { name: 'type', query: { type: 'sum' as const }, expected: ['sum.delta', 'sum.monotonic'] },
      { name: 'service', query: { service: 'nobody' }, expected: [] },
      {
        name: 'time range',
        query: { startTimeMin: EPOCH + 3n, startTimeMax: EPOCH + 5n },
        expected: ['sum.delta', 'sum.monotonic', 'histogram', 'histogram.no-sum'],
      },
      { name: 'limit', query: { limit: 2 }, expected: ['gauge.double', 'gauge.int'] },
      {
        name: 'attribute',
        query: { name: 'histogram', attributes: [{ key: 'route', value: '/chat' }] },
        expected: ['histogram'],
      },
      {
        name: 'point and resource attributes',
        query: {
          type: 'sum' as const,
          attributes: [
            { key: 'gen_ai.request.model', value: 'gpt-4o' },
            { key: 'service.name', value: 'agent' },
          ],
        },
        expected: ['sum.delta', 'sum.monotonic'],
      },
      {
        name: 'attribute of no point',
        query: { attributes: [{ key: 'route', value: '/other' }] },
        expected: [],
      },
    ])('finds metric points by $name', async ({ query, expected }) => {
      const found = await context.store.findMetrics({ project: 'records', limit: 100, ...query });
      expect(found).toEqual(expected.map((name) => metrics.find((point) => point.name === name)));
    });
  });
}
