import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from '../../src/services/graph-layout.js';

const edge = (parent: string, child: string) => ({ parent, child, calls: 1, errors: 0 });

describe('layoutGraph', () => {
  it('puts callers left of what they call, and lists services without calls too', () => {
    const layout = layoutGraph(
      ['web', 'agent', 'db', 'lonely'],
      [edge('web', 'agent'), edge('agent', 'db'), edge('web', 'db')],
    );
    const layer = Object.fromEntries(layout.nodes.map((node) => [node.id, node.layer]));
    expect(layer).toEqual({ web: 0, lonely: 0, agent: 1, db: 2 });
    const x = Object.fromEntries(layout.nodes.map((node) => [node.id, node.x]));
    expect(x.web).toBeLessThan(x.agent!);
    expect(x.agent).toBeLessThan(x.db!);
  });

  it('never overlaps two services, and keeps every one inside the drawing', () => {
    const edges = ['a', 'b', 'c', 'd'].flatMap((caller) =>
      ['x', 'y', 'z'].map((callee) => edge(caller, callee)),
    );
    const layout = layoutGraph([], edges);
    for (const node of layout.nodes) {
      expect(node.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(node.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
      for (const other of layout.nodes) {
        if (other === node || other.layer !== node.layer) continue;
        expect(Math.abs(other.y - node.y)).toBeGreaterThanOrEqual(NODE_HEIGHT);
      }
    }
  });

  it('survives cycles and self-calls, and draws an edge from caller to callee', () => {
    const layout = layoutGraph([], [edge('a', 'b'), edge('b', 'a'), edge('c', 'c')]);
    expect(layout.nodes.map((node) => node.id).sort()).toEqual(['a', 'b', 'c']);
    expect(Math.max(...layout.nodes.map((node) => node.layer))).toBeLessThan(3);
    const ab = layout.edges.find((e) => e.parent === 'a' && e.child === 'b')!;
    const a = layout.nodes.find((node) => node.id === 'a')!;
    expect(ab.path.startsWith(`M ${a.x + NODE_WIDTH} ${a.y + NODE_HEIGHT / 2}`)).toBe(true);
  });

  it('lines a callee up with its caller when there is room', () => {
    const layout = layoutGraph(['a', 'b', 'c'], [edge('c', 'd')]);
    const c = layout.nodes.find((node) => node.id === 'c')!;
    const d = layout.nodes.find((node) => node.id === 'd')!;
    expect(d.y).toBe(c.y);
  });
});
