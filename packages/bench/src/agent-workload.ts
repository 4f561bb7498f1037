import { randomBytes } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { OtlpRequest } from './otlp-client.js';

/**
 * Spans shaped like a production agent: per run, a root agent span, LLM calls carrying GenAI
 * attributes with prompts (a long system prompt repeated on every call, as agents do) and
 * completions, tool calls with arguments and results, a retrieval, and outgoing HTTP calls.
 */
const SYSTEM_PROMPT = `You are a support agent for an online shop. ${'Follow the policy: be concise, cite the order id, never invent facts, escalate refunds over 200 EUR. '.repeat(20)}`;
const MODELS = [
  ['openai', 'gpt-4o-2024-08-06'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['openai', 'gpt-4o-mini'],
] as const;

function words(n: number, seed: string): string {
  return Array.from({ length: n }, (_, i) => `${seed}${(i * 7919) % 1000}`).join(' ');
}

function recordRun(tracer: Tracer, run: number, startMs: number): void {
  const at = (ms: number) => new Date(startMs + ms);
  const root = tracer.startSpan('invoke_agent support', {
    startTime: at(0),
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'gen_ai.conversation.id': `conv-${run % 97}`,
      'session.id': `sess-${run % 97}`,
      'user.id': `user-${run % 31}`,
    },
  });
  const { traceId } = root.spanContext();
  // Children are parented explicitly, so the workload needs no context manager.
  const parent = trace.setSpan(context.active(), root);
  const child = (
    name: string,
    kind: SpanKind,
    [t0, t1]: [number, number],
    attributes: Record<string, string | number | string[]>,
    failed = false,
  ) => {
    const span = tracer.startSpan(name, { kind, startTime: at(t0), attributes }, parent);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream unavailable' });
    span.end(at(t1));
  };
  for (let call = 0; call < 3; call++) {
    const [provider, model] = MODELS[(run + call) % MODELS.length]!;
    const t0 = 10 + call * 900;
    const user = `Order question in trace ${traceId}: ${words(40, `u${call}-`)}`;
    const completion = `Answer for trace ${traceId}: ${words(60, `c${call}-`)}`;
    child(`chat ${model}`, SpanKind.CLIENT, [t0, t0 + 700], {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider,
      'gen_ai.request.model': model,
      'gen_ai.response.model': model,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.response.id': `resp-${traceId.slice(0, 12)}-${call}`,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1800 + call * 150,
      'gen_ai.usage.output_tokens': 120 + call * 10,
      'gen_ai.usage.cache_read.input_tokens': 1500,
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: SYSTEM_PROMPT }]),
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: user }] }]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: completion }], finish_reason: 'stop' },
      ]),
      'server.address': `api.${provider}.example`,
    });
    child('execute_tool lookup_order', SpanKind.INTERNAL, [t0 + 710, t0 + 800], {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.id': `call-${traceId.slice(0, 8)}-${call}`,
      'gen_ai.tool.call.arguments': JSON.stringify({ orderId: `${run}-${call}` }),
      'gen_ai.tool.call.result': JSON.stringify({ status: 'shipped', items: 3, trace: traceId }),
    });
  }
  child('retrieval policy-index', SpanKind.CLIENT, [2700, 2750], {
    'gen_ai.operation.name': 'retrieval',
    'gen_ai.data_source.id': 'policy-index',
    'db.system.name': 'qdrant',
  });
  const failed = run % 50 === 0;
  child(
    'GET',
    SpanKind.CLIENT,
    [2760, 2790],
    {
      'http.request.method': 'GET',
      'url.full': `https://orders.internal/api/orders/${run}`,
      'http.response.status_code': failed ? 503 : 200,
      'server.address': 'orders.internal',
    },
    failed,
  );
  root.end(at(2800));
}

/** One export request body, and where its trace ids sit in it (as bytes and as hex text). */
export interface RequestTemplate {
  body: Buffer;
  spanCount: number;
  traceIds: Array<{ binary: number[]; hex: number[] }>;
}

function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Builds `count` distinct protobuf export requests of `spansPerRequest` spans each, from agent
 * runs recorded with the real OpenTelemetry SDK and serialized by its own OTLP serializer.
 */
export function buildTemplates(count: number, spansPerRequest: number): RequestTemplate[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'support-agent',
      'service.version': '1.4.2',
      'deployment.environment.name': 'prod',
    }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('support-agent', '1.4.2');
  const needed = count * spansPerRequest;
  const startMs = Date.now() - 3_600_000;
  for (let run = 0; memory.getFinishedSpans().length < needed; run++)
    recordRun(tracer, run, startMs + run * 50);
  const spans = memory.getFinishedSpans();
  const templates: RequestTemplate[] = [];
  for (let i = 0; i < count; i++) {
    const batch = spans.slice(i * spansPerRequest, (i + 1) * spansPerRequest);
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(batch)!);
    const ids = [...new Set(batch.map((s) => s.spanContext().traceId))];
    templates.push({
      body,
      spanCount: batch.length,
      traceIds: ids.map((id) => ({
        binary: offsetsOf(body, Buffer.from(id, 'hex')),
        hex: offsetsOf(body, Buffer.from(id, 'latin1')),
      })),
    });
  }
  return templates;
}

/** A copy of the template with fresh trace ids everywhere they appear, so every request is new data. */
export function freshRequest(template: RequestTemplate): Buffer {
  const body = Buffer.from(template.body);
  for (const { binary, hex } of template.traceIds) {
    const id = randomBytes(16);
    const idHex = Buffer.from(id.toString('hex'), 'latin1');
    for (const at of binary) id.copy(body, at);
    for (const at of hex) idHex.copy(body, at);
  }
  return body;
}

/** `count` fresh requests made from the templates in turn, one per call, then `undefined`. */
export function freshRequests(templates: RequestTemplate[], count: number): () => OtlpRequest | undefined {
  let sent = 0;
  return () => {
    if (sent >= count) return undefined;
    const template = templates[sent++ % templates.length]!;
    return { body: freshRequest(template), spanCount: template.spanCount };
  };
}
