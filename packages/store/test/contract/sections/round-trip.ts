import type { Span } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  everyAttributeType,
  roundTripLogs,
  roundTripMetrics,
  roundTripSpans,
} from '../fixtures/round-trip.js';
import { EPOCH, makeSpan, resourceOf, spanId, TEST_SCOPE, traceId } from '../fixtures/span-builder.js';
import { type ContractContext, spansOnly } from './context.js';

function byId(ids: readonly string[]): (a: Span, b: Span) => number {
  return (a, b) => ids.indexOf(a.spanId) - ids.indexOf(b.spanId);
}

/** Everything written reads back exactly. */
export function roundTripSection(context: ContractContext): void {
  describe('round trip', () => {
    const spans = roundTripSpans('round-trip');
    const logs = roundTripLogs('round-trip');
    const metrics = roundTripMetrics('round-trip');

    beforeAll(async () => {
      const result = await context.store.write({ spans, logs, metrics });
      expect(result).toEqual({
        spansWritten: spans.length,
        logsWritten: logs.length,
        metricsWritten: metrics.length,
      });
    });

    it('reads every span back exactly, ordered by start time then span id', async () => {
      const stored = await context.store.getTrace({ project: 'round-trip', traceId: spans[0]!.traceId });
      const order = [3, 4, 5, 6, 1, 2, 0x14].map(spanId);
      expect(stored?.spans.map((span) => span.spanId)).toEqual(order);
      expect(stored?.spans).toEqual([...spans].sort(byId(order)));
    });

    it('keeps the type of every attribute value', async () => {
      const stored = await context.store.getTrace({ project: 'round-trip', traceId: spans[0]!.traceId });
      const attributes = stored!.spans.find((span) => span.spanId === spanId(1))!.attributes;
      expect(Object.keys(attributes)).toEqual(
        Object.keys(spans.find((span) => span.spanId === spanId(1))!.attributes),
      );
      expect(attributes['double.whole']).toBe(1);
      expect(attributes['int.one']).toBe(1n);
      expect(Object.is(attributes['double.negative-zero'], -0)).toBe(true);
      expect(attributes['int.beyond-doubles']).toBe(9_007_199_254_740_993n);
      expect(Object.getPrototypeOf(attributes.bytes)).toBe(Uint8Array.prototype);
      expect(attributes['string.long']).toBe(everyAttributeType()['string.long']);
    });

    it('reads logs back exactly, oldest first', async () => {
      expect(await context.store.findLogs({ project: 'round-trip', limit: 100 })).toEqual(logs);
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
      expect(await context.store.findMetrics({ project: 'round-trip', limit: 100 })).toEqual(expected);
    });

    it('counts what the project holds', async () => {
      expect(await context.store.counts({ project: 'round-trip' })).toEqual({
        traces: 1,
        spans: spans.length,
        logs: logs.length,
        metrics: metrics.length,
      });
    });

    it('answers null for a trace the project does not have', async () => {
      expect(await context.store.getTrace({ project: 'round-trip', traceId: traceId(0xfff) })).toBeNull();
      expect(await context.store.getTrace({ project: 'elsewhere', traceId: spans[0]!.traceId })).toBeNull();
    });
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
    await context.store.write(spansOnly(spans));
    const stored = await context.store.getTrace({ project: 'shared-resource', traceId: traceId(0x8000) });
    expect(stored?.spans).toHaveLength(10);
    for (const span of stored?.spans ?? []) {
      expect(span.resource).toEqual(resource);
      expect(span.scope).toEqual(TEST_SCOPE);
    }
  });
}
