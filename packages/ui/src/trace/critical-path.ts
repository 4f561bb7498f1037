import type { SpanNode } from './span-tree.js';

/**
 * The spans on each root's critical path: the chain of work that decided when the root finished.
 * From a span's end, the child that finished last before that point is on the path; from that
 * child's start, the one that finished last before it, and so on; each of them is followed the
 * same way inside. Children that overlap the path but finished earlier did not hold anything up.
 */
export function criticalPath(roots: readonly SpanNode[]): Set<string> {
  const onPath = new Set<string>();
  const stack: { node: SpanNode; untilNs: number }[] = roots.map((node) => ({ node, untilNs: node.endNs }));
  while (stack.length > 0) {
    const { node, untilNs } = stack.pop()!;
    onPath.add(node.span.spanId);
    let cursor = Math.min(node.endNs, untilNs);
    const latestFirst = [...node.children].sort((a, b) => b.endNs - a.endNs);
    for (const child of latestFirst) {
      if (child.startNs >= cursor) continue;
      stack.push({ node: child, untilNs: cursor });
      cursor = child.startNs;
    }
  }
  return onPath;
}
