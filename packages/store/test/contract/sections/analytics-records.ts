import { beforeAll, describe, expect, it } from 'vitest';
import { roundTripLogs, roundTripMetrics } from '../fixtures/round-trip.js';
import { EPOCH } from '../fixtures/span-builder.js';
import type { ContractContext } from './context.js';

const PROJECT = 'analytics-records';
const MINUTE = 60_000_000_000n;

/** Log records by severity and metric points by name, in a window. */
export function analyticsRecordsSection(context: ContractContext): void {
  describe('analytics over logs and metric points', () => {
    beforeAll(async () => {
      // Ten records of severities 1 to 10 and eight points of eight names, all within 10 ms of EPOCH.
      await context.store.write({
        spans: [],
        logs: roundTripLogs(PROJECT),
        metrics: roundTripMetrics(PROJECT),
      });
    });

    it('counts logs per severity level and points per metric name', async () => {
      const counts = await context.store.recordCounts({
        projects: [PROJECT],
        from: EPOCH,
        to: EPOCH + 1n,
        limit: 3,
      });
      expect(counts).toEqual({
        window: { from: EPOCH - (EPOCH % MINUTE), to: EPOCH - (EPOCH % MINUTE) + MINUTE },
        logs: 10,
        logsBySeverity: { unspecified: 0, trace: 4, debug: 4, info: 2, warn: 0, error: 0, fatal: 0 },
        metricPoints: 8,
        metrics: [
          { name: 'exponential', points: 1 },
          { name: 'gauge.double', points: 1 },
          { name: 'gauge.int', points: 1 },
        ],
        metricNameCount: 8,
      });
    });

    it('counts nothing outside the window', async () => {
      const counts = await context.store.recordCounts({
        projects: [PROJECT],
        from: EPOCH + MINUTE,
        to: EPOCH + 2n * MINUTE,
        limit: 3,
      });
      expect(counts).toMatchObject({ logs: 0, metricPoints: 0, metrics: [], metricNameCount: 0 });
    });
  });
}
