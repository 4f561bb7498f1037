import { SPAN_TYPES as CORE_SPAN_TYPES, TRACE_STATUSES as CORE_TRACE_STATUSES } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../src/api/types.js';
import { rangeFromParams } from '../../src/time/time-range.js';
import { isSortKey, sortTraces } from '../../src/traces/sort-traces.js';
import {
  activeFilterCount,
  filtersOf,
  liveQuery,
  SPAN_TYPES,
  TRACE_STATUSES,
  traceListQuery,
} from '../../src/traces/trace-filters.js';

describe('trace filters', () => {
  it('offers exactly the span types and statuses the server knows', () => {
    expect([...SPAN_TYPES]).toEqual([...CORE_SPAN_TYPES]);
    expect([...TRACE_STATUSES]).toEqual([...CORE_TRACE_STATUSES]);
  });

  it('turns the URL into the API query, under the same names', () => {
    const params = new URLSearchParams(
      'project=prod&service=api&spanType=llm&text=refund&attr=a%3D1&attr=%20&attr=n%3E%3D5&minDuration=2s&status=error&sort=cost&span=x',
    );
    expect(filtersOf(params)).toEqual({
      service: 'api',
      spanType: 'llm',
      text: 'refund',
      attr: ['a=1', 'n>=5'],
      minDuration: '2s',
      status: 'error',
    });
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(
      traceListQuery(
        new URLSearchParams('range=1h&model=gpt-4o'),
        rangeFromParams(new URLSearchParams('range=1h'), now),
      ),
    ).toEqual({
      project: 'default',
      model: 'gpt-4o',
      start: '2026-11-22T11:00:00.000Z',
      end: '2026-11-22T12:00:00.000Z',
    });
    expect(activeFilterCount(params)).toBe(7);
  });

  it('asks the live tail for error spans when the list shows failed traces, without a time range', () => {
    expect(liveQuery(new URLSearchParams('status=error&service=api&range=1h'))).toEqual({
      project: 'default',
      service: 'api',
      hasErrors: 'true',
    });
    expect(liveQuery(new URLSearchParams('status=ok'))).toEqual({ project: 'default' });
  });
});

function summary(traceId: string, fields: { start: number; durationMs: number; cost: number }): TraceSummary {
  return {
    traceId,
    startTimeUnixNano: String(BigInt(fields.start) * 1_000_000n),
    durationNano: String(BigInt(fields.durationMs) * 1_000_000n),
    costNanoUsd: fields.cost,
    spanCount: 1,
    errorCount: 0,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: fields.cost },
  } as TraceSummary;
}

describe('sorting the loaded traces', () => {
  const traces = [
    summary('newest', { start: 3000, durationMs: 50, cost: 10 }),
    summary('middle', { start: 2000, durationMs: 900, cost: 10 }),
    summary('oldest', { start: 1000, durationMs: 50, cost: 30 }),
  ];
  const ids = (sorted: TraceSummary[]) => sorted.map((trace) => trace.traceId);

  it('sorts by a column either way, ties in the API order', () => {
    expect(ids(sortTraces(traces, 'duration', 'desc'))).toEqual(['middle', 'newest', 'oldest']);
    expect(ids(sortTraces(traces, 'duration', 'asc'))).toEqual(['newest', 'oldest', 'middle']);
    expect(ids(sortTraces(traces, 'cost', 'desc'))).toEqual(['oldest', 'newest', 'middle']);
    expect(ids(sortTraces(traces, 'time', 'asc'))).toEqual(['oldest', 'middle', 'newest']);
    expect(ids(traces)).toEqual(['newest', 'middle', 'oldest']);
  });

  it('compares nanosecond times exactly, past 2^53', () => {
    const close = [
      { ...traces[0]!, traceId: 'b', startTimeUnixNano: '1795343702000000001' },
      { ...traces[0]!, traceId: 'a', startTimeUnixNano: '1795343702000000002' },
    ];
    expect(ids(sortTraces(close, 'time', 'desc'))).toEqual(['a', 'b']);
  });

  it('knows its sort keys', () => {
    expect(isSortKey('cost')).toBe(true);
    expect(isSortKey('toString')).toBe(false);
    expect(isSortKey(null)).toBe(false);
  });
});
