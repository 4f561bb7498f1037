import type { LogRecord, MetricPoint, Span } from '@sextant/core';
import { pageLimit } from '../query/page-limit.js';
import { spanMeetsConditions } from '../query/span-conditions.js';
import { compareNewestFirst, isAfterCursor } from '../query/trace-order.js';
import { pageOf } from '../query/trace-page.js';
import { rollupKey, rollupStatus, summarizeRollup } from '../rollup/trace-rollup.js';
import {
  type LogQuery,
  MAX_LOG_PAGE,
  MAX_METRIC_PAGE,
  MAX_TRACE_PAGE,
  type MetricQuery,
  type StoreCounts,
  type StoredTrace,
  type TracePage,
  type TraceQuery,
} from '../store.js';
import type { MemoryState, TraceEntry } from './state.js';

export function readMemoryTrace(state: MemoryState, project: string, traceId: string): StoredTrace | null {
  const entry = state.traces.get(rollupKey(project, traceId));
  if (entry === undefined) return null;
  return { summary: summarizeRollup(entry.rollup), spans: [...entry.spans.values()].sort(compareSpans) };
}

function compareSpans(a: Span, b: Span): number {
  return compareBigints(a.startTimeUnixNano, b.startTimeUnixNano) || compareStrings(a.spanId, b.spanId);
}

export function findMemoryTraces(state: MemoryState, query: TraceQuery): TracePage {
  const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
  const matches: TraceEntry[] = [];
  for (const entry of state.traces.values()) {
    if (entryMatches(entry, query)) matches.push(entry);
  }
  const rollups = matches.map((entry) => entry.rollup).sort(compareNewestFirst);
  return pageOf(rollups.slice(0, limit + 1).map(summarizeRollup), limit);
}

function entryMatches(entry: TraceEntry, query: TraceQuery): boolean {
  const rollup = entry.rollup;
  if (rollup.project !== query.project) return false;
  if (query.status !== undefined && rollupStatus(rollup) !== query.status) return false;
  if (query.after !== undefined && !isAfterCursor(rollup, query.after)) return false;
  for (const span of entry.spans.values()) {
    if (spanMeetsConditions(span, query)) return true;
  }
  return false;
}

export function findMemoryLogs(state: MemoryState, query: LogQuery): LogRecord[] {
  const matches: LogRecord[] = [];
  for (const log of state.logs) {
    if (
      log.project === query.project &&
      (query.traceId === undefined || log.traceId === query.traceId) &&
      (query.service === undefined || log.service === query.service) &&
      isWithin(log.timeUnixNano, query.startTimeMin, query.startTimeMax)
    ) {
      matches.push(log);
    }
  }
  // Stable: records with equal times keep their insertion order, as the SQL backends do by row id.
  matches.sort(
    (a, b) =>
      compareBigints(a.timeUnixNano, b.timeUnixNano) ||
      compareBigints(a.observedTimeUnixNano, b.observedTimeUnixNano),
  );
  return matches.slice(0, pageLimit(query.limit, MAX_LOG_PAGE));
}

export function findMemoryMetrics(state: MemoryState, query: MetricQuery): MetricPoint[] {
  const matches: MetricPoint[] = [];
  for (const point of state.metrics) {
    if (
      point.project === query.project &&
      (query.name === undefined || point.name === query.name) &&
      (query.service === undefined || point.service === query.service) &&
      (query.type === undefined || point.type === query.type) &&
      isWithin(point.timeUnixNano, query.startTimeMin, query.startTimeMax)
    ) {
      matches.push(point);
    }
  }
  matches.sort((a, b) => compareBigints(a.timeUnixNano, b.timeUnixNano) || compareStrings(a.name, b.name));
  return matches.slice(0, pageLimit(query.limit, MAX_METRIC_PAGE));
}

export function countMemory(state: MemoryState, project: string): StoreCounts {
  let traces = 0;
  let spans = 0;
  for (const entry of state.traces.values()) {
    if (entry.rollup.project !== project) continue;
    traces++;
    spans += entry.spans.size;
  }
  let logs = 0;
  for (const log of state.logs) if (log.project === project) logs++;
  let metrics = 0;
  for (const point of state.metrics) if (point.project === project) metrics++;
  return { traces, spans, logs, metrics };
}

function isWithin(time: bigint, min: bigint | undefined, max: bigint | undefined): boolean {
  return (min === undefined || time >= min) && (max === undefined || time <= max);
}

function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
