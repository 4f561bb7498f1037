import type { Span } from '@sextant/core';
import {
  ANALYTICS_LIMITS,
  type DependencyEdge,
  RETRY_ATTRIBUTE,
  type ServiceDependencies,
  type SpanScan,
  type TimeWindow,
} from '../analytics.js';
import { isInWindow } from './analytics-window.js';

/** What decides a trace's place in a scan: newest first by start, then trace id, then project. */
export interface ScanPosition {
  project: string;
  traceId: string;
  startTimeUnixNano: bigint;
  spanCount: number;
}

/** The order a scan reads traces in (see `SpanScan`); the SQL backends sort the same way. */
export function compareScanOrder(a: ScanPosition, b: ScanPosition): number {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano > b.startTimeUnixNano ? -1 : 1;
  if (a.traceId !== b.traceId) return a.traceId > b.traceId ? -1 : 1;
  return a.project === b.project ? 0 : a.project > b.project ? -1 : 1;
}

/**
 * The traces a scan reads, from the window's traces in scan order: whole traces, until the next
 * one would pass `ANALYTICS_LIMITS.maxScannedSpans`.
 */
export function tracesWithinBudget<T extends ScanPosition>(
  inScanOrder: Iterable<T>,
): { traces: T[]; scan: SpanScan } {
  const traces: T[] = [];
  let spansRead = 0;
  let complete = true;
  for (const trace of inScanOrder) {
    if (spansRead + trace.spanCount > ANALYTICS_LIMITS.maxScannedSpans) {
      complete = false;
      break;
    }
    traces.push(trace);
    spansRead += trace.spanCount;
  }
  return { traces, scan: { tracesRead: traces.length, spansRead, complete } };
}

/** Spans that start in the window, from the scanned traces. */
export function* spansInWindow(traces: Iterable<readonly Span[]>, window: TimeWindow): Iterable<Span> {
  for (const spans of traces) {
    for (const span of spans) if (isInWindow(span.startTimeUnixNano, window)) yield span;
  }
}

export interface SpanChecks {
  retries: number;
  guardrailChecks: number;
  guardrailFailures: number;
}

/** Retries (`RETRY_ATTRIBUTE` ≥ 1) and guardrail spans, with those that failed (error status). */
export function countSpanChecks(spans: Iterable<Span>): SpanChecks {
  const checks: SpanChecks = { retries: 0, guardrailChecks: 0, guardrailFailures: 0 };
  for (const span of spans) {
    if (isRetry(span)) checks.retries++;
    if (span.llm.spanType === 'guardrail') {
      checks.guardrailChecks++;
      if (span.status.code === 2) checks.guardrailFailures++;
    }
  }
  return checks;
}

export function isRetry(span: Span): boolean {
  const resends = span.attributes[RETRY_ATTRIBUTE];
  return (typeof resends === 'bigint' && resends >= 1n) || (typeof resends === 'number' && resends >= 1);
}

/**
 * The calls between services among the spans of these traces that start in the window: each span
 * whose parent span, in the same trace, is of another service.
 */
export function edgesOfSpans(traces: Iterable<readonly Span[]>, window: TimeWindow): DependencyEdge[] {
  const edges = new Map<string, DependencyEdge>();
  for (const spans of traces) {
    const serviceOf = new Map<string, string>();
    for (const span of spans) serviceOf.set(span.spanId, span.service);
    for (const span of spans) {
      const parent = serviceOf.get(span.parentSpanId);
      if (parent === undefined || parent === span.service || !isInWindow(span.startTimeUnixNano, window)) {
        continue;
      }
      const key = `${parent}\n${span.service}`;
      let edge = edges.get(key);
      if (edge === undefined) {
        edge = { parent, child: span.service, calls: 0, errors: 0 };
        edges.set(key, edge);
      }
      edge.calls++;
      if (span.status.code === 2) edge.errors++;
    }
  }
  return [...edges.values()];
}

/** The dependency graph: most calls first, ties by parent then child, the first `limit` edges. */
export function dependenciesOf(
  window: TimeWindow,
  edges: DependencyEdge[],
  limit: number,
  scan: SpanScan,
): ServiceDependencies {
  const sorted = edges.sort(
    (a, b) => b.calls - a.calls || compareText(a.parent, b.parent) || compareText(a.child, b.child),
  );
  return { window, edges: sorted.slice(0, limit), edgeCount: sorted.length, scan };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
