import { describe, expect, it } from 'vitest';
import { extractLlmFields } from '../../src/semconv/index.js';
import { event, MS, span } from './span-builder.js';

const NODE = { 'service.name': 'next-app', 'telemetry.sdk.language': 'nodejs' };

describe('Vercel AI SDK', () => {
  it('types the outer generateText span as a chain and reads its prompt and metadata', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.generateText',
        resource: NODE,
        attributes: {
          'operation.name': 'ai.generateText summarize',
          'ai.operationId': 'ai.generateText',
          'ai.model.id': 'gpt-4o',
          'ai.model.provider': 'openai.chat',
          'ai.telemetry.functionId': 'summarize',
          'ai.telemetry.metadata.sessionId': 'chat-7',
          'ai.telemetry.metadata.userId': 'alice',
          'ai.settings.maxRetries': 2n,
          'ai.prompt': '{"system":"You are terse.","prompt":"Summarize OpenTelemetry."}',
          'ai.response.text': 'Vendor-neutral telemetry.',
          'ai.response.finishReason': 'stop',
          'ai.usage.inputTokens': 12n,
          'ai.usage.outputTokens': 5n,
          'ai.usage.totalTokens': 17n,
        },
      }),
    );
    expect(fields).toEqual({
      spanType: 'chain',
      requestModel: 'gpt-4o',
      responseModel: null,
      provider: 'openai',
      tokens: { input: 12, output: 5, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 17 },
      cost: null,
      sessionId: 'chat-7',
      userId: 'alice',
      inputText: '{"system":"You are terse.","prompt":"Summarize OpenTelemetry."}',
      outputText: 'Vendor-neutral telemetry.',
      timeToFirstTokenNano: null,
    });
  });

  it('types doGenerate as the LLM call', () => {
    const messages =
      '[{"role":"system","content":"You are terse."},{"role":"user","content":[{"type":"text","text":"Summarize OpenTelemetry."}]}]';
    const fields = extractLlmFields(
      span({
        name: 'ai.generateText.doGenerate',
        kind: 3,
        resource: NODE,
        attributes: {
          'ai.operationId': 'ai.generateText.doGenerate',
          'ai.model.id': 'gpt-4o',
          'ai.model.provider': 'openai.chat',
          'ai.prompt.messages': messages,
          'ai.response.text': 'Vendor-neutral telemetry.',
          'ai.response.model': 'gpt-4o-2024-08-06',
          'ai.usage.inputTokens': 12n,
          'ai.usage.outputTokens': 5n,
          'ai.usage.totalTokens': 17n,
          'ai.usage.reasoningTokens': 0n,
          'ai.usage.cachedInputTokens': 0n,
          'gen_ai.system': 'openai.chat',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.response.finish_reasons': ['stop'],
          'gen_ai.usage.input_tokens': 12n,
          'gen_ai.usage.output_tokens': 5n,
        },
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'llm',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      provider: 'openai',
      tokens: { input: 12, output: 5, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 17 },
      inputText: messages,
      outputText: 'Vendor-neutral telemetry.',
    });
  });

  it('reads the time to first chunk of doStream', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.streamText.doStream',
        resource: NODE,
        attributes: {
          'ai.operationId': 'ai.streamText.doStream',
          'ai.model.id': 'gemini-2.5-flash',
          'ai.model.provider': 'google.generative-ai',
          'ai.response.msToFirstChunk': 412.5,
          'ai.response.msToFinish': 1890.25,
        },
        events: [event('ai.stream.firstChunk', 413n * MS, { 'ai.response.msToFirstChunk': 412.5 })],
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'llm',
      provider: 'gcp.gemini',
      timeToFirstTokenNano: 412_500_000n,
    });
  });

  it('reads the time to first chunk from the ai.stream.firstChunk event alone', () => {
    const withAttribute = extractLlmFields(
      span({
        name: 'ai.streamObject.doStream',
        events: [event('ai.stream.firstChunk', 700n * MS, { 'ai.stream.msToFirstChunk': 650n })],
      }),
    );
    expect(withAttribute.timeToFirstTokenNano).toBe(650_000_000n);
    const bare = extractLlmFields(
      span({ name: 'ai.streamText.doStream', events: [event('ai.stream.firstChunk', 700n * MS)] }),
    );
    expect(bare.timeToFirstTokenNano).toBe(700_000_000n);
  });

  it('reads a tool call span', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.toolCall',
        attributes: {
          'operation.name': 'ai.toolCall',
          'ai.operationId': 'ai.toolCall',
          'ai.toolCall.name': 'weather',
          'ai.toolCall.id': 'call_1',
          'ai.toolCall.args': '{"city":"Paris"}',
          'ai.toolCall.result': '{"temperature":14}',
        },
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'tool',
      inputText: '{"city":"Paris"}',
      outputText: '{"temperature":14}',
    });
  });

  it('reads embedding spans', () => {
    const inner = extractLlmFields(
      span({
        name: 'ai.embedMany.doEmbed',
        attributes: {
          'ai.operationId': 'ai.embedMany.doEmbed',
          'ai.model.id': 'text-embedding-3-small',
          'ai.model.provider': 'openai.embedding',
          'ai.values': ['sunny day at the beach', 'rainy afternoon'],
          'ai.usage.tokens': 9n,
        },
      }),
    );
    expect(inner).toMatchObject({
      spanType: 'embedding',
      requestModel: 'text-embedding-3-small',
      provider: 'openai',
      inputText: '["sunny day at the beach","rainy afternoon"]',
      tokens: { input: 9, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 9 },
    });
    const outer = extractLlmFields(
      span({ name: 'ai.embed', attributes: { 'ai.value': 'sunny day at the beach' } }),
    );
    expect(outer).toMatchObject({ spanType: 'chain', inputText: 'sunny day at the beach' });
  });

  it.each([
    ['ai.generateObject', 'chain'],
    ['ai.generateObject.doGenerate', 'llm'],
    ['ai.streamObject', 'chain'],
    ['ai.streamText', 'chain'],
    ['ai.embed.doEmbed', 'embedding'],
    ['ai.embedMany', 'chain'],
  ])('types %s as %s', (name, spanType) => {
    expect(extractLlmFields(span({ name })).spanType).toBe(spanType);
  });

  it('falls back to ai.operationId when the span was renamed', () => {
    const fields = extractLlmFields(
      span({ name: 'my step', attributes: { 'ai.operationId': 'ai.toolCall' } }),
    );
    expect(fields.spanType).toBe('tool');
  });

  it('reads the earlier ai.result.* names', () => {
    const fields = extractLlmFields(
      span({ name: 'ai.generateObject', attributes: { 'ai.result.object': '{"name":"Ada"}' } }),
    );
    expect(fields.outputText).toBe('{"name":"Ada"}');
  });
});
