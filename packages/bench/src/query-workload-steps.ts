import { type Attributes, SpanKind } from '@opentelemetry/api';
import {
  type AgentProfile,
  EMBEDDING_MODEL,
  GATEWAY_SERVICE,
  MODELS,
  RETRIEVER_SERVICE,
  TOOLS,
  type ToolName,
} from './query-workload-catalog.js';
import type { SeededRandom } from './query-workload-random.js';
import { latencyUs, type RunBuilder } from './query-workload-span.js';
import { answerOf, type Prompt, systemInstructionsOf } from './query-workload-text.js';

/** The steps of an agent run: LLM calls, tool calls and the searches tools make. */

const SLOW_CALL_SHARE = 0.02;
const SYSTEM_TOKENS = 640;
const PROVIDER_HOSTS: Record<string, string> = {
  openai: 'api.openai.com',
  anthropic: 'api.anthropic.com',
  'gcp.gemini': 'generativelanguage.googleapis.com',
  mistral_ai: 'api.mistral.ai',
};
const FAILED_HTTP_STATUSES = [500, 502, 503, 504] as const;

export interface LlmCallInput {
  agent: AgentProfile;
  parent: number;
  startUs: number;
  step: number;
  /** Tokens of the conversation so far, beyond the system text. */
  history: number;
  /** The tools this call asks for; none for the final answer. */
  tools: ToolName[];
  question: Prompt;
  identity: Attributes;
  fails: boolean;
}

/** One chat completion, straight to the provider or through the gateway's own service. */
export function llmCall(run: RunBuilder, random: SeededRandom, input: LlmCallInput) {
  const { agent } = input;
  const model = MODELS[random.weighted(agent.models)];
  const slow = random.chance(SLOW_CALL_SHARE) ? random.intBetween(6, 15) : 1;
  const durationUs = latencyUs(random, model.medianMs) * slow;
  let parent = input.parent;
  let startUs = input.startUs;
  let gateway = -1;
  if (agent.viaGateway) {
    gateway = run.add({
      parent,
      service: GATEWAY_SERVICE,
      scope: 'http',
      name: 'POST /v1/chat/completions',
      kind: SpanKind.SERVER,
      startUs,
      durationUs: durationUs + 4000,
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/v1/chat/completions',
        'http.response.status_code': input.fails ? 502 : 200,
      },
    });
    parent = gateway;
    startUs += random.intBetween(500, 2000);
  }
  const inputTokens = SYSTEM_TOKENS + input.history;
  const cached = input.step > 0 || random.chance(0.6);
  const cacheRead = cached ? Math.floor(inputTokens / 128) * 128 - 128 * random.int(2) : 0;
  const outputTokens = input.tools.length > 0 ? random.intBetween(20, 90) : random.intBetween(80, 700);
  const messages: unknown[] = [{ role: 'user', parts: [{ type: 'text', content: input.question.text }] }];
  if (input.step > 0) {
    messages.push({
      role: 'tool',
      parts: [{ type: 'tool_call_response', id: `call_${random.hex(12)}`, response: { status: 'ok' } }],
    });
  }
  const output =
    input.tools.length > 0
      ? {
          role: 'assistant',
          parts: input.tools.map((name) => ({ type: 'tool_call', id: `call_${random.hex(12)}`, name })),
          finish_reason: 'tool_call',
        }
      : {
          role: 'assistant',
          parts: [{ type: 'text', content: answerOf(random, agent, input.question) }],
          finish_reason: 'stop',
        };
  const at = run.add({
    parent,
    service: agent.viaGateway ? GATEWAY_SERVICE : agent.service,
    scope: agent.viaGateway ? 'gateway' : 'agent',
    name: `chat ${model.request}`,
    kind: SpanKind.CLIENT,
    startUs,
    durationUs,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': model.provider,
      'gen_ai.request.model': model.request,
      'gen_ai.request.temperature': random.pick([0, 0.2, 0.7]),
      'gen_ai.request.max_tokens': random.pick([1024, 4096]),
      'gen_ai.conversation.id': input.identity['session.id'],
      'gen_ai.system_instructions': systemInstructionsOf(agent),
      'gen_ai.input.messages': JSON.stringify(messages),
      'server.address': PROVIDER_HOSTS[model.provider],
      'server.port': 443,
      ...input.identity,
      ...(input.fails
        ? {}
        : {
            'gen_ai.response.model': model.response,
            'gen_ai.response.id': `resp_${random.hex(24)}`,
            'gen_ai.response.finish_reasons': [output.finish_reason],
            'gen_ai.usage.input_tokens': inputTokens,
            'gen_ai.usage.output_tokens': outputTokens,
            ...(cacheRead > 0 ? { 'gen_ai.usage.cache_read.input_tokens': cacheRead } : {}),
            ...(!cached && model.provider === 'anthropic'
              ? { 'gen_ai.usage.cache_creation.input_tokens': SYSTEM_TOKENS }
              : {}),
            'gen_ai.output.messages': JSON.stringify([output]),
          }),
    },
  });
  const endUs = run.spans[gateway === -1 ? at : gateway]!.endUs;
  if (!input.fails) return { endUs, failure: undefined };
  const failure = random.pick([
    'rate limit exceeded: retry after 20s',
    'the model is overloaded, try again later',
    'upstream timed out after 60s',
  ]);
  run.fail(at, failure, { 'error.type': failure.startsWith('rate') ? '429' : '503' });
  if (gateway !== -1) run.fail(gateway, failure, { 'error.type': '502' });
  return { endUs, failure };
}

export interface ToolCallInput {
  agent: AgentProfile;
  tool: ToolName;
  parent: number;
  startUs: number;
  fails: boolean;
}

/** One tool execution, with the HTTP call or the retrieval it makes. */
export function toolCall(run: RunBuilder, random: SeededRandom, input: ToolCallInput) {
  const { calls, medianMs } = TOOLS[input.tool];
  const id = `${random.intBetween(10_000, 99_999)}`;
  const at = run.add({
    parent: input.parent,
    service: input.agent.service,
    scope: 'agent',
    name: `execute_tool ${input.tool}`,
    kind: SpanKind.INTERNAL,
    startUs: input.startUs,
    durationUs: 0,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': input.tool,
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.id': `call_${random.hex(12)}`,
      'gen_ai.tool.call.arguments': JSON.stringify(calls === 'retrieval' ? { query: id } : { id }),
    },
  });
  let clock = input.startUs + random.intBetween(100, 1000);
  let failure: string | undefined;
  if (calls === 'retrieval') clock = retrieval(run, random, input.agent, at, clock);
  else if (calls !== undefined) {
    const status = input.fails ? random.pick(FAILED_HTTP_STATUSES) : calls.method === 'POST' ? 201 : 200;
    const path = calls.template.replace('{id}', id);
    const http = run.add({
      parent: at,
      service: input.agent.service,
      scope: 'undici',
      name: `${calls.method} ${calls.template}`,
      kind: SpanKind.CLIENT,
      startUs: clock,
      durationUs: latencyUs(random, 35, 0.8),
      attributes: {
        'http.request.method': calls.method,
        'url.full': `https://${calls.host}${path}`,
        'url.template': calls.template,
        'server.address': calls.host,
        'server.port': 443,
        'http.response.status_code': status,
      },
    });
    clock = run.spans[http]!.endUs;
    if (input.fails) {
      failure = `${calls.method} ${calls.host}${path} answered ${status}`;
      run.fail(http, failure, { 'error.type': String(status) });
    }
  }
  const endUs = clock + latencyUs(random, medianMs, 0.7);
  const resultTokens = random.intBetween(150, 900);
  run.end(at, endUs);
  const result =
    failure === undefined ? { status: 'ok', items: random.intBetween(1, 12) } : { error: failure };
  run.spans[at]!.attributes['gen_ai.tool.call.result'] = JSON.stringify(result);
  if (failure !== undefined) run.fail(at, failure, { 'error.type': 'tool_error' });
  return { endUs, resultTokens, failure };
}

/** A search of the agent's index, served by the retriever service: an embedding, then the vector search. */
function retrieval(
  run: RunBuilder,
  random: SeededRandom,
  agent: AgentProfile,
  parent: number,
  startUs: number,
) {
  const server = run.add({
    parent,
    service: RETRIEVER_SERVICE,
    scope: 'http',
    name: 'POST /v1/search',
    kind: SpanKind.SERVER,
    startUs,
    durationUs: 0,
    attributes: {
      'http.request.method': 'POST',
      'http.route': '/v1/search',
      'http.response.status_code': 200,
    },
  });
  const embedding = run.add({
    parent: server,
    service: RETRIEVER_SERVICE,
    scope: 'retriever',
    name: `embeddings ${EMBEDDING_MODEL.request}`,
    kind: SpanKind.CLIENT,
    startUs: startUs + random.intBetween(100, 500),
    durationUs: latencyUs(random, EMBEDDING_MODEL.medianMs),
    attributes: {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': EMBEDDING_MODEL.provider,
      'gen_ai.request.model': EMBEDDING_MODEL.request,
      'gen_ai.response.model': EMBEDDING_MODEL.response,
      'gen_ai.usage.input_tokens': random.intBetween(8, 60),
      'server.address': PROVIDER_HOSTS[EMBEDDING_MODEL.provider],
    },
  });
  const search = run.add({
    parent: server,
    service: RETRIEVER_SERVICE,
    scope: 'retriever',
    name: `retrieval ${agent.index}`,
    kind: SpanKind.CLIENT,
    startUs: run.spans[embedding]!.endUs + random.intBetween(50, 300),
    durationUs: latencyUs(random, 18, 0.6),
    attributes: {
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.data_source.id': agent.index,
      'db.system.name': 'qdrant',
      'db.collection.name': agent.index,
      'db.operation.name': 'search',
      'db.response.returned_rows': random.intBetween(3, 10),
    },
  });
  const endUs = run.spans[search]!.endUs + random.intBetween(100, 600);
  run.end(server, endUs);
  return endUs;
}
