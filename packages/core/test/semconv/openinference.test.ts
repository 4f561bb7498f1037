import { describe, expect, it } from 'vitest';
import { extractLlmFields } from '../../src/semconv/index.js';
import { event, MS, span } from './span-builder.js';

const PYTHON = { 'service.name': 'calculator', 'telemetry.sdk.language': 'python' };

describe('OpenInference', () => {
  it('reads an LLM span with flattened messages, tool calls, cache details and cost', () => {
    const fields = extractLlmFields(
      span({
        name: 'ChatCompletion',
        resource: { ...PYTHON, 'openinference.project.name': 'calculator' },
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.system': 'openai',
          'llm.provider': 'openai',
          'llm.model_name': 'gpt-4o-mini-2024-07-18',
          'llm.invocation_parameters': '{"model": "gpt-4o-mini", "temperature": 0.1}',
          'input.value':
            '{"messages": [{"role": "user", "content": "what is 23 times 87"}], "model": "gpt-4o-mini"}',
          'input.mime_type': 'application/json',
          'llm.input_messages.0.message.role': 'system',
          'llm.input_messages.0.message.content': 'You are a calculator.',
          'llm.input_messages.1.message.role': 'user',
          'llm.input_messages.1.message.content': 'what is 23 times 87',
          'llm.output_messages.0.message.role': 'assistant',
          'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_Re47Qyh8AggDGEEzlhb4fu7h',
          'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'multiply',
          'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"a": 23, "b": 87}',
          'output.value': '{"tool_calls": [{"id": "call_Re47Qyh8AggDGEEzlhb4fu7h"}]}',
          'output.mime_type': 'application/json',
          'llm.token_count.prompt': 229n,
          'llm.token_count.completion': 21n,
          'llm.token_count.total': 250n,
          'llm.token_count.prompt_details.cache_read': 128n,
          'llm.token_count.completion_details.reasoning': 0n,
          'llm.cost.total': 0.0000654,
          'session.id': 'session-1',
          'user.id': 'user-1',
          'tag.tags': ['calc'],
          metadata: '{"experiment": "a"}',
        },
        events: [event('First Token Stream Event', 420n * MS)],
      }),
    );
    expect(fields).toEqual({
      spanType: 'llm',
      requestModel: 'gpt-4o-mini-2024-07-18',
      responseModel: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      tokens: { input: 229, output: 21, cacheRead: 128, cacheWrite: 0, reasoning: 0, total: 250 },
      cost: { nanoUsd: 65_400, source: 'provided', priceEntry: null },
      sessionId: 'session-1',
      userId: 'user-1',
      inputText:
        '[{"role":"system","content":"You are a calculator."},{"role":"user","content":"what is 23 times 87"}]',
      outputText:
        '[{"role":"assistant","tool_calls":[{"id":"call_Re47Qyh8AggDGEEzlhb4fu7h",' +
        '"function":{"name":"multiply","arguments":"{\\"a\\": 23, \\"b\\": 87}"}}]}]',
      timeToFirstTokenNano: 420_000_000n,
    });
  });

  it('rebuilds message contents lists', () => {
    const fields = extractLlmFields(
      span({
        resource: PYTHON,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.input_messages.0.message.role': 'user',
          'llm.input_messages.0.message.contents.0.message_content.type': 'text',
          'llm.input_messages.0.message.contents.0.message_content.text': 'What is in this image?',
          'llm.input_messages.0.message.contents.1.message_content.type': 'image',
          'llm.input_messages.0.message.contents.1.message_content.image.image.url':
            'https://example.com/cat.png',
        },
      }),
    );
    expect(fields.inputText).toBe(
      '[{"role":"user","contents":[{"type":"text","text":"What is in this image?"},' +
        '{"type":"image","image":{"image":{"url":"https://example.com/cat.png"}}}]}]',
    );
  });

  it('falls back to input.value / output.value, kept as plain strings', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'openinference.span.kind': 'CHAIN',
          'input.value': 'What is 2+2?',
          'output.value': '4',
        },
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'chain',
      inputText: 'What is 2+2?',
      outputText: '4',
      tokens: null,
    });
  });

  it('reads a retriever span and its documents', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'openinference.span.kind': 'RETRIEVER',
          'input.value': 'capital of France',
          'retrieval.documents.0.document.id': 'd1',
          'retrieval.documents.0.document.content': 'Paris is the capital of France.',
          'retrieval.documents.0.document.score': 0.92,
          'retrieval.documents.1.document.id': 'd2',
          'retrieval.documents.1.document.content': 'France is in Europe.',
          'retrieval.documents.1.document.score': 0.41,
        },
      }),
    );
    expect(fields.spanType).toBe('retriever');
    expect(fields.inputText).toBe('capital of France');
    expect(fields.outputText).toBe(
      '[{"id":"d1","content":"Paris is the capital of France.","score":0.92},' +
        '{"id":"d2","content":"France is in Europe.","score":0.41}]',
    );
  });

  it('reads an embedding span without its vectors', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'openinference.span.kind': 'EMBEDDING',
          'embedding.model_name': 'text-embedding-ada-002',
          'embedding.embeddings.0.embedding.text': 'hello world',
          'embedding.embeddings.0.embedding.vector': [0.0023, -0.0091, 0.0134],
          'llm.token_count.prompt': 2n,
          'llm.token_count.total': 2n,
        },
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'embedding',
      requestModel: 'text-embedding-ada-002',
      inputText: '[{"text":"hello world"}]',
      tokens: { input: 2, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 2 },
    });
  });

  it.each([
    ['LLM', 'llm'],
    ['EMBEDDING', 'embedding'],
    ['CHAIN', 'chain'],
    ['RETRIEVER', 'retriever'],
    ['RERANKER', 'reranker'],
    ['TOOL', 'tool'],
    ['AGENT', 'agent'],
    ['GUARDRAIL', 'guardrail'],
    ['EVALUATOR', 'evaluator'],
    ['PROMPT', 'prompt'],
  ])('types openinference.span.kind %s as %s', (kind, spanType) => {
    expect(extractLlmFields(span({ attributes: { 'openinference.span.kind': kind } })).spanType).toBe(
      spanType,
    );
  });

  it('reads a tool span', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'openinference.span.kind': 'TOOL',
          'tool.name': 'multiply',
          'tool.parameters': '{"type":"object"}',
          'input.value': '{"a": 23, "b": 87}',
          'output.value': '2001',
        },
      }),
    );
    expect(fields).toMatchObject({ spanType: 'tool', inputText: '{"a": 23, "b": 87}', outputText: '2001' });
  });

  it.each([
    [{ 'llm.provider': 'azure', 'llm.system': 'openai' }, 'azure.ai.openai'],
    [{ 'llm.provider': 'aws', 'llm.system': 'anthropic' }, 'aws.bedrock'],
    [{ 'llm.provider': 'google', 'llm.system': 'vertexai' }, 'gcp.vertex_ai'],
    [{ 'llm.provider': 'google' }, 'gcp.gen_ai'],
    [{ 'llm.provider': 'mistralai' }, 'mistral_ai'],
    [{ 'llm.system': 'vertexai' }, 'gcp.vertex_ai'],
    [{ 'llm.provider': 'xai' }, 'x_ai'],
    [{ 'llm.provider': 'fireworks' }, 'fireworks'],
  ])('names the provider of %o %s', (attributes, provider) => {
    const fields = extractLlmFields(
      span({ attributes: { 'openinference.span.kind': 'LLM', ...attributes } }),
    );
    expect(fields.provider).toBe(provider);
  });
});
