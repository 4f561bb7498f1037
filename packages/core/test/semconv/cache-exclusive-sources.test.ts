import { describe, expect, it } from 'vitest';
import type { TokenCounts } from '../../src/model/llm.js';
import { CACHE_EXCLUSIVE_SOURCES, extractLlmFields, type LlmSpanInput } from '../../src/semconv/index.js';
import { span } from './span-builder.js';

const NODE = { 'telemetry.sdk.language': 'nodejs' };
const PYTHON = { 'telemetry.sdk.language': 'python' };

/**
 * One Anthropic call as every source reports it: 5000 uncached input tokens, 1800 read from the
 * cache, 300 written to it, 200 output tokens. Whatever the source, the normalized counts are these.
 * The cached parts are smaller than the uncached input, so the counts alone do not show that the
 * input left them out: only the table knows.
 */
const ANTHROPIC_CALL: TokenCounts = {
  input: 7100,
  output: 200,
  cacheRead: 1800,
  cacheWrite: 300,
  reasoning: 0,
  total: 7300,
};

/** Each entry of the table, with spans it emits; a table entry without cases fails the suite. */
const CASES: Record<string, { label: string; span: LlmSpanInput }[]> = {
  'vercel-ai-sdk-anthropic-before-v6': [
    {
      label: 'AI SDK 5 doGenerate: cache read in ai.usage, cache write in the provider metadata',
      span: span({
        name: 'ai.generateText.doGenerate',
        resource: NODE,
        attributes: {
          'ai.operationId': 'ai.generateText.doGenerate',
          'ai.model.id': 'claude-sonnet-4-5',
          'ai.model.provider': 'anthropic.messages',
          'ai.usage.inputTokens': 5000n,
          'ai.usage.outputTokens': 200n,
          'ai.usage.totalTokens': 5200n,
          'ai.usage.cachedInputTokens': 1800n,
          'ai.response.providerMetadata':
            '{"anthropic":{"usage":{"input_tokens":5000,"cache_creation_input_tokens":300,' +
            '"cache_read_input_tokens":1800,"output_tokens":200},"cacheCreationInputTokens":300}}',
          'gen_ai.system': 'anthropic.messages',
          'gen_ai.request.model': 'claude-sonnet-4-5',
          'gen_ai.usage.input_tokens': 5000n,
          'gen_ai.usage.output_tokens': 200n,
        },
      }),
    },
    {
      label: 'AI SDK 4 doStream: both cache counts in the provider metadata',
      span: span({
        name: 'ai.streamText.doStream',
        resource: NODE,
        attributes: {
          'ai.model.id': 'claude-3-5-sonnet-latest',
          'ai.model.provider': 'anthropic.messages',
          'ai.usage.promptTokens': 5000n,
          'ai.usage.completionTokens': 200n,
          'ai.response.providerMetadata':
            '{"anthropic":{"cacheCreationInputTokens":300,"cacheReadInputTokens":1800}}',
        },
      }),
    },
    {
      label: 'Claude on Vertex through the AI SDK 5 Vertex provider, metadata under `vertex`',
      span: span({
        name: 'ai.generateText.doGenerate',
        attributes: {
          'ai.model.provider': 'vertex.anthropic.messages',
          'ai.usage.inputTokens': 5000n,
          'ai.usage.outputTokens': 200n,
          'ai.usage.cachedInputTokens': 1800n,
          'ai.response.providerMetadata': '{"vertex":{"cacheCreationInputTokens":300}}',
        },
      }),
    },
  ],
  'openinference-js-anthropic': [
    {
      label: '@arizeai/openinference-instrumentation-bedrock, InvokeModel with Claude',
      span: span({
        name: 'bedrock.invoke_model',
        resource: NODE,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.system': 'anthropic',
          'llm.provider': 'aws',
          'llm.model_name': 'anthropic.claude-3-5-sonnet-20240620-v1:0',
          'llm.token_count.prompt': 5000n,
          'llm.token_count.completion': 200n,
          'llm.token_count.prompt_details.cache_read': 1800n,
          'llm.token_count.prompt_details.cache_write': 300n,
        },
      }),
    },
  ],
};

describe('sources whose input tokens leave out the cached parts', () => {
  it('has test cases for exactly the sources of the table', () => {
    expect(Object.keys(CASES).sort()).toEqual(CACHE_EXCLUSIVE_SOURCES.map((source) => source.id).sort());
  });

  for (const [id, cases] of Object.entries(CASES)) {
    describe(id, () => {
      it.each(cases)('adds the cached parts back: $label', ({ span: input }) => {
        expect(extractLlmFields(input).tokens).toEqual(ANTHROPIC_CALL);
      });
    });
  }

  it('leaves AI SDK 6 alone: its input already includes the cache', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.streamText.doStream',
        resource: NODE,
        attributes: {
          'ai.model.provider': 'anthropic.messages',
          'ai.usage.inputTokens': 7100n,
          'ai.usage.inputTokenDetails.noCacheTokens': 5000n,
          'ai.usage.inputTokenDetails.cacheReadTokens': 1800n,
          'ai.usage.inputTokenDetails.cacheWriteTokens': 300n,
          'ai.usage.outputTokens': 200n,
          'ai.usage.totalTokens': 7300n,
          'ai.usage.cachedInputTokens': 1800n,
          'gen_ai.usage.input_tokens': 7100n,
          'gen_ai.usage.output_tokens': 200n,
        },
      }),
    );
    expect(fields.tokens).toEqual(ANTHROPIC_CALL);
  });

  it('leaves the OpenAI provider alone: its prompt tokens include the cached ones', () => {
    const fields = extractLlmFields(
      span({
        name: 'ai.generateText.doGenerate',
        attributes: {
          'ai.model.provider': 'openai.chat',
          'ai.usage.inputTokens': 2000n,
          'ai.usage.cachedInputTokens': 1800n,
          'ai.usage.outputTokens': 100n,
          'ai.usage.totalTokens': 2100n,
        },
      }),
    );
    expect(fields.tokens).toEqual({
      input: 2000,
      output: 100,
      cacheRead: 1800,
      cacheWrite: 0,
      reasoning: 0,
      total: 2100,
    });
  });

  it('leaves the Python OpenInference Anthropic instrumentation alone: it sums the cache itself', () => {
    const fields = extractLlmFields(
      span({
        name: 'Messages',
        resource: PYTHON,
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.system': 'anthropic',
          'llm.provider': 'anthropic',
          'llm.token_count.prompt': 7100n,
          'llm.token_count.completion': 200n,
          'llm.token_count.prompt_details.cache_read': 1800n,
          'llm.token_count.prompt_details.cache_write': 300n,
        },
      }),
    );
    expect(fields.tokens).toEqual(ANTHROPIC_CALL);
  });
});

describe('when the counts themselves show the cache was left out', () => {
  it('adds the cache back when the cached parts exceed the input', () => {
    // Strands Agents on Bedrock reports input_tokens without the cache, and a total with it.
    const fields = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'us.anthropic.claude-sonnet-4-20250514-v1:0',
          'gen_ai.usage.input_tokens': 4299n,
          'gen_ai.usage.output_tokens': 631n,
          'gen_ai.usage.cache_read.input_tokens': 35574n,
          'gen_ai.usage.cache_creation.input_tokens': 17787n,
        },
      }),
    );
    expect(fields.tokens).toEqual({
      input: 57_660,
      output: 631,
      cacheRead: 35_574,
      cacheWrite: 17_787,
      reasoning: 0,
      total: 58_291,
    });
  });

  it('adds the cache back when only the total counts it', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.token_count.prompt': 5000n,
          'llm.token_count.completion': 100n,
          'llm.token_count.prompt_details.cache_read': 1000n,
          'llm.token_count.total': 6100n,
        },
      }),
    );
    expect(fields.tokens).toEqual({
      input: 6000,
      output: 100,
      cacheRead: 1000,
      cacheWrite: 0,
      reasoning: 0,
      total: 6100,
    });
  });
});

describe('token rules', () => {
  it('keeps input and output at 0 when only a total is reported', () => {
    const fields = extractLlmFields(
      span({ attributes: { 'gen_ai.system': 'openai', 'llm.usage.total_tokens': 42n } }),
    );
    expect(fields.tokens).toEqual({
      input: 0,
      output: 0,
      cacheRead: 0,
      cacheWrite: 0,
      reasoning: 0,
      total: 42,
    });
  });

  it('has no tokens when the span reports no usage', () => {
    expect(extractLlmFields(span({ attributes: { 'gen_ai.operation.name': 'chat' } })).tokens).toBeNull();
  });

  it('reads counts sent as whole doubles and as decimal strings, and ignores others', () => {
    const fields = extractLlmFields(
      span({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.usage.input_tokens': 12.5,
          'llm.token_count.prompt': '40',
          'gen_ai.usage.output_tokens': 7,
          'gen_ai.usage.reasoning.output_tokens': -3n,
        },
      }),
    );
    expect(fields.tokens).toEqual({
      input: 40,
      output: 7,
      cacheRead: 0,
      cacheWrite: 0,
      reasoning: 0,
      total: 47,
    });
  });
});
