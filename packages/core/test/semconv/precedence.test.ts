import { describe, expect, it } from 'vitest';
import { extractLlmFields } from '../../src/semconv/index.js';
import { event, MS, span } from './span-builder.js';

describe('precedence between conventions, field by field', () => {
  it('prefers OTel GenAI, then OpenInference, then OpenLLMetry, then Vercel', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.generateText.doGenerate',
        attributes: {
          'gen_ai.operation.name': 'chat',
          'openinference.span.kind': 'CHAIN',
          'traceloop.span.kind': 'task',
          'gen_ai.request.model': 'model-genai',
          'llm.model_name': 'model-openinference',
          'ai.model.id': 'model-vercel',
          'ai.response.model': 'response-vercel',
          'llm.provider': 'azure',
          'llm.system': 'openai',
          'gen_ai.system': 'Cohere',
          'ai.model.provider': 'mistral.chat',
          'gen_ai.usage.input_tokens': 100n,
          'llm.token_count.prompt': 90n,
          'gen_ai.usage.prompt_tokens': 80n,
          'ai.usage.inputTokens': 70n,
          'llm.token_count.completion': 9n,
          'gen_ai.usage.completion_tokens': 8n,
          'ai.usage.outputTokens': 7n,
          'gen_ai.conversation.id': 'conversation-genai',
          'session.id': 'session-openinference',
          'traceloop.association.properties.session_id': 'session-openllmetry',
          'ai.telemetry.metadata.sessionId': 'session-vercel',
          'traceloop.association.properties.user_id': 'user-openllmetry',
          'ai.telemetry.metadata.userId': 'user-vercel',
          'input.value': 'input-openinference',
          'gen_ai.prompt.0.content': 'input-openllmetry',
          'ai.prompt': 'input-vercel',
          'gen_ai.output.messages': '[{"role":"assistant","parts":[]}]',
          'output.value': 'output-openinference',
          'ai.response.text': 'output-vercel',
          'ai.response.msToFirstChunk': 50,
        },
        events: [event('First Token Stream Event', 100n * MS)],
      }),
    );
    expect(fields).toEqual({
      spanType: 'llm',
      requestModel: 'model-genai',
      // No gen_ai.response.model: the next convention that has one, field by field.
      responseModel: 'model-openinference',
      provider: 'azure.ai.openai',
      tokens: { input: 100, output: 9, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: 109 },
      cost: null,
      sessionId: 'conversation-genai',
      userId: 'user-openllmetry',
      inputText: 'input-openinference',
      outputText: '[{"role":"assistant","parts":[]}]',
      timeToFirstTokenNano: 100_000_000n,
    });
  });

  it('prefers OpenLLMetry over the Vercel AI SDK', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.generateText',
        attributes: {
          'traceloop.span.kind': 'agent',
          'gen_ai.system': 'Anthropic',
          'ai.model.provider': 'openai.chat',
          'gen_ai.prompt.0.role': 'user',
          'gen_ai.prompt.0.content': 'input-openllmetry',
          'ai.prompt': 'input-vercel',
          'traceloop.entity.output': 'output-openllmetry',
          'ai.response.text': 'output-vercel',
          'gen_ai.usage.prompt_tokens': 5n,
          'ai.usage.promptTokens': 4n,
        },
        events: [event('llm.content.completion.chunk', 30n * MS), event('ai.stream.firstChunk', 20n * MS)],
      }),
    );
    expect(fields).toMatchObject({
      spanType: 'agent',
      provider: 'anthropic',
      inputText: '[{"role":"user","content":"input-openllmetry"}]',
      outputText: 'output-openllmetry',
      tokens: { input: 5, output: 0, total: 5 },
      timeToFirstTokenNano: 30_000_000n,
    });
  });

  it('prefers span attributes over the operation details event', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': '[{"role":"user","parts":[]}]',
        },
        events: [
          event('gen_ai.client.inference.operation.details', 0n, {
            'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"other"}]}]',
          }),
        ],
      }),
    );
    expect(fields.inputText).toBe('[{"role":"user","parts":[]}]');
  });
});
