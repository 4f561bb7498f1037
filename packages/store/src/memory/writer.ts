import type { Span } from '@sextant/core';
import { addSpanToRollup, rollupKey, rollupOfSpan } from '../rollup/trace-rollup.js';
import type { WriteBatch, WriteResult } from '../store.js';
import type { MemoryState } from './state.js';

/**
 * Adds a batch to a state whose expired items are already evicted. Nothing in here can fail
 * half-way, which is what makes the write atomic. A trace evicted earlier starts afresh if its
 * spans come again: a ring buffer forgets.
 */
export function writeToMemory(state: MemoryState, batch: WriteBatch): WriteResult {
  const now = state.now();
  let spansWritten = 0;
  for (const span of batch.spans) {
    if (addSpan(state, span, now)) spansWritten++;
  }
  for (const log of batch.logs) state.logs.push(log, now);
  for (const point of batch.metrics) state.metrics.push(point, now);
  state.evict();
  return { spansWritten, logsWritten: batch.logs.length, metricsWritten: batch.metrics.length };
}

/** Whether the span was new and kept. */
function addSpan(state: MemoryState, span: Span, now: number): boolean {
  const key = rollupKey(span.project, span.traceId);
  const entry = state.traces.get(key);
  if (entry?.spans.has(span.spanId)) return false;
  if ((entry?.spans.size ?? 0) >= state.maxSpansPerTrace) {
    state.droppedSpans++;
    return false;
  }
  if (entry === undefined) {
    state.traces.set(key, {
      rollup: rollupOfSpan(span),
      spans: new Map([[span.spanId, span]]),
      insertedAt: now,
    });
  } else {
    entry.spans.set(span.spanId, span);
    addSpanToRollup(entry.rollup, span);
  }
  return true;
}
