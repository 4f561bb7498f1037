import { describe, expect, it } from 'vitest';
import { emptyLlmFields, type LlmFields } from '../../src/model/llm.js';
import { createPriceCatalog, withCost } from '../../src/pricing/index.js';
import { tokens, unixNano } from './catalog-oracle.js';

const AT = unixNano('2025-09-01T12:00:00Z');
const catalog = createPriceCatalog({
  overrides: { 'house-model': { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 } },
});

function llmSpan(fields: Partial<LlmFields>): LlmFields {
  return {
    ...emptyLlmFields('llm'),
    provider: 'openai',
    tokens: tokens({ input: 1_000, output: 100 }),
    ...fields,
  };
}

describe('withCost', () => {
  it('keeps a provided cost as it is', () => {
    const fields = llmSpan({
      responseModel: 'gpt-4o',
      cost: { nanoUsd: 123_456, source: 'provided', priceEntry: null },
    });
    expect(withCost(fields, catalog, AT)).toBe(fields);
  });

  it('computes the cost with the response model', () => {
    const fields = llmSpan({ requestModel: 'gpt-4o', responseModel: 'gpt-4o-mini-2024-07-18' });
    const result = withCost(fields, catalog, AT);
    expect(result.cost).toEqual(
      catalog.price({
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        tokens: fields.tokens!,
        timeUnixNano: AT,
      }),
    );
    expect(result.cost?.priceEntry).toBe('genai-prices:openai/gpt-4o-mini');
    expect({ ...result, cost: null }).toEqual(fields);
  });

  it('falls back to the request model when the response model is missing or has no price', () => {
    for (const responseModel of [null, 'my-azure-deployment-7']) {
      const result = withCost(llmSpan({ requestModel: 'house-model', responseModel }), catalog, AT);
      expect(result.cost).toEqual({
        nanoUsd: 1_000 * 1_000 + 100 * 2_000,
        source: 'computed',
        priceEntry: 'override:house-model',
      });
    }
  });

  it('prices at the span time', () => {
    const fields = llmSpan({ responseModel: 'o3' });
    const before = withCost(fields, catalog, unixNano('2025-06-01T00:00:00Z')).cost?.nanoUsd;
    const after = withCost(fields, catalog, unixNano('2025-07-01T00:00:00Z')).cost?.nanoUsd;
    expect(before).toBe(5 * after!);
  });

  it('leaves the cost null without tokens or without a price', () => {
    const noTokens = llmSpan({ responseModel: 'gpt-4o', tokens: null });
    expect(withCost(noTokens, catalog, AT)).toBe(noTokens);
    const unknown = llmSpan({ requestModel: 'mystery', responseModel: 'mystery-2' });
    expect(withCost(unknown, catalog, AT)).toBe(unknown);
    const noModel = llmSpan({});
    expect(withCost(noModel, catalog, AT)).toBe(noModel);
  });

  it('replaces a computed cost that no longer applies', () => {
    const stale = llmSpan({
      responseModel: 'gpt-4o',
      tokens: null,
      cost: { nanoUsd: 1, source: 'computed', priceEntry: 'genai-prices:openai/gpt-4o' },
    });
    expect(withCost(stale, catalog, AT).cost).toBeNull();
  });
});
