import type { SpanView } from '../api/types.js';

/** A span placed in its trace: its children, and its times relative to the trace's start. */
export interface SpanNode {
  span: SpanView;
  children: SpanNode[];
  parent: SpanNode | null;
  /** Nanoseconds from the trace's first start (a double: exact below 104 days). */
  startNs: number;
  endNs: number;
  /** Spans under this one, itself left out. */
  descendantCount: number;
  /** Whether a span under this one failed (what a collapsed row must still show). */
  descendantError: boolean;
}

export interface SpanTree {
  roots: SpanNode[];
  byId: Map<string, SpanNode>;
  /** The earliest start, in epoch nanoseconds. */
  startNs: bigint;
  /** From the earliest start to the latest end. */
  durationNs: number;
  /** Every node, parents before children, siblings in start order. */
  ordered: SpanNode[];
}

/** The spans of a trace answer (a tree, as `GET /api/traces/{id}` sends it) as a flat list. */
export function flattenSpans(roots: readonly SpanView[]): SpanView[] {
  const flat: SpanView[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const { children, ...span } = stack.pop()!;
    flat.push(span);
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return flat;
}

function byStart(a: SpanNode, b: SpanNode): number {
  return (
    a.startNs - b.startNs ||
    a.span.name.localeCompare(b.span.name) ||
    a.span.spanId.localeCompare(b.span.spanId)
  );
}

function isError(node: SpanNode): boolean {
  return node.span.status.code === 'error';
}

/**
 * Builds the tree from spans in any order, as they arrive from the live tail or a page: each span
 * under its parent, children by start time. A span whose parent is missing is a root, a span id
 * seen twice is kept once (an exporter's retry), and spans caught in a parent cycle become roots,
 * so every span is shown exactly once and the tree is finite.
 */
export function buildSpanTree(spans: readonly SpanView[]): SpanTree {
  let startNs: bigint | null = null;
  let endNs: bigint | null = null;
  for (const span of spans) {
    const start = BigInt(span.startTimeUnixNano);
    const end = BigInt(span.endTimeUnixNano);
    if (startNs === null || start < startNs) startNs = start;
    if (endNs === null || end > endNs) endNs = end;
  }
  const base = startNs ?? 0n;
  const byId = new Map<string, SpanNode>();
  for (const span of spans) {
    if (byId.has(span.spanId)) continue;
    byId.set(span.spanId, {
      span,
      children: [],
      parent: null,
      startNs: Number(BigInt(span.startTimeUnixNano) - base),
      endNs: Number(BigInt(span.endTimeUnixNano) - base),
      descendantCount: 0,
      descendantError: false,
    });
  }
  const roots: SpanNode[] = [];
  for (const node of byId.values()) {
    const parent = node.span.parentSpanId ? byId.get(node.span.parentSpanId) : undefined;
    if (parent && parent !== node) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const ordered = orderFrom(roots);
  if (ordered.length < byId.size) {
    // The nodes not reached from a root sit on a parent cycle: cut each cycle once, at a node
    // not yet reached, and walk on from there.
    const reached = new Set(ordered);
    for (const node of byId.values()) {
      if (reached.has(node)) continue;
      const siblings = node.parent!.children;
      siblings.splice(siblings.indexOf(node), 1);
      node.parent = null;
      roots.push(node);
      for (const added of orderFrom([node])) reached.add(added);
    }
  }
  roots.sort(byStart);
  const all = orderFrom(roots);
  for (let i = all.length - 1; i >= 0; i--) {
    const node = all[i]!;
    node.children.sort(byStart);
    const parent = node.parent;
    if (parent) {
      parent.descendantCount += node.descendantCount + 1;
      if (isError(node) || node.descendantError) parent.descendantError = true;
    }
  }
  // Children were sorted after the first walk: walk again for the display order.
  return {
    roots,
    byId,
    startNs: base,
    durationNs: startNs === null || endNs === null ? 0 : Number(endNs - startNs),
    ordered: orderFrom(roots),
  };
}

/** Depth-first, parents before children, without recursion (a trace may nest thousands deep). */
function orderFrom(roots: readonly SpanNode[]): SpanNode[] {
  const ordered: SpanNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    ordered.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return ordered;
}

export interface SpanRow {
  node: SpanNode;
  depth: number;
  collapsed: boolean;
}

/** The rows of the tree to show: every node whose ancestors are all expanded, with its depth. */
export function visibleRows(roots: readonly SpanNode[], collapsed: ReadonlySet<string>): SpanRow[] {
  const rows: SpanRow[] = [];
  const stack: { node: SpanNode; depth: number }[] = [...roots].reverse().map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const isCollapsed = collapsed.has(node.span.spanId) && node.children.length > 0;
    rows.push({ node, depth, collapsed: isCollapsed });
    if (isCollapsed) continue;
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i]!, depth: depth + 1 });
  }
  return rows;
}

/** The ancestors of a span, nearest first: what must be expanded to show it. */
export function ancestorsOf(node: SpanNode): SpanNode[] {
  const ancestors: SpanNode[] = [];
  for (let parent = node.parent; parent !== null; parent = parent.parent) ancestors.push(parent);
  return ancestors;
}
