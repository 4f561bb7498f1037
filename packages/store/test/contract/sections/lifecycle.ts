import { describe, expect, it } from 'vitest';
import { has, temporaryDirectory } from '../backends.js';
import { roundTripLogs, roundTripMetrics, roundTripSpans } from '../fixtures/round-trip.js';
import { type ContractContext, spansOnly } from './context.js';

/** Closing, and re-opening where the backend keeps data. */
export function lifecycleSection(context: ContractContext): void {
  // A backend that lacks durability opts out: its check is not defined at all.
  const durability = has(context.backend, 'durability') ? describe : null;
  durability?.('durability', () => {
    it('keeps everything across close and re-open', async () => {
      const durable = temporaryDirectory();
      const spans = roundTripSpans('durable');
      const logs = roundTripLogs('durable');
      const metrics = roundTripMetrics('durable');
      const first = await context.backend.open(durable.dir);
      await first.write({ spans, logs, metrics });
      const before = await first.getTrace({ project: 'durable', traceId: spans[0]!.traceId });
      await first.close();
      const second = await context.backend.open(durable.dir);
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
      const closed = await context.backend.open(closing.dir);
      await closed.close();
      const failure = await closed.write(spansOnly([])).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(closed.classifyWriteError(failure)).toBe('connection');
      await expect(closed.counts({ project: 'default' })).rejects.toThrow();
      closing.remove();
    });
  });

  it('names its driver', () => {
    expect(context.store.driver).toBe(context.backend.driver);
  });
}
