import { describe, expect, it } from 'vitest';
import { createPriceCatalog, PriceOverrideError, type PriceRequest } from '../../src/pricing/index.js';
import { tokens, unixNano } from './catalog-oracle.js';

const AT = unixNano('2025-09-01T12:00:00Z');

function request(
  provider: string | null,
  model: string,
  counts = tokens({ input: 1_000, output: 100 }),
): PriceRequest {
  return { provider, model, tokens: counts, timeUnixNano: AT };
}

describe('LiteLLM price overrides', () => {
  it('win over the built-in catalog', () => {
    const builtIn = createPriceCatalog().price(request('openai', 'gpt-4o'));
    const overridden = createPriceCatalog({
      overrides: {
        'gpt-4o': { input_cost_per_token: 1e-6, output_cost_per_token: 4e-6, litellm_provider: 'openai' },
      },
    }).price(request('openai', 'gpt-4o'));
    expect(builtIn?.priceEntry).toBe('genai-prices:openai/gpt-4o');
    expect(overridden).toEqual({
      nanoUsd: 1_000 * 1_000 + 100 * 4_000,
      source: 'computed',
      priceEntry: 'override:gpt-4o',
    });
  });

  it('price models the catalog does not know, matching names without regard to case', () => {
    const catalog = createPriceCatalog({
      overrides: { 'My-Fine-Tune': { input_cost_per_token: 2.5e-7, output_cost_per_token: 1.25e-6 } },
    });
    expect(catalog.price(request(null, 'my-fine-tune'))).toEqual({
      nanoUsd: 1_000 * 250 + 100 * 1_250,
      source: 'computed',
      priceEntry: 'override:My-Fine-Tune',
    });
  });

  it('price cache reads, cache writes and reasoning with their own fields, and fall back like the catalog', () => {
    const catalog = createPriceCatalog({
      overrides: {
        'cache-model': {
          input_cost_per_token: 3e-6,
          output_cost_per_token: 1.5e-5,
          cache_read_input_token_cost: 3e-7,
          cache_creation_input_token_cost: 3.75e-6,
          output_cost_per_reasoning_token: 1e-5,
        },
        'plain-model': { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 },
      },
    });
    const counts = tokens({
      input: 10_000,
      cacheRead: 2_000,
      cacheWrite: 1_000,
      output: 500,
      reasoning: 200,
    });
    expect(catalog.price(request(null, 'cache-model', counts))?.nanoUsd).toBe(
      7_000 * 3_000 + 2_000 * 300 + 1_000 * 3_750 + 300 * 15_000 + 200 * 10_000,
    );
    expect(catalog.price(request(null, 'plain-model', counts))?.nanoUsd).toBe(10_000 * 3_000 + 500 * 15_000);
  });

  it('apply `_above_Nk_tokens` prices to calls whose input exceeds the threshold', () => {
    const catalog = createPriceCatalog({
      overrides: {
        'long-context': {
          input_cost_per_token: 1.25e-6,
          input_cost_per_token_above_128k_tokens: 2.5e-6,
          input_cost_per_token_above_200k_tokens: 5e-6,
          output_cost_per_token: 1e-5,
          output_cost_per_token_above_200k_tokens: 1.5e-5,
          cache_read_input_token_cost: 1.25e-7,
          cache_read_input_token_cost_above_200k_tokens: 2.5e-7,
        },
      },
    });
    const price = (input: number, cacheRead = 0) =>
      catalog.price(request(null, 'long-context', tokens({ input, cacheRead, output: 1_000 })))?.nanoUsd;
    expect(price(128_000)).toBe(128_000 * 1_250 + 1_000 * 10_000);
    expect(price(128_001)).toBe(128_001 * 2_500 + 1_000 * 10_000);
    expect(price(200_000)).toBe(200_000 * 2_500 + 1_000 * 10_000);
    expect(price(200_001, 100_000)).toBe(100_001 * 5_000 + 100_000 * 250 + 1_000 * 15_000);
  });

  it('match `provider/model` keys to the span provider, and bare keys to any provider', () => {
    const catalog = createPriceCatalog({
      overrides: {
        'azure/gpt-4o': {
          input_cost_per_token: 5e-6,
          output_cost_per_token: 1.5e-5,
          litellm_provider: 'azure',
        },
        'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0': {
          input_cost_per_token: 4e-6,
          output_cost_per_token: 2e-5,
        },
        'house-model': { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 },
      },
    });
    expect(catalog.price(request('azure.ai.openai', 'gpt-4o'))?.priceEntry).toBe('override:azure/gpt-4o');
    expect(catalog.price(request('openai', 'gpt-4o'))?.priceEntry).toBe('genai-prices:openai/gpt-4o');
    expect(catalog.price(request(null, 'gpt-4o'))?.priceEntry).toBe('override:azure/gpt-4o');
    expect(catalog.price(request('openai', 'azure/gpt-4o'))?.priceEntry).toBe('override:azure/gpt-4o');
    expect(
      catalog.price(request('aws.bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0'))?.priceEntry,
    ).toBe('override:bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0');
    expect(catalog.price(request('anthropic', 'house-model'))?.priceEntry).toBe('override:house-model');
    expect(catalog.price(request('groq', 'house-model'))?.priceEntry).toBe('override:house-model');
  });

  it('ignore sample_spec, unknown fields, null prices and entries that price no tokens', () => {
    const catalog = createPriceCatalog({
      overrides: {
        sample_spec: {
          input_cost_per_token: 'the price of one input token',
          litellm_provider: 'one of the providers',
          max_tokens: 'legacy',
        },
        'chat-model': {
          input_cost_per_token: 2e-6,
          output_cost_per_token: null,
          cache_read_input_token_cost: null,
          max_input_tokens: 128_000,
          supports_vision: true,
          supported_regions: ['global'],
          metadata: { notes: 'house deployment' },
          mode: 'chat',
        },
        'image-model': { output_cost_per_image: 0.04, mode: 'image_generation' },
      },
    });
    expect(
      catalog.price(request(null, 'chat-model', tokens({ input: 1_000, cacheRead: 500, output: 9 }))),
    ).toEqual({
      nanoUsd: 1_000 * 2_000,
      source: 'computed',
      priceEntry: 'override:chat-model',
    });
    expect(catalog.price(request(null, 'image-model'))).toBeNull();
    expect(catalog.price(request(null, 'sample_spec'))).toBeNull();
  });

  describe('validation', () => {
    const rejects = (overrides: unknown, message: RegExp) => {
      expect(() => createPriceCatalog({ overrides })).toThrow(PriceOverrideError);
      expect(() => createPriceCatalog({ overrides })).toThrow(message);
    };

    it('rejects a document that is not an object of entries', () => {
      rejects([], /price overrides: expected an object .* got an array/);
      rejects(null, /price overrides: .* got null/);
      rejects('{"gpt-4o": {}}', /price overrides: .* got "\{/);
    });

    it('rejects an entry that is not an object, naming it', () => {
      rejects(
        { 'good-model': { input_cost_per_token: 1e-6 }, 'bad-model': 0.5 },
        /^price override "bad-model": expected an object, got 0.5$/,
      );
      rejects({ 'list-model': [1, 2] }, /"list-model": expected an object, got an array/);
    });

    it('rejects a price that is not a number ≥ 0, naming the entry and the field', () => {
      rejects(
        { 'my-model': { input_cost_per_token: -1e-6 } },
        /^price override "my-model": "input_cost_per_token" must be a number ≥ 0, got -0.000001$/,
      );
      rejects(
        { 'my-model': { output_cost_per_token: '0.000002' } },
        /"my-model": "output_cost_per_token" .* got "0.000002"/,
      );
      rejects(
        { 'my-model': { cache_read_input_token_cost: Number.NaN } },
        /"cache_read_input_token_cost" .* got NaN/,
      );
      rejects(
        { 'my-model': { output_cost_per_reasoning_token: Number.POSITIVE_INFINITY } },
        /"output_cost_per_reasoning_token" .* got Infinity/,
      );
      rejects(
        {
          'my-model': { input_cost_per_token: 1e-6, input_cost_per_token_above_200k_tokens: { price: 2e-6 } },
        },
        /"my-model": "input_cost_per_token_above_200k_tokens" .* got an object/,
      );
    });

    it('rejects provider and mode fields that are not text', () => {
      rejects(
        { 'my-model': { input_cost_per_token: 1e-6, litellm_provider: 7 } },
        /"my-model": "litellm_provider" must be a string, got 7/,
      );
      rejects(
        { 'my-model': { input_cost_per_token: 1e-6, mode: ['chat'] } },
        /"my-model": "mode" must be a string, got an array/,
      );
    });

    it('rejects a tier price without its base price', () => {
      rejects(
        { 'my-model': { output_cost_per_token: 1e-6, input_cost_per_token_above_200k_tokens: 2e-6 } },
        /"my-model": "input_cost_per_token_above_200k_tokens" is given without "input_cost_per_token"/,
      );
    });
  });
});
