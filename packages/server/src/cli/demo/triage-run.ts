import { type SpanContext, SpanKind } from '@opentelemetry/api';
import { MODELS, TICKETS, tokensOf } from './content.js';
import { Clock, endSpan, modelTiming, type RunContext, startSpan } from './run-context.js';

const TRIAGE_SYSTEM =
  'Classify the support ticket. Answer with JSON: {"category": one of bug, feature_request, billing, ' +
  'account, question; "priority": low, medium or high}.';

/**
 * A ticket-triage workflow written as Traceloop's OpenLLMetry writes it: a workflow, a classify task
 * around a Mistral chat call (the deprecated `gen_ai.prompt.N.*` attributes), and a route task that
 * files the ticket with the helpdesk API.
 */
export function recordTriageRun(context: RunContext): SpanContext {
  const { random } = context;
  const ticket = random.pick(TICKETS);
  const tracer = context.tracer('ticket-triage');
  const association = {
    'traceloop.association.properties.user_id': context.user,
    'traceloop.association.properties.session_id': context.session,
  };
  const clock = new Clock(context.startMs);
  const verdict = JSON.stringify({ category: ticket.category, priority: ticket.priority });
  const workflow = startSpan(tracer, null, 'ticket_triage.workflow', clock.nowMs, {
    attributes: {
      'traceloop.span.kind': 'workflow',
      'traceloop.workflow.name': 'ticket_triage',
      'traceloop.entity.name': 'ticket_triage',
      'traceloop.entity.input': JSON.stringify({ ticket: ticket.text }),
      ...association,
    },
  });
  const classify = startSpan(tracer, workflow, 'classify.task', clock.advance(2), {
    attributes: {
      'traceloop.span.kind': 'task',
      'traceloop.workflow.name': 'ticket_triage',
      'traceloop.entity.name': 'classify',
      ...association,
    },
  });
  const model = MODELS.mistral;
  const promptTokens = tokensOf(TRIAGE_SYSTEM + ticket.text) + 12;
  const completionTokens = tokensOf(verdict);
  const timing = modelTiming(random, model, completionTokens);
  const chat = startSpan(tracer, classify, 'mistralai.chat', clock.advance(1), {
    kind: SpanKind.CLIENT,
    attributes: {
      'llm.request.type': 'chat',
      'gen_ai.system': 'MistralAI',
      'gen_ai.request.model': model.name,
      'gen_ai.response.model': model.responseName,
      'gen_ai.prompt.0.role': 'system',
      'gen_ai.prompt.0.content': TRIAGE_SYSTEM,
      'gen_ai.prompt.1.role': 'user',
      'gen_ai.prompt.1.content': ticket.text,
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.content': verdict,
      'gen_ai.completion.0.finish_reason': 'stop',
      'gen_ai.usage.prompt_tokens': promptTokens,
      'gen_ai.usage.completion_tokens': completionTokens,
      'llm.usage.total_tokens': promptTokens + completionTokens,
      ...association,
    },
  });
  clock.advance(timing.totalMs);
  endSpan(chat, clock.nowMs);
  classify.setAttribute('traceloop.entity.output', verdict);
  endSpan(classify, clock.advance(1));

  const route = startSpan(tracer, workflow, 'route.task', clock.advance(2), {
    attributes: { 'traceloop.span.kind': 'task', 'traceloop.entity.name': 'route', ...association },
  });
  const post = startSpan(tracer, route, 'POST', clock.advance(1), {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': 'POST',
      'url.full': 'http://helpdesk-api.internal/tickets',
      'server.address': 'helpdesk-api.internal',
    },
  });
  const rejected = random.chance(0.03);
  const server = startSpan(context.tracer('helpdesk-api'), post, 'POST /tickets', clock.advance(2), {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': 'POST', 'http.route': '/tickets', 'url.path': '/tickets' },
  });
  clock.advance(random.between(15, 120));
  server.setAttribute('http.response.status_code', rejected ? 422 : 201);
  endSpan(
    server,
    clock.nowMs,
    rejected ? { type: '422', message: 'queue "triage-high" does not exist' } : undefined,
  );
  post.setAttribute('http.response.status_code', rejected ? 422 : 201);
  endSpan(post, clock.advance(2), rejected ? { type: '422', message: 'Unprocessable Entity' } : undefined);
  endSpan(
    route,
    clock.advance(1),
    rejected ? { type: 'RoutingError', message: 'ticket not filed' } : undefined,
  );

  workflow.setAttribute('traceloop.entity.output', verdict);
  endSpan(workflow, clock.advance(random.between(1, 3)));
  return workflow.spanContext();
}
