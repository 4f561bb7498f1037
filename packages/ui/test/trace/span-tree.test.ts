import { describe, expect, it } from 'vitest';
import type { SpanView } from '../../src/api/types.js';
import { ancestorsOf, buildSpanTree, flattenSpans, visibleRows } from '../../src/trace/span-tree.js';
import { spanView } from '../support/span-view.js';

/** The tree as `name(children…)`, roots joined by spaces: easy to compare whole. */
function shape(spans: SpanView[]): string {
  const { roots } = buildSpanTree(spans);
  const write = (node: (typeof roots)[number]): string =>
    node.children.length === 0
      ? node.span.spanId
      : `${node.span.spanId}(${node.children.map(write).join(' ')})`;
  return roots.map(write).join(' ');
}

const agentRun = [
  spanView({ spanId: 'root', start: 0, end: 100 }),
  spanView({ spanId: 'llm1', parentSpanId: 'root', start: 5, end: 40 }),
  spanView({ spanId: 'tool', parentSpanId: 'root', start: 41, end: 60 }),
  spanView({
    spanId: 'http',
    parentSpanId: 'tool',
    start: 42,
    end: 59,
    status: { code: 'error', message: '503' },
  }),
  spanView({ spanId: 'llm2', parentSpanId: 'root', start: 61, end: 99 }),
];

describe('buildSpanTree', () => {
  it('builds the same tree whatever order the spans come in', () => {
    const expected = 'root(llm1 tool(http) llm2)';
    expect(shape(agentRun)).toBe(expected);
    expect(shape([...agentRun].reverse())).toBe(expected);
    const shuffled = [agentRun[3]!, agentRun[4]!, agentRun[0]!, agentRun[2]!, agentRun[1]!];
    expect(shape(shuffled)).toBe(expected);
  });

  it('orders children by start time, then name', () => {
    const spans = [
      spanView({ spanId: 'p', start: 0, end: 10 }),
      spanView({ spanId: 'late', parentSpanId: 'p', start: 5 }),
      spanView({ spanId: 'b', parentSpanId: 'p', start: 1, name: 'b' }),
      spanView({ spanId: 'a', parentSpanId: 'p', start: 1, name: 'a' }),
    ];
    expect(shape(spans)).toBe('p(a b late)');
  });

  it('shows a span whose parent has not arrived at the top level, and places it once the parent comes', () => {
    const child = spanView({ spanId: 'child', parentSpanId: 'missing', start: 3 });
    const other = spanView({ spanId: 'root', start: 0, end: 10 });
    expect(shape([child, other])).toBe('root child');
    expect(
      shape([child, other, spanView({ spanId: 'missing', parentSpanId: 'root', start: 1, end: 9 })]),
    ).toBe('root(missing(child))');
  });

  it('keeps a span sent twice once', () => {
    expect(shape([...agentRun, agentRun[1]!, agentRun[3]!])).toBe('root(llm1 tool(http) llm2)');
    expect(buildSpanTree([...agentRun, agentRun[1]!]).byId.size).toBe(5);
  });

  it('breaks parent cycles so that every span is shown once', () => {
    const spans = [
      spanView({ spanId: 'a', parentSpanId: 'c', start: 0 }),
      spanView({ spanId: 'b', parentSpanId: 'a', start: 1 }),
      spanView({ spanId: 'c', parentSpanId: 'b', start: 2 }),
      spanView({ spanId: 'self', parentSpanId: 'self', start: 3 }),
      spanView({ spanId: 'leaf', parentSpanId: 'b', start: 4 }),
    ];
    const tree = buildSpanTree(spans);
    expect(tree.ordered.map((node) => node.span.spanId).sort()).toEqual(['a', 'b', 'c', 'leaf', 'self']);
    expect(tree.roots.map((node) => node.span.spanId)).toContain('self');
    expect(visibleRows(tree.roots, new Set())).toHaveLength(5);
  });

  it('places spans in nanoseconds from the earliest start, and measures the whole trace', () => {
    const tree = buildSpanTree([...agentRun].reverse());
    expect(tree.byId.get('root')!.startNs).toBe(0);
    expect(tree.byId.get('tool')!.startNs).toBe(41_000_000);
    expect(tree.byId.get('tool')!.endNs).toBe(60_000_000);
    expect(tree.durationNs).toBe(100_000_000);
    expect(tree.startNs).toBe(BigInt(agentRun[0]!.startTimeUnixNano));
  });

  it('counts descendants and carries a failure up to every ancestor', () => {
    const tree = buildSpanTree(agentRun);
    expect(tree.byId.get('root')!.descendantCount).toBe(4);
    expect(tree.byId.get('tool')!.descendantCount).toBe(1);
    expect(tree.byId.get('root')!.descendantError).toBe(true);
    expect(tree.byId.get('tool')!.descendantError).toBe(true);
    expect(tree.byId.get('llm1')!.descendantError).toBe(false);
    expect(ancestorsOf(tree.byId.get('http')!).map((node) => node.span.spanId)).toEqual(['tool', 'root']);
  });

  it('handles a trace nested thousands of spans deep without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      spanView({ spanId: `s${i}`, parentSpanId: i === 0 ? '' : `s${i - 1}`, start: i, end: 40_000 - i }),
    );
    const tree = buildSpanTree(chain.reverse());
    expect(tree.roots).toHaveLength(1);
    expect(tree.byId.get('s0')!.descendantCount).toBe(19_999);
    expect(visibleRows(tree.roots, new Set()).at(-1)!.depth).toBe(19_999);
  });
});

describe('visibleRows', () => {
  it('lists the rows depth first with their depth, and hides what a collapsed span holds', () => {
    const tree = buildSpanTree(agentRun);
    const rows = (collapsed: string[]) =>
      visibleRows(tree.roots, new Set(collapsed)).map(
        (row) => `${row.node.span.spanId}@${row.depth}${row.collapsed ? '+' : ''}`,
      );
    expect(rows([])).toEqual(['root@0', 'llm1@1', 'tool@1', 'http@2', 'llm2@1']);
    expect(rows(['tool'])).toEqual(['root@0', 'llm1@1', 'tool@1+', 'llm2@1']);
    expect(rows(['root'])).toEqual(['root@0+']);
    // A leaf cannot be collapsed.
    expect(rows(['llm1'])).toEqual(['root@0', 'llm1@1', 'tool@1', 'http@2', 'llm2@1']);
  });
});

describe('flattenSpans', () => {
  it('reads the API tree back into a flat list, children dropped from each span', () => {
    const nested = {
      ...agentRun[0]!,
      children: [
        { ...agentRun[1]!, children: [] },
        { ...agentRun[2]!, children: [{ ...agentRun[3]!, children: [] }] },
      ],
    };
    const flat = flattenSpans([nested]);
    expect(flat.map((span) => span.spanId)).toEqual(['root', 'llm1', 'tool', 'http']);
    expect(flat.every((span) => !('children' in span))).toBe(true);
  });
});
