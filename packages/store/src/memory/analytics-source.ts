import type { Span } from '@sextant/core';
import type { TimeWindow } from '../analytics.js';
import { spanGroupKey, spanPassesFilters, traceGroupKey } from '../query/analytics-groups.js';
import { type AnalyticsSource, spansTraceByTrace } from '../query/analytics-reads.js';
import { tally } from '../query/analytics-records.js';
import { compareScanOrder, countSpanChecks, edgesOfSpans, spansInWindow } from '../query/analytics-scan.js';
import { tracesPerServiceOf, traceTotalsOf } from '../query/analytics-traces.js';
import { isInWindow } from '../query/analytics-window.js';
import { rollupKey, type TraceRollup } from '../rollup/trace-rollup.js';
import type { MemoryState } from './state.js';

/** Analytics over what a memory store holds: every figure straight from its spans and rollups. */
export function memoryAnalyticsSource(state: MemoryState): AnalyticsSource<TraceRollup> {
  const spansOf = (rollup: TraceRollup): Span[] => [
    ...(state.traces.get(rollupKey(rollup.project, rollup.traceId))?.spans.values() ?? []),
  ];
  return {
    traceTotals: (projects, window) => traceTotalsOf(traceRollups(state, projects, window)),
    tracesPerService: (projects, window) => tracesPerServiceOf(traceRollups(state, projects, window)),
    spanChecks: (projects, window) =>
      countSpanChecks(spansInWindow(traceRollups(state, projects, window).map(spansOf), window)),
    addSpanFigures: (query, window, cells) => {
      for (const span of projectSpans(state, query.projects, window)) {
        if (spanPassesFilters(span, query)) {
          cells.cellAt(spanGroupKey(span, query.groupBy), span.startTimeUnixNano).addSpan(span);
        }
      }
    },
    addTraceFigures: (query, window, cells) => {
      for (const rollup of traceRollups(state, query.projects, window)) {
        cells.cellAt(traceGroupKey(rollup, query.groupBy), rollup.startTimeUnixNano).addTrace(rollup);
      }
    },
    tracesInScanOrder: (projects, window) => traceRollups(state, projects, window).sort(compareScanOrder),
    spansOf,
    dependencyEdges: (traces, window) => edgesOfSpans(spansTraceByTrace({ spansOf }, traces), window),
    recordCounts: (projects, window) => {
      const tallied = {
        logsBySeverityNumber: new Map<number, number>(),
        pointsByMetric: new Map<string, number>(),
      };
      for (const log of state.logs) {
        if (projects.includes(log.project) && isInWindow(log.timeUnixNano, window)) {
          tally(tallied.logsBySeverityNumber, log.severityNumber);
        }
      }
      for (const point of state.metrics) {
        if (projects.includes(point.project) && isInWindow(point.timeUnixNano, window)) {
          tally(tallied.pointsByMetric, point.name);
        }
      }
      return tallied;
    },
  };
}

/** The rollups of the traces of the projects that start in the window. */
function traceRollups(state: MemoryState, projects: readonly string[], window: TimeWindow): TraceRollup[] {
  const rollups: TraceRollup[] = [];
  for (const { rollup } of state.traces.values()) {
    if (projects.includes(rollup.project) && isInWindow(rollup.startTimeUnixNano, window))
      rollups.push(rollup);
  }
  return rollups;
}

/** The spans of the projects that start in the window, whenever their trace started. */
function* projectSpans(state: MemoryState, projects: readonly string[], window: TimeWindow): Iterable<Span> {
  for (const entry of state.traces.values()) {
    const rollup = entry.rollup;
    // A trace that starts at or after the window's end has no span starting before it.
    if (!projects.includes(rollup.project) || rollup.startTimeUnixNano >= window.to) continue;
    for (const span of entry.spans.values()) if (isInWindow(span.startTimeUnixNano, window)) yield span;
  }
}
