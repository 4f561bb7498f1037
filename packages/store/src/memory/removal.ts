import { rollupKey } from '../rollup/trace-rollup.js';
import type { RemovalResult } from '../store.js';
import type { MemoryState, TraceEntry } from './state.js';

export function deleteMemoryTraces(state: MemoryState, project: string, traceIds: readonly string[]): number {
  let deleted = 0;
  for (const traceId of traceIds) if (state.traces.delete(rollupKey(project, traceId))) deleted++;
  return deleted;
}

/** Retention by age: the oldest traces first, then records older than `before`, `limit` of each. */
export function removeMemoryOlderThan(state: MemoryState, before: bigint, limit: number): RemovalResult {
  const older: [string, TraceEntry][] = [];
  for (const item of state.traces) if (item[1].rollup.startTimeUnixNano < before) older.push(item);
  older.sort((a, b) => (a[1].rollup.startTimeUnixNano < b[1].rollup.startTimeUnixNano ? -1 : 1));
  let spans = 0;
  for (const [key, entry] of older.slice(0, limit)) {
    state.traces.delete(key);
    spans += entry.spans.size;
  }
  const traces = Math.min(older.length, limit);
  const logs = state.logs.removeWhere((log) => log.timeUnixNano < before, limit);
  const metrics = state.metrics.removeWhere((point) => point.timeUnixNano < before, limit);
  return {
    traces,
    spans,
    logs,
    metrics,
    payloads: 0,
    done: older.length <= limit && logs < limit && metrics < limit,
  };
}

export function oldestMemoryTraceStart(state: MemoryState, rank: number): bigint | null {
  const starts = [...state.traces.values()].map((entry) => entry.rollup.startTimeUnixNano);
  starts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return starts[rank - 1] ?? null;
}
