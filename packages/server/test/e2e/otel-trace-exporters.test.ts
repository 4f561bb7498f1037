import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanView } from '../../src/api/trace-view.js';
import { actualFromStore, expectedFromSdk, spansFromOtlpJson } from '../support/otel-compare.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Records a small agent run with attributes of every type, events, links and an error. */
async function recordAgentRun(exporter: SpanExporter): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'e2e-agent',
      'deployment.environment.name': 'test',
      'host.cpu.count': 2,
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('e2e-scope', '1.2.3');
  const linked = tracer.startSpan('earlier work');
  linked.end();
  // Children name their parent explicitly: a BasicTracerProvider registers no context manager.
  const t0 = Date.now();
  const root = tracer.startSpan('agent run', { kind: SpanKind.SERVER, startTime: t0 });
  const inRoot = trace.setSpan(context.active(), root);
  root.setAttributes({
    'a.string': 'text with ünïcödé and 中文',
    'a.int': 42,
    'a.negative': -7,
    'a.double': 3.25,
    'a.bool': true,
    'a.strings': ['x', 'y'],
    'a.ints': [1, 2, 3],
    'a.doubles': [0.5, 1.5],
    'a.bools': [true, false],
    'gen_ai.agent.name': 'support',
  });
  const llm = tracer.startSpan(
    'chat gpt-4o',
    {
      kind: SpanKind.CLIENT,
      startTime: t0 + 1,
      links: [{ context: linked.spanContext(), attributes: { 'link.reason': 'follows', 'link.n': 1 } }],
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 300,
      },
    },
    inRoot,
  );
  llm.addEvent('gen_ai.content.chunk', { 'chunk.index': 0, 'chunk.text': 'Hel' });
  llm.addEvent('no attributes');
  llm.end(t0 + 5);
  const tool = tracer.startSpan('execute_tool search', { startTime: t0 + 6 }, inRoot);
  tool.recordException(new Error('upstream timed out'));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'tool failed' });
  tool.end(t0 + 8);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(t0 + 10);
  await provider.forceFlush();
  const finished = memory.getFinishedSpans(); // before shutdown, which empties the memory exporter
  await provider.shutdown();
  return finished;
}

async function readTrace(traceId: string): Promise<ReturnType<typeof actualFromStore>[]> {
  const response = await fetch(`${server.url}/api/traces/${traceId}?format=otlp`);
  expect(response.status).toBe(200);
  return spansFromOtlpJson(await response.json()).map(actualFromStore);
}

const exporters: Array<[string, () => SpanExporter]> = [
  ['OTLP/HTTP JSON', () => new OtlpHttpJsonTraceExporter({ url: `${server.url}/v1/traces` })],
  ['OTLP/HTTP protobuf', () => new OtlpProtoTraceExporter({ url: `${server.url}/v1/traces` })],
  [
    'OTLP/HTTP protobuf, gzip',
    () => new OtlpProtoTraceExporter({ url: `${server.url}/v1/traces`, compression: 'gzip' as never }),
  ],
  [
    'OTLP/HTTP JSON, gzip',
    () => new OtlpHttpJsonTraceExporter({ url: `${server.url}/v1/traces`, compression: 'gzip' as never }),
  ],
];

describe.each(exporters)('the real %s trace exporter', (_name, makeExporter) => {
  it('sends spans that read back identical', async () => {
    const sent = await recordAgentRun(makeExporter());
    const byTrace = new Map<string, ReadableSpan[]>();
    for (const span of sent) {
      const traceId = span.spanContext().traceId;
      byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), span]);
    }
    expect(byTrace.size).toBe(2); // the agent run, and the linked earlier span
    for (const [traceId, spans] of byTrace) {
      const expected = spans.map(expectedFromSdk).sort((a, b) => a.spanId.localeCompare(b.spanId));
      const actual = (await readTrace(traceId)).sort((a, b) => a.spanId.localeCompare(b.spanId));
      expect(actual).toEqual(expected);
    }
  });

  it('keeps the rollup and LLM fields of the trace', async () => {
    const sent = await recordAgentRun(makeExporter());
    const root = sent.find((span) => span.name === 'agent run')!;
    const response = await fetch(`${server.url}/api/traces/${root.spanContext().traceId}`);
    const { trace, spans } = (await response.json()) as { trace: Record<string, unknown>; spans: SpanView[] };
    expect(trace).toMatchObject({
      rootName: 'agent run',
      rootService: 'e2e-agent',
      spanCount: 3,
      errorCount: 1,
      llmCallCount: 1,
      status: 'error',
      tokens: { input: 1200, output: 300, total: 1500 },
    });
    expect(spans).toHaveLength(1);
    expect(spans[0]!.children.map((child) => child.name)).toEqual(['chat gpt-4o', 'execute_tool search']);
    const llm = spans[0]!.children[0]!.llm;
    expect(llm).toMatchObject({ spanType: 'llm', provider: 'openai', requestModel: 'gpt-4o' });
    expect(llm.cost).toMatchObject({ source: 'computed' });
    expect(llm.cost!.usd).toBeGreaterThan(0);
  });
});
