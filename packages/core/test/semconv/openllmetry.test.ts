import { describe, expect, it } from 'vitest';
import { extractLlmFields } from '../../src/semconv/index.js';
import { event, MS, span } from './span-builder.js';

describe('OpenLLMetry (traceloop)', () => {
  it('reads an OpenAI chat span', () => {
    const fields = extractLlmFields(
      span({
        name: 'openai.chat',
        kind: 3,
        resource: { 'service.name': 'joke-service', 'telemetry.sdk.language': 'python' },
        attributes: {
          'gen_ai.system': 'OpenAI',
          'llm.request.type': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'llm.is_streaming': true,
          'gen_ai.openai.api_base': 'https://api.openai.com/v1/',
          'gen_ai.prompt.0.role': 'user',
          'gen_ai.prompt.0.content': 'Tell me a joke about OpenTelemetry',
          'gen_ai.completion.0.finish_reason': 'stop',
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': 'Why did the span break up with the trace?',
          'gen_ai.usage.prompt_tokens': 15n,
          'gen_ai.usage.completion_tokens': 20n,
          'llm.usage.total_tokens': 35n,
          'traceloop.workflow.name': 'joke_generator',
          'traceloop.association.properties.session_id': 'session-9',
          'traceloop.association.properties.user_id': 'user-9',
        },
        events: [
          event('llm.content.completion.chunk', 230n * MS),
          event('llm.content.completion.chunk', 260n * MS),
        ],
      }),
    );
    expect(fields).toEqual({
      spanType: 'llm',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      provider: 'openai',
      tokens: { input: 15, output: 20, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 35 },
      cost: null,
      sessionId: 'session-9',
      userId: 'user-9',
      inputText: '[{"role":"user","content":"Tell me a joke about OpenTelemetry"}]',
      outputText:
        '[{"finish_reason":"stop","role":"assistant","content":"Why did the span break up with the trace?"}]',
      timeToFirstTokenNano: 230_000_000n,
    });
  });

  it('keeps the cache-inclusive prompt count of the Python Anthropic instrumentation', () => {
    // opentelemetry-instrumentation-anthropic sums input_tokens and both cache counts itself.
    const fields = extractLlmFields(
      span({
        name: 'anthropic.chat',
        resource: { 'telemetry.sdk.language': 'python' },
        attributes: {
          'gen_ai.system': 'Anthropic',
          'llm.request.type': 'chat',
          'gen_ai.request.model': 'claude-sonnet-4-5',
          'gen_ai.usage.prompt_tokens': 1500n,
          'gen_ai.usage.completion_tokens': 50n,
          'llm.usage.total_tokens': 1550n,
          'gen_ai.usage.cache_read_input_tokens': 1200n,
          'gen_ai.usage.cache_creation_input_tokens': 100n,
        },
      }),
    );
    expect(fields.provider).toBe('anthropic');
    expect(fields.tokens).toEqual({
      input: 1500,
      output: 50,
      cacheRead: 1200,
      cacheWrite: 100,
      reasoning: 0,
      total: 1550,
    });
  });

  it('reads workflow and task spans with their entity input and output', () => {
    const workflow = extractLlmFields(
      span({
        name: 'joke_generator.workflow',
        attributes: {
          'traceloop.span.kind': 'workflow',
          'traceloop.workflow.name': 'joke_generator',
          'traceloop.entity.name': 'joke_generator',
          'traceloop.entity.input': '{"args": [], "kwargs": {"topic": "otel"}}',
          'traceloop.entity.output': '"Why did the span break up with the trace?"',
        },
      }),
    );
    expect(workflow).toMatchObject({
      spanType: 'chain',
      inputText: '{"args": [], "kwargs": {"topic": "otel"}}',
      outputText: '"Why did the span break up with the trace?"',
    });
    const task = extractLlmFields(span({ attributes: { 'traceloop.span.kind': 'task' } }));
    expect(task.spanType).toBe('chain');
  });

  it.each([
    [{ 'traceloop.span.kind': 'agent' }, 'agent'],
    [{ 'traceloop.span.kind': 'tool' }, 'tool'],
    [{ 'gen_ai.system': 'OpenAI', 'llm.request.type': 'embedding' }, 'embedding'],
    [{ 'gen_ai.system': 'Cohere', 'llm.request.type': 'rerank' }, 'reranker'],
    [{ 'gen_ai.system': 'OpenAI', 'llm.request.type': 'completion' }, 'llm'],
  ])('types %o as %s', (attributes, spanType) => {
    expect(extractLlmFields(span({ attributes })).spanType).toBe(spanType);
  });
});
