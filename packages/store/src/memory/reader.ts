import {
  type LogRecord,
  logSearchText,
  type MetricPoint,
  parseTextQuery,
  type Span,
  textMatchesQuery,
  textTokens,
} from '@sextant/core';
import { attributeText } from '../query/attribute-conditions.js';
import { pageLimit } from '../query/page-limit.js';
import { spanMeetsConditions } from '../query/span-conditions.js';
import {
  type AnySpanConditions,
  anySpanConditionsOf,
  rollupMeetsConditions,
  spansMeetAnySpanConditions,
} from '../query/trace-conditions.js';
import { compareNewestFirst, isAfterCursor } from '../query/trace-order.js';
import { pageOf } from '../query/trace-page.js';
import { rollupKey, summarizeRollup } from '../rollup/trace-rollup.js';
import {
  type LogQuery,
  MAX_LOG_PAGE,
  MAX_METRIC_PAGE,
  MAX_TRACE_PAGE,
  type MetricAttributeCondition,
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
  const anySpan = anySpanConditionsOf(query);
  const matches: TraceEntry[] = [];
  for (const entry of state.traces.values()) {
    if (entryMatches(entry, query, anySpan)) matches.push(entry);
  }
  const rollups = matches.map((entry) => entry.rollup).sort(compareNewestFirst);
  return pageOf(rollups.slice(0, limit + 1).map(summarizeRollup), limit);
}

function entryMatches(entry: TraceEntry, query: TraceQuery, anySpan: AnySpanConditions): boolean {
  const rollup = entry.rollup;
  if (rollup.project !== query.project || !rollupMeetsConditions(rollup, query)) return false;
  if (query.after !== undefined && !isAfterCursor(rollup, query.after)) return false;
  const spans = [...entry.spans.values()];
  return spans.some((span) => spanMeetsConditions(span, query)) && spansMeetAnySpanConditions(spans, anySpan);
}

export function findMemoryLogs(state: MemoryState, query: LogQuery): LogRecord[] {
  const text = query.text === undefined ? undefined : parseTextQuery(query.text);
  const matches: LogRecord[] = [];
  for (const log of state.logs) {
    if (
      log.project === query.project &&
      (query.traceId === undefined || log.traceId === query.traceId) &&
      (query.service === undefined || log.service === query.service) &&
      (query.severityMin === undefined || log.severityNumber >= query.severityMin) &&
      (text === undefined || textMatchesQuery(textTokens(logSearchText(log)), text)) &&
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
      (query.attributes === undefined ||
        query.attributes.every((condition) => pointMeets(point, condition))) &&
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

function pointMeets(point: MetricPoint, { key, value }: MetricAttributeCondition): boolean {
  for (const attributes of [point.attributes, point.resource.attributes]) {
    if (Object.hasOwn(attributes, key) && attributeText(attributes[key]!) === value) return true;
  }
  return false;
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
