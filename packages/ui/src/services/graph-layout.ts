import type { DependencyEdge } from '../api/types.js';

export interface PlacedNode {
  id: string;
  layer: number;
  x: number;
  y: number;
}

export interface PlacedEdge extends DependencyEdge {
  /** An SVG path from the caller's right side to the callee's left side. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 36;
const COLUMN_GAP = 150;
const ROW_GAP = 26;
const MARGIN = 16;

/**
 * Layers: a service sits one column right of its furthest caller, so calls flow left to right.
 * A cycle (a calls b, b calls a) would push its services right forever: the layers stop growing
 * after one pass per service, and the edges closing the cycle are drawn back to the left.
 */
function layersOf(ids: readonly string[], edges: readonly DependencyEdge[]): Map<string, number> {
  const layer = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const edge of edges) {
      if (edge.parent === edge.child) continue;
      const wanted = layer.get(edge.parent)! + 1;
      if (wanted > layer.get(edge.child)! && wanted < ids.length) {
        layer.set(edge.child, wanted);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}

/**
 * Places the services (every one, called or not) and the calls between them. The first column is
 * stacked in name order; each later service is put level with the average of its callers, then
 * pushed down as little as keeps it clear of the one above, so calls run as straight as they can.
 */
export function layoutGraph(services: readonly string[], edges: readonly DependencyEdge[]): GraphLayout {
  const ids = [...new Set([...services, ...edges.flatMap((edge) => [edge.parent, edge.child])])].sort();
  const layers = layersOf(ids, edges);
  const maxLayer = Math.max(0, ...layers.values());
  const yOf = new Map<string, number>();
  const nodes: PlacedNode[] = [];
  for (let layer = 0; layer <= maxLayer; layer++) {
    const members = ids.filter((id) => layers.get(id) === layer);
    const wanted = members.map((id) => {
      const callers = edges
        .filter((edge) => edge.child === id && yOf.has(edge.parent))
        .map((edge) => yOf.get(edge.parent)!);
      return { id, y: callers.length === 0 ? 0 : callers.reduce((sum, y) => sum + y, 0) / callers.length };
    });
    wanted.sort((a, b) => a.y - b.y || a.id.localeCompare(b.id));
    let next = MARGIN;
    for (const { id, y } of wanted) {
      const placedY = Math.max(next, y);
      yOf.set(id, placedY);
      nodes.push({ id, layer, x: MARGIN + layer * (NODE_WIDTH + COLUMN_GAP), y: placedY });
      next = placedY + NODE_HEIGHT + ROW_GAP;
    }
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const placed = edges.map((edge): PlacedEdge => {
    const from = byId.get(edge.parent)!;
    const to = byId.get(edge.child)!;
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    return {
      ...edge,
      path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`,
      labelX: (x1 + x2) / 2,
      labelY: (y1 + y2) / 2 - 6,
    };
  });
  return {
    nodes,
    edges: placed,
    width: MARGIN * 2 + (maxLayer + 1) * NODE_WIDTH + maxLayer * COLUMN_GAP,
    height: MARGIN + Math.max(MARGIN, ...nodes.map((node) => node.y + NODE_HEIGHT)),
  };
}
