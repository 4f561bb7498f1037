import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_INGEST_LIMITS, decodeLogs, decodeMetrics, decodeTraces, type Span } from '@sextant/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { jaegerQueries, movedJaegerFixtures } from '../fixtures/jaeger-queries.js';
import type { ContractContext } from './context.js';

/*
 * Data written by other projects, run through every backend: Jaeger's storage fixtures (32 traces)
 * and the OTLP specification's example requests, decoded by core's OTLP decoder.
 */
const CONFORMANCE = new URL('../../../../../../shared/conformance/', import.meta.url);
const JAEGER_TRACES = new URL('jaeger/traces/', CONFORMANCE);
const PROJECT = 'peer-fixtures';
const OPTIONS = { project: PROJECT, limits: DEFAULT_INGEST_LIMITS };
const JAEGER_QUERY_PROJECT = 'jaeger-queries';

/** The spans of each Jaeger fixture file by file name, and why the decoder rejected any span. */
function jaegerFiles(): { files: Map<string, Span[]>; rejections: string[] } {
  const files = new Map<string, Span[]>();
  const rejections: string[] = [];
  for (const name of readdirSync(JAEGER_TRACES)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const decoded = decodeTraces(readFileSync(new URL(name, JAEGER_TRACES)), 'json', OPTIONS);
    rejections.push(...decoded.rejections.map((rejection) => `${name}: ${rejection}`));
    files.set(name, decoded.spans);
  }
  return { files, rejections };
}

/** Each trace's spans over every file (a trace may span files), once per span id, by span id. */
function spansByTrace(files: Map<string, Span[]>): Map<string, Span[]> {
  const traces = new Map<string, Map<string, Span>>();
  for (const spans of files.values()) {
    for (const span of spans) {
      const trace = traces.get(span.traceId) ?? new Map<string, Span>();
      if (!trace.has(span.spanId)) trace.set(span.spanId, span);
      traces.set(span.traceId, trace);
    }
  }
  return new Map([...traces].map(([traceId, spans]) => [traceId, [...spans.values()].sort(bySpanId)]));
}

function bySpanId(a: Span, b: Span): number {
  return a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
}

function example(name: string): Buffer {
  return readFileSync(new URL(`otlp-examples/${name}`, CONFORMANCE));
}

/** Peer projects' data written and read back with nothing lost. */
export function peerFixturesSection(context: ContractContext): void {
  describe('Jaeger storage fixtures', () => {
    const { files, rejections } = jaegerFiles();
    const traces = spansByTrace(files);

    beforeAll(async () => {
      // One batch per file, as each file would be one export.
      for (const spans of files.values()) await context.store.write({ spans, logs: [], metrics: [] });
    });

    it('decodes all 32 files, rejecting no span', () => {
      expect(files.size).toBe(32);
      expect(rejections).toEqual([]);
      expect(traces.size).toBeGreaterThan(0);
    });

    it.each([...traces.keys()])('reads trace %s back with nothing lost', async (traceId) => {
      const stored = await context.store.getTrace({ project: PROJECT, traceId });
      const expected = traces.get(traceId)!;
      expect([...(stored?.spans ?? [])].sort(bySpanId)).toEqual(expected);
      expect(stored?.summary.spanCount).toBe(expected.length);
    });

    it('counts every trace and span once', async () => {
      let spans = 0;
      for (const trace of traces.values()) spans += trace.length;
      expect(await context.store.counts({ project: PROJECT })).toMatchObject({ traces: traces.size, spans });
    });
  });

  describe("Jaeger's search queries", () => {
    const now = new Date();
    const fixtures = new Map(
      [...movedJaegerFixtures(now)].map(([name, json]) => [
        name,
        decodeTraces(Buffer.from(json), 'json', { ...OPTIONS, project: JAEGER_QUERY_PROJECT }).spans,
      ]),
    );

    beforeAll(async () => {
      for (const spans of fixtures.values()) await context.store.write({ spans, logs: [], metrics: [] });
    });

    it.each(jaegerQueries(now))('$caption: returns exactly $expectedFixtures, whole', async (jaeger) => {
      const page = await context.store.findTraces({ project: JAEGER_QUERY_PROJECT, ...jaeger.query });
      const expected = jaeger.expectedFixtures.flatMap((name) => fixtures.get(name)!);
      const expectedTraces = spansByTrace(new Map([['expected', expected]]));
      expect(new Set(page.traces.map((trace) => trace.traceId))).toEqual(new Set(expectedTraces.keys()));
      for (const [traceId, spans] of expectedTraces) {
        const stored = await context.store.getTrace({ project: JAEGER_QUERY_PROJECT, traceId });
        expect([...(stored?.spans ?? [])].sort(bySpanId)).toEqual(spans);
      }
    });
  });

  describe('OTLP specification examples', () => {
    it('reads the example trace back exactly', async () => {
      const { spans } = decodeTraces(example('trace.json'), 'json', { ...OPTIONS, project: 'otlp-trace' });
      expect(spans.length).toBeGreaterThan(0);
      await context.store.write({ spans, logs: [], metrics: [] });
      const stored = await context.store.getTrace({ project: 'otlp-trace', traceId: spans[0]!.traceId });
      expect([...(stored?.spans ?? [])].sort(bySpanId)).toEqual([...spans].sort(bySpanId));
    });

    it('reads the example logs back exactly', async () => {
      const { logs } = decodeLogs(example('logs.json'), 'json', { ...OPTIONS, project: 'otlp-logs' });
      expect(logs.length).toBeGreaterThan(0);
      await context.store.write({ spans: [], logs, metrics: [] });
      const found = await context.store.findLogs({ project: 'otlp-logs', limit: 1000 });
      expect(found).toEqual(
        [...logs].sort((a, b) =>
          Number(a.timeUnixNano - b.timeUnixNano || a.observedTimeUnixNano - b.observedTimeUnixNano),
        ),
      );
    });

    it('reads the example metric points back exactly', async () => {
      const { points } = decodeMetrics(example('metrics.json'), 'json', {
        ...OPTIONS,
        project: 'otlp-metrics',
      });
      expect(points.length).toBeGreaterThan(0);
      await context.store.write({ spans: [], logs: [], metrics: points });
      const found = await context.store.findMetrics({ project: 'otlp-metrics', limit: 1000 });
      expect(new Set(found)).toEqual(new Set(points));
      expect(found).toHaveLength(points.length);
    });
  });
}
