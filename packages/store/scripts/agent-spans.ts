import {
  type Attributes,
  emptyLlmFields,
  type InstrumentationScope,
  type LlmFields,
  type Resource,
  type Span,
} from '@sextant/core';

/*
 * Realistic agent telemetry for the write benchmark: each agent run is a root span and steps of
 * one LLM call (GenAI attributes, the same multi-KB system prompt every time, a conversation that
 * grows, a completion), one tool call, and one HTTP call made by the tool; about 15 attributes per
 * span. Every string is a fresh copy, as a decoder would produce.
 */

const SYSTEM_PROMPT = [
  'You are Atlas, a research agent for an online retailer.',
  'Answer questions about orders, shipping and returns using the tools provided.',
  'Always check the order history before promising a refund, and cite the policy section.',
  ...Array.from(
    { length: 40 },
    (_, index) => `Rule ${index + 1}: be precise, cite sources, and never invent order data.`,
  ),
].join('\n');

const STEPS_PER_RUN = 6;
const NANOS_PER_MS = 1_000_000n;

/** A fresh copy of a string, so that no two spans share one string object. */
function copy(text: string): string {
  return Buffer.from(text).toString();
}

function hex(value: number, length: number): string {
  return value.toString(16).padStart(length, '0');
}

function llm(spanType: LlmFields['spanType'], fields: Partial<LlmFields> = {}): LlmFields {
  return { ...emptyLlmFields(spanType), ...fields };
}

interface Context {
  project: string;
  traceId: string;
  resource: Resource;
  scope: InstrumentationScope;
}

function span(
  context: Context,
  id: number,
  parent: number | null,
  name: string,
  kind: Span['kind'],
  start: bigint,
  durationMs: number,
  attributes: Attributes,
  fields: LlmFields,
): Span {
  return {
    project: context.project,
    traceId: context.traceId,
    spanId: hex(id, 16),
    parentSpanId: parent === null ? '' : hex(parent, 16),
    traceState: '',
    flags: 1,
    name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(durationMs) * NANOS_PER_MS,
    status: { code: 0, message: '' },
    service: context.resource.attributes['service.name'] as string,
    resource: context.resource,
    scope: context.scope,
    attributes,
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    llm: fields,
  };
}

function resourceFor(service: string): Resource {
  return {
    attributes: {
      'service.name': service,
      'service.version': '1.4.2',
      'deployment.environment.name': 'production',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.version': '2.1.0',
      'host.name': 'agent-worker-7',
      'process.pid': 4242n,
    },
    droppedAttributesCount: 0,
    schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
  };
}

function llmStep(
  context: Context,
  run: number,
  step: number,
  id: number,
  parent: number,
  start: bigint,
  conversation: string,
): Span {
  const input = copy(`[{"role":"user","content":"Where is order ${run}?"}${conversation}]`);
  const output = copy(
    `[{"role":"assistant","content":"Step ${step}: I will look up order ${run} and check the carrier. ${'The order history shows the parcel left the warehouse. '.repeat(12)}"}]`,
  );
  const inputTokens = 1500 + step * 300;
  return span(
    context,
    id,
    parent,
    'chat gpt-4o',
    3,
    start,
    900 + step * 40,
    {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': `chatcmpl-${run}-${step}`,
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024n,
      'gen_ai.usage.input_tokens': BigInt(inputTokens),
      'gen_ai.usage.output_tokens': 180n,
      'gen_ai.usage.cache_read.input_tokens': 1200n,
      'gen_ai.conversation.id': `conversation-${run}`,
      'gen_ai.system_instructions': copy(SYSTEM_PROMPT),
      'gen_ai.input.messages': input,
      'gen_ai.output.messages': output,
      'server.address': 'api.openai.com',
      'server.port': 443n,
    },
    llm('llm', {
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      provider: 'openai',
      tokens: {
        input: inputTokens,
        output: 180,
        cacheRead: 1200,
        cacheWrite: 0,
        reasoning: 0,
        total: inputTokens + 180,
      },
      cost: { nanoUsd: 2_100_000 + step * 1000, source: 'computed', priceEntry: 'openai/gpt-4o' },
      sessionId: `conversation-${run}`,
      userId: `user-${run % 97}`,
      // The normalized prompt carries the system prompt too, so it is multi-KB and new every call.
      inputText: copy(`[{"role":"system","content":${JSON.stringify(SYSTEM_PROMPT)}},${input.slice(1)}`),
      outputText: output,
    }),
  );
}

function toolStep(
  context: Context,
  run: number,
  step: number,
  id: number,
  parent: number,
  start: bigint,
): Span {
  return span(
    context,
    id,
    parent,
    'execute_tool lookup_order',
    1,
    start,
    120,
    {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.id': `call_${run}_${step}`,
      'gen_ai.tool.call.arguments': copy(`{"order_id":"${run}","include":["shipping","items","payments"]}`),
      'gen_ai.tool.call.result': copy(
        `{"order_id":"${run}","status":"shipped","items":${'[{"sku":"A-1","qty":2}]'.repeat(8)}}`,
      ),
      'code.function.name': 'lookupOrder',
      'code.file.path': 'src/tools/orders.ts',
      'code.line.number': 88n,
      'tool.retries': 0n,
      'tool.cache.hit': false,
      'tool.latency_budget_ms': 2000n,
      'app.tenant': 'retail-eu',
      'app.request.id': `req-${run}-${step}`,
      'app.feature.flags': ['fast-lookup', 'eu-data'],
    },
    llm('tool'),
  );
}

function httpStep(
  context: Context,
  run: number,
  step: number,
  id: number,
  parent: number,
  start: bigint,
): Span {
  return span(
    context,
    id,
    parent,
    'GET',
    3,
    start,
    80,
    {
      'http.request.method': 'GET',
      'url.full': `https://orders.internal/api/v2/orders/${run}?include=shipping`,
      'url.scheme': 'https',
      'url.path': `/api/v2/orders/${run}`,
      'server.address': 'orders.internal',
      'server.port': 443n,
      'http.response.status_code': 200n,
      'network.protocol.version': '1.1',
      'http.request.body.size': 0n,
      'http.response.body.size': BigInt(2400 + step),
      'user_agent.original': 'undici/7.1.0',
      'http.request.header.x-request-id': [`req-${run}-${step}`],
      'app.tenant': 'retail-eu',
      'app.retry.count': 0n,
      'app.cache.status': 'miss',
    },
    llm('http'),
  );
}

/** `runs` agent runs of 1 + 3 × 6 spans each, in project `project`, in export order (children first). */
export function agentSpans(project: string, runs: number): Span[] {
  const spans: Span[] = [];
  const scope: InstrumentationScope = {
    name: '@opentelemetry/instrumentation-openai',
    version: '0.5.0',
    attributes: {},
    droppedAttributesCount: 0,
    schemaUrl: '',
  };
  // One resource object per service and per 100 runs, as one decoded export request would share it.
  let resource = resourceFor('atlas-agent');
  for (let run = 0; run < runs; run++) {
    if (run % 100 === 0) resource = resourceFor('atlas-agent');
    const context: Context = { project, traceId: hex(run + 1, 32), resource, scope };
    const runStart = 1_750_000_000_000_000_000n + BigInt(run) * 10_000n * NANOS_PER_MS;
    let conversation = '';
    let id = 1;
    const rootId = id++;
    for (let step = 0; step < STEPS_PER_RUN; step++) {
      const stepStart = runStart + BigInt(step) * 1500n * NANOS_PER_MS;
      spans.push(llmStep(context, run, step, id++, rootId, stepStart, conversation));
      const toolId = id++;
      spans.push(toolStep(context, run, step, toolId, rootId, stepStart + 1000n * NANOS_PER_MS));
      spans.push(httpStep(context, run, step, id++, toolId, stepStart + 1010n * NANOS_PER_MS));
      conversation += `,{"role":"assistant","tool_calls":[{"id":"call_${run}_${step}"}]},{"role":"tool","content":"order ${run} step ${step} shipped via DHL, tracking JD01460000${step}"}`;
    }
    spans.push(
      span(
        context,
        rootId,
        null,
        'invoke_agent atlas',
        1,
        runStart,
        STEPS_PER_RUN * 1500,
        {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': 'atlas',
          'gen_ai.conversation.id': `conversation-${run}`,
          'user.id': `user-${run % 97}`,
          'app.tenant': 'retail-eu',
        },
        llm('agent', { sessionId: `conversation-${run}`, userId: `user-${run % 97}` }),
      ),
    );
  }
  return spans;
}
