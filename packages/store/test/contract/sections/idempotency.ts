import { describe, expect, it } from 'vitest';
import { agentRunSpans } from '../fixtures/rollup-traces.js';
import { roundTripLogs, roundTripMetrics } from '../fixtures/round-trip.js';
import { type ContractContext, spansOnly } from './context.js';

/** Spans are stored once; logs and points are appended. */
export function idempotencySection(context: ContractContext): void {
  describe('idempotency', () => {
    const spans = agentRunSpans('idempotency');

    it('stores a span once, however often and in whatever batch it comes', async () => {
      expect(await context.store.write(spansOnly([spans[0]!, spans[1]!, spans[0]!]))).toEqual({
        spansWritten: 2,
        logsWritten: 0,
        metricsWritten: 0,
      });
      const before = await context.store.getTrace({ project: 'idempotency', traceId: spans[0]!.traceId });
      expect((await context.store.write(spansOnly([spans[1]!, spans[0]!]))).spansWritten).toBe(0);
      expect(await context.store.getTrace({ project: 'idempotency', traceId: spans[0]!.traceId })).toEqual(
        before,
      );
      expect((await context.store.write(spansOnly(spans))).spansWritten).toBe(spans.length - 2);
      expect((await context.store.counts({ project: 'idempotency' })).spans).toBe(spans.length);
    });

    it('appends logs and metric points every time (they carry no identity)', async () => {
      const logs = roundTripLogs('idempotency').slice(0, 2);
      const metrics = roundTripMetrics('idempotency').slice(0, 1);
      await context.store.write({ spans: [], logs, metrics });
      await context.store.write({ spans: [], logs, metrics });
      expect(await context.store.counts({ project: 'idempotency' })).toMatchObject({ logs: 4, metrics: 2 });
    });
  });
}
