import { type Span, type SpanContext, SpanKind } from '@opentelemetry/api';
import {
  CARRIERS,
  type DemoModel,
  fill,
  MODELS,
  PRODUCTS,
  SUPPORT_INTENTS,
  SUPPORT_SYSTEM_PROMPT,
  tokensOf,
} from './content.js';
import { Clock, endSpan, modelTiming, type RunContext, responseId, startSpan } from './run-context.js';

/** A message in the OTel GenAI form: a role and typed parts. */
type Part =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: Record<string, unknown> }
  | { type: 'tool_call_response'; id: string; response: unknown };
interface Message {
  role: 'user' | 'assistant' | 'tool';
  parts: Part[];
  finish_reason?: string;
}

const SYSTEM_TOKENS = tokensOf(SUPPORT_SYSTEM_PROMPT);

/**
 * One model call written with the current OTel GenAI attributes: the history sent, the answer,
 * token usage with the cached system prompt, and the time to first chunk of a streamed answer.
 */
function chatCall(
  context: RunContext,
  parent: Span,
  clock: Clock,
  model: DemoModel,
  history: Message[],
  answer: Message,
  stream: boolean,
): void {
  const { random } = context;
  const outputTokens = tokensOf(JSON.stringify(answer.parts)) + random.int(0, 20);
  const inputTokens = SYSTEM_TOKENS + tokensOf(JSON.stringify(history)) + 40 * history.length;
  const timing = modelTiming(random, model, outputTokens);
  const rateLimited = random.chance(0.03);
  const span = startSpan(context.tracer('support-agent'), parent, `chat ${model.name}`, clock.nowMs, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': model.provider,
      'gen_ai.request.model': model.name,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.max_tokens': 800,
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: SUPPORT_SYSTEM_PROMPT }]),
      'gen_ai.input.messages': JSON.stringify(history),
      'server.address': model.provider === 'openai' ? 'api.openai.com' : 'api.anthropic.com',
    },
  });
  if (rateLimited) {
    // The provider refused at once; the agent's client waits and tries again in a new span.
    clock.advance(random.between(80, 200));
    endSpan(span, clock.nowMs, { type: '429', message: 'Rate limit reached for requests per minute' });
    clock.advance(random.between(400, 900));
    chatCall(context, parent, clock, model, history, answer, stream);
    return;
  }
  span.setAttributes({
    'gen_ai.response.model': model.responseName,
    'gen_ai.response.id': responseId(random, model.provider === 'openai' ? 'chatcmpl-' : 'msg_'),
    'gen_ai.response.finish_reasons': [answer.finish_reason ?? 'stop'],
    'gen_ai.usage.input_tokens': inputTokens,
    'gen_ai.usage.output_tokens': outputTokens,
    'gen_ai.usage.cache_read.input_tokens': context.turn > 0 || history.length > 1 ? SYSTEM_TOKENS : 0,
    'gen_ai.output.messages': JSON.stringify([answer]),
  });
  if (stream) span.setAttribute('gen_ai.response.time_to_first_chunk', timing.firstTokenMs / 1000);
  clock.advance(timing.totalMs);
  endSpan(span, clock.nowMs);
}

/** The orders API as the tool reaches it: an HTTP client span, the server's span and its query. */
function ordersApiCall(
  context: RunContext,
  parent: Span,
  clock: Clock,
  method: string,
  route: string,
  path: string,
) {
  const { random, incident } = context;
  const failed = incident ? random.chance(0.35) : random.chance(0.02);
  const queryMs = random.between(3, 25) * (incident ? random.between(4, 12) : 1);
  const client = startSpan(context.tracer('support-agent'), parent, `${method}`, clock.nowMs, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      'url.full': `http://orders-api.internal${path}`,
      'server.address': 'orders-api.internal',
    },
  });
  const serverStart = clock.advance(random.between(1, 4));
  const server = startSpan(context.tracer('orders-api'), client, `${method} ${route}`, serverStart, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': method, 'http.route': route, 'url.path': path },
  });
  const query = startSpan(context.tracer('orders-api'), server, 'SELECT orders', clock.advance(1), {
    kind: SpanKind.CLIENT,
    attributes: {
      'db.system.name': 'postgresql',
      'db.namespace': 'shop',
      'db.operation.name': 'SELECT',
      'db.query.text': 'SELECT id, status, carrier, items FROM orders WHERE id = $1',
    },
  });
  clock.advance(queryMs);
  endSpan(
    query,
    clock.nowMs,
    failed ? { type: 'PoolTimeout', message: 'timed out acquiring a connection' } : undefined,
  );
  const status = failed ? 503 : 200;
  server.setAttribute('http.response.status_code', status);
  clock.advance(random.between(1, 5));
  endSpan(server, clock.nowMs, failed ? { type: '503', message: 'Service Unavailable' } : undefined);
  client.setAttribute('http.response.status_code', status);
  clock.advance(random.between(1, 3));
  endSpan(client, clock.nowMs, failed ? { type: '503', message: 'Service Unavailable' } : undefined);
  return !failed;
}

/** One tool call of the agent, which calls the orders API. */
function toolCall(
  context: RunContext,
  parent: Span,
  clock: Clock,
  call: { id: string; name: string; arguments: Record<string, unknown> },
  route: { method: string; route: string; path: string },
  result: Record<string, unknown>,
): unknown {
  const span = startSpan(
    context.tracer('support-agent'),
    parent,
    `execute_tool ${call.name}`,
    clock.advance(2),
    {
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': call.name,
        'gen_ai.tool.call.id': call.id,
        'gen_ai.tool.type': 'function',
        'gen_ai.tool.call.arguments': JSON.stringify(call.arguments),
      },
    },
  );
  const ok = ordersApiCall(context, span, clock, route.method, route.route, route.path);
  const response = ok ? result : { error: 'orders-api answered 503 Service Unavailable' };
  span.setAttribute('gen_ai.tool.call.result', JSON.stringify(response));
  clock.advance(context.random.between(1, 4));
  endSpan(span, clock.nowMs, ok ? undefined : { type: 'ToolError', message: 'orders-api unavailable' });
  return response;
}

const TOOL_ROUTES = {
  create_return: { method: 'POST', route: '/orders/{id}/returns' },
  update_address: { method: 'PATCH', route: '/orders/{id}/address' },
  issue_refund: { method: 'POST', route: '/orders/{id}/refunds' },
} as const;

/**
 * A customer-support agent (OTel GenAI conventions): it reads the question, looks the order up
 * through a tool that calls the orders API, may call a second tool, and answers.
 */
export function recordSupportRun(context: RunContext): SpanContext {
  const { random } = context;
  const intent = random.pick(SUPPORT_INTENTS);
  const order = `NW-${random.int(100000, 999999)}`;
  const values = { order, product: random.pick(PRODUCTS), carrier: random.pick(CARRIERS) };
  const question = fill(intent.question, values);
  const model = random.pick([MODELS.gpt4o, MODELS.gpt4o, MODELS.gpt4oMini, MODELS.sonnet, MODELS.haiku]);
  const clock = new Clock(context.startMs);
  const root = startSpan(context.tracer('support-agent'), null, 'invoke_agent support', clock.nowMs, {
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'gen_ai.conversation.id': context.session,
      'user.id': context.user,
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: question }] },
      ]),
    },
    links: context.previousTurn
      ? [{ context: context.previousTurn, attributes: { 'sextant.link': 'previous turn' } }]
      : [],
  });
  clock.advance(random.between(2, 8));

  const history: Message[] = [{ role: 'user', parts: [{ type: 'text', content: question }] }];
  const lookup = { id: responseId(random, 'call_'), name: 'lookup_order', arguments: { order_id: order } };
  const plan: Message = {
    role: 'assistant',
    parts: [{ type: 'tool_call', ...lookup }],
    finish_reason: 'tool_calls',
  };
  chatCall(context, root, clock, model, history, plan, false);
  history.push(plan);
  const found = toolCall(
    context,
    root,
    clock,
    lookup,
    { method: 'GET', route: '/orders/{id}', path: `/orders/${order}` },
    {
      order_id: order,
      status: 'shipped',
      carrier: values.carrier,
      items: [values.product],
    },
  );
  history.push({ role: 'tool', parts: [{ type: 'tool_call_response', id: lookup.id, response: found }] });

  let failed = typeof found === 'object' && found !== null && 'error' in found;
  for (const name of failed ? [] : intent.tools) {
    const call = { id: responseId(random, 'call_'), name, arguments: { order_id: order } };
    const step: Message = {
      role: 'assistant',
      parts: [{ type: 'tool_call', ...call }],
      finish_reason: 'tool_calls',
    };
    chatCall(context, root, clock, model, history, step, false);
    history.push(step);
    const { method, route } = TOOL_ROUTES[name];
    const result = toolCall(
      context,
      root,
      clock,
      call,
      { method, route, path: route.replace('{id}', order) },
      {
        order_id: order,
        done: true,
      },
    );
    history.push({ role: 'tool', parts: [{ type: 'tool_call_response', id: call.id, response: result }] });
    failed = typeof result === 'object' && result !== null && 'error' in result;
  }
  const text = failed
    ? `I am sorry, I cannot reach our order system right now, so I cannot check order ${order}. Please try again in a few minutes.`
    : fill(intent.answer, values);
  const answer: Message = {
    role: 'assistant',
    parts: [{ type: 'text', content: text }],
    finish_reason: 'stop',
  };
  chatCall(context, root, clock, model, history, answer, true);
  root.setAttribute('gen_ai.output.messages', JSON.stringify([answer]));
  clock.advance(random.between(2, 6));
  endSpan(root, clock.nowMs);
  return root.spanContext();
}
