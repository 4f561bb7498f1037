import {
  type Cost,
  formatRfc3339Nano,
  type LlmFields,
  SPAN_KINDS,
  type Span,
  STATUS_CODES,
  type TokenCounts,
  type TraceSummary,
} from '@sextant/core';
import type { StoredTrace } from '@sextant/store';
import { plainAttributes } from './plain-json.js';

const NS_PER_MS = 1e6;
const NANO_USD_PER_USD = 1e9;

/** Nanosecond durations as milliseconds with microsecond precision, for display. */
function milliseconds(ns: bigint): number {
  return Number(ns) / NS_PER_MS;
}

function costView(cost: Cost | null) {
  if (!cost) return null;
  return {
    usd: cost.nanoUsd / NANO_USD_PER_USD,
    nanoUsd: cost.nanoUsd,
    source: cost.source,
    priceEntry: cost.priceEntry,
  };
}

function llmView(llm: LlmFields) {
  return {
    spanType: llm.spanType,
    requestModel: llm.requestModel,
    responseModel: llm.responseModel,
    provider: llm.provider,
    tokens: llm.tokens as TokenCounts | null,
    cost: costView(llm.cost),
    sessionId: llm.sessionId,
    userId: llm.userId,
    inputText: llm.inputText,
    outputText: llm.outputText,
    timeToFirstTokenMs: llm.timeToFirstTokenNano === null ? null : milliseconds(llm.timeToFirstTokenNano),
  };
}

/** A trace's rollup as the API shows it: times both as RFC 3339 and exact nanosecond strings. */
export function summaryView(summary: TraceSummary) {
  return {
    traceId: summary.traceId,
    rootSpanId: summary.rootSpanId,
    rootName: summary.rootName,
    rootService: summary.rootService,
    startTime: formatRfc3339Nano(summary.startTimeUnixNano),
    startTimeUnixNano: summary.startTimeUnixNano.toString(),
    endTimeUnixNano: summary.endTimeUnixNano.toString(),
    durationNano: summary.durationNano.toString(),
    durationMs: milliseconds(summary.durationNano),
    spanCount: summary.spanCount,
    errorCount: summary.errorCount,
    llmCallCount: summary.llmCallCount,
    toolCallCount: summary.toolCallCount,
    tokens: summary.tokens,
    costUsd: summary.costNanoUsd / NANO_USD_PER_USD,
    costNanoUsd: summary.costNanoUsd,
    sessionId: summary.sessionId,
    userId: summary.userId,
    services: summary.services,
    status: summary.status,
  };
}

export type SpanView = ReturnType<typeof spanView> & { children: SpanView[] };

export function spanView(span: Span) {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    traceState: span.traceState,
    flags: span.flags,
    name: span.name,
    kind: SPAN_KINDS[span.kind],
    service: span.service,
    startTime: formatRfc3339Nano(span.startTimeUnixNano),
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    endTimeUnixNano: span.endTimeUnixNano.toString(),
    durationNano: (span.endTimeUnixNano - span.startTimeUnixNano).toString(),
    durationMs: milliseconds(span.endTimeUnixNano - span.startTimeUnixNano),
    status: { code: STATUS_CODES[span.status.code], message: span.status.message },
    attributes: plainAttributes(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    resource: {
      attributes: plainAttributes(span.resource.attributes),
      droppedAttributesCount: span.resource.droppedAttributesCount,
      schemaUrl: span.resource.schemaUrl,
    },
    scope: {
      name: span.scope.name,
      version: span.scope.version,
      attributes: plainAttributes(span.scope.attributes),
      droppedAttributesCount: span.scope.droppedAttributesCount,
      schemaUrl: span.scope.schemaUrl,
    },
    events: span.events.map((event) => ({
      time: formatRfc3339Nano(event.timeUnixNano),
      timeUnixNano: event.timeUnixNano.toString(),
      name: event.name,
      attributes: plainAttributes(event.attributes),
      droppedAttributesCount: event.droppedAttributesCount,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      traceState: link.traceState,
      flags: link.flags,
      attributes: plainAttributes(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount,
    })),
    droppedLinksCount: span.droppedLinksCount,
    llm: llmView(span.llm),
  };
}

/**
 * The spans as a forest: each span under its parent, children in start order. A span whose
 * parent has not arrived is shown at the top level, and so is one caught in a parent cycle
 * (malformed data), so nothing stored is ever hidden and the tree is always finite.
 */
export function spanTree(spans: readonly Span[]): SpanView[] {
  const views = new Map<string, SpanView>();
  for (const span of spans) views.set(span.spanId, { ...spanView(span), children: [] });
  const parents = new Map<SpanView, SpanView>();
  const roots: SpanView[] = [];
  for (const span of spans) {
    const view = views.get(span.spanId)!;
    const parent = span.parentSpanId ? views.get(span.parentSpanId) : undefined;
    if (parent) {
      parent.children.push(view);
      parents.set(view, parent);
    } else {
      roots.push(view);
    }
  }
  const reached = new Set<SpanView>();
  const reach = (root: SpanView) => {
    const stack = [root];
    while (stack.length > 0) {
      const view = stack.pop()!;
      reached.add(view);
      for (const child of view.children) stack.push(child);
    }
  };
  for (const root of roots) reach(root);
  for (const view of views.values()) {
    if (reached.has(view)) continue;
    const siblings = parents.get(view)!.children;
    siblings.splice(siblings.indexOf(view), 1);
    roots.push(view);
    reach(view);
  }
  return roots;
}

export function traceView(trace: StoredTrace) {
  return { trace: summaryView(trace.summary), spans: spanTree(trace.spans) };
}
