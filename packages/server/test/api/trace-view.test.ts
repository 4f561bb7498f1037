import { DEFAULT_INGEST_LIMITS, decodeTraces, type Span } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import { spanTree } from '../../src/api/trace-view.js';
import { jsonSpan, jsonTraceRequest } from '../support/otlp-json.js';

const TRACE = '0123456789abcdef0123456789abcdef';
const id = (n: number) => n.toString(16).padStart(16, '0');

/** Spans of one trace from (span, parent, start offset) triples, decoded as ingest decodes them. */
function trace(links: Array<[span: number, parent: number | null, start: number]>): Span[] {
  const spans = links.map(([span, parent, start]) =>
    jsonSpan({
      traceId: TRACE,
      spanId: id(span),
      parentSpanId: parent === null ? '' : id(parent),
      name: `s${span}`,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(start)),
    }),
  );
  const body = new TextEncoder().encode(JSON.stringify(jsonTraceRequest(spans)));
  return decodeTraces(body, 'json', { project: 'default', limits: DEFAULT_INGEST_LIMITS }).spans;
}

type Shape = [string, Shape[]];
const shape = (views: ReturnType<typeof spanTree>): Shape[] => views.map((v) => [v.name, shape(v.children)]);

describe('spanTree', () => {
  it('nests spans under their parents, children in the order given (start order)', () => {
    const spans = trace([
      [1, null, 0],
      [2, 1, 10],
      [3, 1, 20],
      [4, 2, 15],
    ]);
    expect(shape(spanTree(spans))).toEqual([
      [
        's1',
        [
          ['s2', [['s4', []]]],
          ['s3', []],
        ],
      ],
    ]);
  });

  it('shows a span whose parent has not arrived at the top level', () => {
    const spans = trace([
      [1, null, 0],
      [5, 9, 5],
      [6, 5, 6],
    ]);
    expect(shape(spanTree(spans))).toEqual([
      ['s1', []],
      ['s5', [['s6', []]]],
    ]);
  });

  it('breaks parent cycles so that every span shows, once, in a finite tree', () => {
    const spans = trace([
      [1, 2, 0],
      [2, 3, 1],
      [3, 1, 2],
      [4, 3, 3],
    ]);
    const tree = spanTree(spans);
    const names: string[] = [];
    const walk = (views: ReturnType<typeof spanTree>) => {
      for (const view of views) {
        names.push(view.name);
        walk(view.children);
      }
    };
    walk(tree);
    expect(names.sort()).toEqual(['s1', 's2', 's3', 's4']);
    expect(JSON.stringify(tree).length).toBeGreaterThan(0);
  });
});
