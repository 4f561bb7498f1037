import { SpanKind } from '@opentelemetry/api';
import { createPriceCatalog } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import { startLlmCall, withLlmCall, withSpan } from '../../src/index.js';
import { collectSpans, parentOf, spanNamed } from '../support/collect.js';

const QUESTION = [{ role: 'user', content: 'What is the capital of France?' }];

describe('withLlmCall', () => {
  it('writes the request, response and usage with the current GenAI attribute names', async () => {
    const { collector } = collectSpans();
    await withSpan('agent', { kind: 'agent' }, () =>
      withLlmCall(
        {
          model: 'gpt-4o',
          provider: 'OpenAI',
          parameters: { temperature: 0.2, maxTokens: 256, topP: 0.9, stopSequences: ['\n\n'], seed: 7 },
          systemInstructions: 'Answer briefly.',
          inputMessages: QUESTION,
          conversationId: 'conv-1',
        },
        async (call) => {
          call.setResponse({
            model: 'gpt-4o-2024-08-06',
            id: 'chatcmpl-1',
            outputMessages: [{ role: 'assistant', content: 'Paris.', finishReason: 'stop' }],
            usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 1000, reasoningTokens: 100 },
          });
        },
      ),
    );
    const call = spanNamed(collector, 'chat gpt-4o');
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(call)).toBe(spanNamed(collector, 'agent').spanContext().spanId);
    expect(call.attributes).toMatchObject({
      'sextant.span.kind': 'llm',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.stop_sequences': ['\n\n'],
      'gen_ai.request.seed': 7,
      'gen_ai.conversation.id': 'conv-1',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.reasoning.output_tokens': 100,
    });
    expect(call.attributes['gen_ai.usage.cache_creation.input_tokens']).toBeUndefined();
    expect(JSON.parse(call.attributes['gen_ai.input.messages'] as string)).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'What is the capital of France?' }] },
    ]);
    expect(JSON.parse(call.attributes['gen_ai.output.messages'] as string)).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Paris.' }], finish_reason: 'stop' },
    ]);
    expect(JSON.parse(call.attributes['gen_ai.system_instructions'] as string)).toEqual([
      { type: 'text', content: 'Answer briefly.' },
    ]);
  });

  it('computes the cost from the core price catalog when none is provided', () => {
    const { collector } = collectSpans();
    const usage = { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 1000, reasoningTokens: 100 };
    const returned = withLlmCall({ model: 'gpt-4o', provider: 'openai' }, (call) => {
      call.setUsage(usage);
      return call.tokens;
    });
    const expected = createPriceCatalog().price({
      provider: 'openai',
      model: 'gpt-4o',
      tokens: returned!,
      timeUnixNano: 1_700_000_000_000_000_000n,
    });
    expect(expected).not.toBeNull();
    const call = spanNamed(collector, 'chat gpt-4o');
    expect(call.attributes['sextant.cost.usd']).toBe(expected!.nanoUsd / 1e9);
    expect(call.attributes['sextant.cost.price_entry']).toBe(expected!.priceEntry);
    expect(call.attributes['gen_ai.usage.cost']).toBeUndefined();
  });

  it('keeps a provided cost and computes none', () => {
    const { collector } = collectSpans();
    withLlmCall({ model: 'gpt-4o', provider: 'openai' }, (call) => {
      call.setResponse({ usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.0123 });
    });
    const call = spanNamed(collector, 'chat gpt-4o');
    expect(call.attributes['gen_ai.usage.cost']).toBe(0.0123);
    expect(call.attributes['sextant.cost.usd']).toBeUndefined();
  });

  it('leaves the cost out for a model the catalog does not know', () => {
    const { collector } = collectSpans();
    withLlmCall({ model: 'in-house-7b', provider: 'ollama' }, (call) => call.setUsage({ inputTokens: 10 }));
    expect(spanNamed(collector, 'chat in-house-7b').attributes['sextant.cost.usd']).toBeUndefined();
  });

  it('adds the cache back into input for providers that report it apart', () => {
    const { collector } = collectSpans();
    const tokens = withLlmCall({ model: 'claude-sonnet-4-5', provider: 'anthropic' }, (call) => {
      call.setUsage({
        inputTokens: 20,
        cacheReadTokens: 1000,
        cacheWriteTokens: 200,
        outputTokens: 50,
        inputIncludesCache: false,
      });
      return call.tokens;
    });
    expect(tokens).toEqual({
      input: 1220,
      output: 50,
      cacheRead: 1000,
      cacheWrite: 200,
      reasoning: 0,
      total: 1270,
    });
    expect(spanNamed(collector, 'chat claude-sonnet-4-5').attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 1220,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.cache_creation.input_tokens': 200,
    });
  });

  it('attaches the time to first token late, when the first chunk arrives, exactly', async () => {
    const { collector, clock } = collectSpans();
    async function* chunks() {
      clock.advance(120);
      yield 'Par';
      clock.advance(30);
      yield 'is.';
    }
    const text = await withLlmCall(
      { model: 'gpt-4o', provider: 'openai', parameters: { stream: true } },
      async (call) => {
        call.setAttribute('app.attempt', 1);
        let collected = '';
        for await (const chunk of call.trackStream(chunks())) collected += chunk;
        call.setResponse({ finishReasons: ['stop'], usage: { inputTokens: 5, outputTokens: 2 } });
        return collected;
      },
    );
    expect(text).toBe('Paris.');
    const call = spanNamed(collector, 'chat gpt-4o');
    expect(call.attributes['gen_ai.response.time_to_first_chunk']).toBe(0.12);
    expect(call.attributes['gen_ai.request.stream']).toBe(true);
    expect(call.duration).toEqual([0, 150_000_000]);
  });

  it('records only the first token of a stream consumed after the call returned', () => {
    const { collector, clock } = collectSpans();
    const call = startLlmCall({ model: 'gpt-4o-mini', operation: 'text_completion', name: 'complete' });
    clock.advance(80);
    call.firstToken();
    clock.advance(80);
    call.firstToken();
    call.end();
    const span = spanNamed(collector, 'complete');
    expect(span.attributes['gen_ai.operation.name']).toBe('text_completion');
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBe(0.08);
  });

  it('keeps prompts and completions out when content capture is off', () => {
    const { collector } = collectSpans({ captureContent: false });
    withLlmCall({ model: 'gpt-4o', inputMessages: QUESTION, systemInstructions: 'secret' }, (call) => {
      call.setOutputMessages([{ role: 'assistant', content: 'Paris.', finishReason: 'stop' }]);
    });
    withLlmCall(
      { model: 'gpt-4o', name: 'opted in', inputMessages: QUESTION, captureContent: true },
      () => {},
    );
    const call = spanNamed(collector, 'chat gpt-4o');
    expect(call.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(call.attributes['gen_ai.output.messages']).toBeUndefined();
    expect(call.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(call.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(spanNamed(collector, 'opted in').attributes['gen_ai.input.messages']).toBeDefined();
  });

  it('records tool calls in messages as parts', () => {
    const { collector } = collectSpans();
    withLlmCall({ model: 'gpt-4o' }, (call) =>
      call.setOutputMessages([
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
          finishReason: 'tool_call',
        },
      ]),
    );
    const output = JSON.parse(
      spanNamed(collector, 'chat gpt-4o').attributes['gen_ai.output.messages'] as string,
    );
    expect(output[0].parts[0]).toEqual({
      type: 'tool_call',
      id: 'call_1',
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
  });

  it('ignores a cost that is not an amount, with one warning', () => {
    const warnings: string[] = [];
    const { collector } = collectSpans({ warn: (message) => warnings.push(message) });
    withLlmCall({ model: 'gpt-4o', provider: 'openai' }, (call) => {
      call.setCost(-1);
      call.setCost(Number.NaN);
      call.setUsage({ inputTokens: 100, outputTokens: 10 });
    });
    expect(spanNamed(collector, 'chat gpt-4o').attributes['gen_ai.usage.cost']).toBeUndefined();
    expect(spanNamed(collector, 'chat gpt-4o').attributes['sextant.cost.usd']).toBeGreaterThan(0);
    expect(warnings.filter((warning) => warning.includes('setCost'))).toHaveLength(1);
  });
});
