import { type Attributes, type SpanContext, SpanKind } from '@opentelemetry/api';
import { MODELS, RESEARCH_SYSTEM_PROMPT, RESEARCH_TOPICS, tokensOf } from './content.js';
import { Clock, endSpan, modelTiming, type RunContext, startSpan } from './run-context.js';

/** OpenInference spreads a list of messages over indexed keys. */
function indexedMessages(prefix: string, messages: { role: string; content: string }[]): Attributes {
  const attributes: Attributes = {};
  messages.forEach((message, index) => {
    attributes[`${prefix}.${index}.message.role`] = message.role;
    attributes[`${prefix}.${index}.message.content`] = message.content;
  });
  return attributes;
}

/**
 * A research agent written with the OpenInference conventions (as Arize's instrumentations of
 * LangChain write it): it embeds the question, retrieves documents, checks them with a guardrail,
 * searches the web and answers with Claude or Gemini.
 */
export function recordResearchRun(context: RunContext): SpanContext {
  const { random } = context;
  const topic = random.pick(RESEARCH_TOPICS);
  const tracer = context.tracer('research-agent');
  const clock = new Clock(context.startMs);
  const common = { 'session.id': context.session, 'user.id': context.user };
  const root = startSpan(tracer, null, 'research_agent', clock.nowMs, {
    attributes: {
      'openinference.span.kind': 'AGENT',
      'input.value': topic.question,
      'input.mime_type': 'text/plain',
      'tag.tags': ['research', context.turn === 0 ? 'first-turn' : 'follow-up'],
      metadata: JSON.stringify({ team: 'platform', turn: context.turn }),
      ...common,
    },
    links: context.previousTurn ? [{ context: context.previousTurn }] : [],
  });
  clock.advance(random.between(3, 10));

  const queryTokens = tokensOf(topic.question);
  const embed = startSpan(tracer, root, 'embed_query', clock.nowMs, {
    kind: SpanKind.CLIENT,
    attributes: {
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
      'embedding.embeddings.0.embedding.text': topic.question,
      'llm.provider': 'openai',
      'llm.system': 'openai',
      'llm.token_count.prompt': queryTokens,
      'llm.token_count.total': queryTokens,
      ...common,
    },
  });
  clock.advance(random.between(60, 180));
  endSpan(embed, clock.nowMs);

  const retrieve = startSpan(tracer, root, 'retrieve_documents', clock.advance(2), {
    kind: SpanKind.CLIENT,
    attributes: { 'openinference.span.kind': 'RETRIEVER', 'input.value': topic.question, ...common },
  });
  topic.documents.forEach((document, index) => {
    retrieve.setAttributes({
      [`retrieval.documents.${index}.document.id`]: document.id,
      [`retrieval.documents.${index}.document.content`]: document.content,
      [`retrieval.documents.${index}.document.score`]: Math.round((0.92 - index * 0.07) * 1000) / 1000,
    });
  });
  clock.advance(random.between(20, 90));
  endSpan(retrieve, clock.nowMs);

  const guardrail = startSpan(tracer, root, 'check_sources', clock.advance(2), {
    attributes: {
      'openinference.span.kind': 'GUARDRAIL',
      'input.value': topic.documents.map((d) => d.id).join(','),
      ...common,
    },
  });
  const blocked = random.chance(0.04);
  guardrail.setAttribute('output.value', blocked ? 'blocked: a source is marked confidential' : 'passed');
  clock.advance(random.between(5, 30));
  endSpan(
    guardrail,
    clock.nowMs,
    blocked ? { type: 'GuardrailViolation', message: 'confidential source' } : undefined,
  );

  const search = startSpan(tracer, root, 'web_search', clock.advance(2), {
    attributes: {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'web_search',
      'tool.description': 'Searches the public web and returns the top results.',
      'input.value': JSON.stringify({ query: topic.searchQuery, max_results: 3 }),
      'input.mime_type': 'application/json',
      ...common,
    },
  });
  const searchTimedOut = random.chance(0.05);
  clock.advance(searchTimedOut ? random.between(9000, 10000) : random.between(300, 1400));
  search.setAttribute(
    'output.value',
    searchTimedOut
      ? 'timeout after 10 s'
      : JSON.stringify([{ title: topic.searchQuery, url: 'https://example.org/article' }]),
  );
  endSpan(
    search,
    clock.nowMs,
    searchTimedOut ? { type: 'TimeoutError', message: 'web search timed out' } : undefined,
  );

  const model = random.pick([MODELS.sonnet, MODELS.gemini, MODELS.gemini]);
  const sources = topic.documents.map((document) => `[${document.id}] ${document.content}`).join('\n');
  const input = [
    { role: 'system', content: RESEARCH_SYSTEM_PROMPT },
    { role: 'user', content: `${topic.question}\n\nSources:\n${sources}` },
  ];
  const output = [{ role: 'assistant', content: topic.answer }];
  const promptTokens = tokensOf(JSON.stringify(input)) + 180;
  const completionTokens = tokensOf(topic.answer) + random.int(0, 40);
  const timing = modelTiming(random, model, completionTokens);
  const llm = startSpan(
    tracer,
    root,
    model.provider === 'anthropic' ? 'ChatAnthropic' : 'ChatGoogleGenerativeAI',
    clock.advance(3),
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'openinference.span.kind': 'LLM',
        'llm.model_name': model.responseName,
        'llm.provider': model.provider === 'anthropic' ? 'anthropic' : 'google',
        'llm.system': model.provider === 'anthropic' ? 'anthropic' : 'vertexai',
        'llm.invocation_parameters': JSON.stringify({ temperature: 0.2, max_tokens: 1024 }),
        ...indexedMessages('llm.input_messages', input),
        ...indexedMessages('llm.output_messages', output),
        'llm.token_count.prompt': promptTokens,
        'llm.token_count.completion': completionTokens,
        'llm.token_count.total': promptTokens + completionTokens,
        ...common,
      },
    },
  );
  clock.advance(timing.totalMs);
  endSpan(llm, clock.nowMs);

  root.setAttributes({ 'output.value': topic.answer, 'output.mime_type': 'text/plain' });
  clock.advance(random.between(2, 8));
  endSpan(root, clock.nowMs);
  return root.spanContext();
}
