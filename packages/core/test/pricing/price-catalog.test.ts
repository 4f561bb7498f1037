import { describe, expect, it } from 'vitest';
import type { TokenCounts } from '../../src/model/llm.js';
import { createPriceCatalog } from '../../src/pricing/index.js';
import { catalogCalculation, expectedNanoUsd, tokens, unixNano } from './catalog-oracle.js';

const AT = '2025-09-01T12:00:00Z';

interface KnownCall {
  provider: string | null;
  model: string;
  /** Where genai-prices files the model, and the entry Sextant should name. */
  catalog: { providerId: string; modelId: string };
  counts: TokenCounts;
}

const KNOWN_CALLS: KnownCall[] = [
  {
    provider: 'openai',
    model: 'gpt-4o-2024-08-06',
    catalog: { providerId: 'openai', modelId: 'gpt-4o' },
    counts: tokens({ input: 12_345, cacheRead: 2_048, output: 678 }),
  },
  {
    provider: 'anthropic',
    model: 'claude-3-5-sonnet-20241022',
    catalog: { providerId: 'anthropic', modelId: 'claude-3-5-sonnet' },
    counts: tokens({ input: 10_000, cacheRead: 2_000, cacheWrite: 1_000, output: 500 }),
  },
  {
    provider: null,
    model: 'claude-3-5-sonnet-20241022',
    catalog: { providerId: 'anthropic', modelId: 'claude-3-5-sonnet' },
    counts: tokens({ input: 4_000, cacheWrite: 3_500, output: 90 }),
  },
  {
    provider: 'aws.bedrock',
    model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    catalog: { providerId: 'aws', modelId: 'regional.anthropic.claude-3-5-sonnet-20240620-v1:0' },
    counts: tokens({ input: 3_000, cacheRead: 1_000, output: 321 }),
  },
  {
    provider: null,
    model: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
    catalog: { providerId: 'aws', modelId: 'regional.anthropic.claude-3-5-sonnet-20240620-v1:0' },
    counts: tokens({ input: 3_000, output: 321 }),
  },
  {
    provider: 'azure.ai.openai',
    model: 'gpt-4o',
    catalog: { providerId: 'azure', modelId: 'gpt-4o' },
    counts: tokens({ input: 1_500, output: 250 }),
  },
  {
    provider: null,
    model: 'openai/gpt-4o-mini',
    catalog: { providerId: 'openai', modelId: 'gpt-4o-mini' },
    counts: tokens({ input: 777, cacheRead: 128, output: 55 }),
  },
  {
    provider: 'mistral_ai',
    model: 'mistral-large-latest',
    catalog: { providerId: 'mistral', modelId: 'mistral-large' },
    counts: tokens({ input: 2_222, output: 333 }),
  },
  {
    provider: 'x_ai',
    model: 'grok-2',
    catalog: { providerId: 'x-ai', modelId: 'grok-2-1212' },
    counts: tokens({ input: 5_000, output: 700 }),
  },
  {
    provider: 'groq',
    model: 'llama-3.1-70b-versatile',
    catalog: { providerId: 'groq', modelId: 'llama-3.1-70b-versatile' },
    counts: tokens({ input: 9_876, output: 543 }),
  },
  {
    provider: 'cohere',
    model: 'command-r-plus',
    catalog: { providerId: 'cohere', modelId: 'command-r-plus' },
    counts: tokens({ input: 1_000, output: 100 }),
  },
  {
    provider: 'openai',
    model: 'text-embedding-3-small',
    catalog: { providerId: 'openai', modelId: 'text-embedding-3-small' },
    counts: tokens({ input: 8_191 }),
  },
  {
    // Prices a fixed fee per request on top of tokens.
    provider: 'perplexity',
    model: 'sonar',
    catalog: { providerId: 'perplexity', modelId: 'sonar' },
    counts: tokens({ input: 1_000, output: 100 }),
  },
];

describe('createPriceCatalog with the bundled genai-prices catalog', () => {
  const catalog = createPriceCatalog();

  for (const call of KNOWN_CALLS) {
    it(`prices ${call.provider ?? '(no provider)'} ${call.model} from the catalog's per-token prices`, () => {
      const reference = catalogCalculation(call.catalog.providerId, call.catalog.modelId, call.counts, AT);
      const cost = catalog.price({
        provider: call.provider,
        model: call.model,
        tokens: call.counts,
        timeUnixNano: unixNano(AT),
      });
      expect(reference.model.id).toBe(call.catalog.modelId);
      expect(cost).toEqual({
        nanoUsd: expectedNanoUsd(reference.model_price, call.counts),
        source: 'computed',
        priceEntry: `genai-prices:${call.catalog.providerId}/${call.catalog.modelId}`,
      });
      // genai-prices' float total agrees to within the rounding of each component.
      expect(Math.abs(cost!.nanoUsd - reference.total_price * 1e9)).toBeLessThanOrEqual(3);
    });
  }

  it('pins Claude 3.5 Sonnet: $3 input, $0.30 cache read, $3.75 cache write, $15 output per million', () => {
    const cost = catalog.price({
      provider: 'anthropic',
      model: 'claude-3-5-sonnet-20241022',
      tokens: tokens({ input: 10_000, cacheRead: 2_000, cacheWrite: 1_000, output: 500 }),
      timeUnixNano: unixNano(AT),
    });
    // 7 000 × 3 000 + 2 000 × 300 + 1 000 × 3 750 + 500 × 15 000 nano-dollars
    expect(cost?.nanoUsd).toBe(32_850_000);
  });

  it('pins GPT-4o: $2.50 input, $1.25 cache read, $10 output per million', () => {
    const cost = catalog.price({
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      tokens: tokens({ input: 10_000, cacheRead: 4_000, output: 1_000 }),
      timeUnixNano: unixNano(AT),
    });
    expect(cost?.nanoUsd).toBe(6_000 * 2_500 + 4_000 * 1_250 + 1_000 * 10_000);
  });

  it('resolves the model names SDKs send', () => {
    const names: [string | null, string, string][] = [
      ['gcp.gemini', 'models/gemini-1.5-pro', 'genai-prices:google/gemini-1.5-pro'],
      [null, 'models/gemini-1.5-pro', 'genai-prices:google/gemini-1.5-pro'],
      ['gcp.vertex_ai', 'claude-3-5-sonnet@20240620', 'genai-prices:google/claude-3-5-sonnet'],
      ['openai', 'GPT-4o', 'genai-prices:openai/gpt-4o'],
      ['anthropic', 'claude-sonnet-4-5-20250929', 'genai-prices:anthropic/claude-sonnet-4-5'],
      ['aws.bedrock', 'amazon.nova-pro-v1:0', 'genai-prices:aws/amazon.nova-pro-v1:0'],
      // A provider genai-prices does not know: the model is found across providers.
      ['some-gateway', 'gpt-4o-mini', 'genai-prices:openai/gpt-4o-mini'],
      // A provider whose catalog lacks the model: the same.
      ['openai', 'claude-3-5-haiku-20241022', 'genai-prices:anthropic/claude-3-5-haiku-latest'],
    ];
    for (const [provider, model, priceEntry] of names) {
      const cost = catalog.price({
        provider,
        model,
        tokens: tokens({ input: 100, output: 10 }),
        timeUnixNano: unixNano(AT),
      });
      expect(cost?.priceEntry, `${provider}/${model}`).toBe(priceEntry);
    }
  });

  it('returns null for a model no catalog prices, and for an empty model name', () => {
    for (const [provider, model] of [
      [null, 'no-such-model-xyz'],
      ['openai', 'no-such-model-xyz'],
      ['openai', ''],
      // Priced per audio hour only: no token price.
      ['openai', 'whisper-1'],
    ] as const) {
      const request = {
        provider,
        model,
        tokens: tokens({ input: 10, output: 10 }),
        timeUnixNano: unixNano(AT),
      };
      expect(catalog.price(request)).toBeNull();
      // The negative answer is cached and stays the same.
      expect(catalog.price(request)).toBeNull();
    }
  });

  it('returns null when a token count is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const cost = catalog.price({
        provider: 'openai',
        model: 'gpt-4o',
        tokens: tokens({ input: 100, output: bad }),
        timeUnixNano: unixNano(AT),
      });
      expect(cost).toBeNull();
    }
  });
});

describe('token kinds', () => {
  const catalog = createPriceCatalog();
  const price = (provider: string, model: string, counts: TokenCounts, at = AT) =>
    catalog.price({ provider, model, tokens: counts, timeUnixNano: unixNano(at) })!.nanoUsd;

  it('prices cached tokens at the input price when the entry has no cache price', () => {
    const reference = catalogCalculation('openai', 'gpt-4', tokens({ input: 1 }), AT);
    expect(reference.model_price.cache_read_mtok).toBeUndefined();
    expect(reference.model_price.cache_write_mtok).toBeUndefined();
    const cached = price(
      'openai',
      'gpt-4',
      tokens({ input: 1_000, cacheRead: 400, cacheWrite: 300, output: 10 }),
    );
    expect(cached).toBe(price('openai', 'gpt-4', tokens({ input: 1_000, output: 10 })));
    expect(cached).toBe(1_000 * 30_000 + 10 * 60_000);
  });

  it('prices reasoning apart when the catalog does, and as output otherwise', () => {
    const counts = tokens({ input: 1_000, output: 5_000, reasoning: 3_000 });
    const deep = catalogCalculation('perplexity', 'sonar-deep-research', counts, AT);
    expect(deep.model_price.output_reasoning_mtok).toBeDefined();
    expect(price('perplexity', 'sonar-deep-research', counts)).toBe(
      expectedNanoUsd(deep.model_price, counts),
    );
    // $2 input, $8 output, $3 reasoning per million.
    expect(price('perplexity', 'sonar-deep-research', counts)).toBe(
      1_000 * 2_000 + 2_000 * 8_000 + 3_000 * 3_000,
    );
    expect(
      Math.abs(price('perplexity', 'sonar-deep-research', counts) - deep.total_price * 1e9),
    ).toBeLessThan(3);

    const withoutReasoning = tokens({ input: 1_000, output: 5_000 });
    expect(price('openai', 'o4-mini', counts)).toBe(price('openai', 'o4-mini', withoutReasoning));
  });

  it('switches the whole call to the higher tier strictly above the threshold, by total input', () => {
    // claude-sonnet-4-5: $3 / $15 per million, $6 / $22.50 above 200 000 input tokens.
    const atThreshold = tokens({ input: 200_000, output: 1_000 });
    const aboveThreshold = tokens({ input: 200_001, output: 1_000 });
    expect(price('anthropic', 'claude-sonnet-4-5', atThreshold)).toBe(200_000 * 3_000 + 1_000 * 15_000);
    expect(price('anthropic', 'claude-sonnet-4-5', aboveThreshold)).toBe(200_001 * 6_000 + 1_000 * 22_500);
    // Cached tokens count towards the threshold, and are priced at their own tier.
    const cachedAbove = tokens({ input: 200_001, cacheRead: 150_000, output: 0 });
    expect(price('anthropic', 'claude-sonnet-4-5', cachedAbove)).toBe(50_001 * 6_000 + 150_000 * 600);
    for (const counts of [atThreshold, aboveThreshold, cachedAbove]) {
      const reference = catalogCalculation('anthropic', 'claude-sonnet-4-5', counts, AT);
      expect(
        Math.abs(price('anthropic', 'claude-sonnet-4-5', counts) - reference.total_price * 1e9),
      ).toBeLessThan(3);
    }
  });
});

describe('prices that change over time', () => {
  const catalog = createPriceCatalog();
  const counts = tokens({ input: 1_000, output: 1_000 });
  const price = (provider: string, model: string, at: string) =>
    catalog.price({ provider, model, tokens: counts, timeUnixNano: unixNano(at) })!.nanoUsd;

  it('uses the price in force on the span date (o3 was cut on 2025-06-10)', () => {
    const before = '2025-06-09T23:59:59.999Z';
    const after = '2025-06-10T00:00:00Z';
    expect(price('openai', 'o3', before)).toBe(1_000 * 10_000 + 1_000 * 40_000);
    expect(price('openai', 'o3', after)).toBe(1_000 * 2_000 + 1_000 * 8_000);
    for (const at of [before, after]) {
      expect(price('openai', 'o3', at)).toBe(
        expectedNanoUsd(catalogCalculation('openai', 'o3', counts, at).model_price, counts),
      );
    }
  });

  it('uses the price of the time of day (DeepSeek off-peak hours)', () => {
    const peak = '2025-03-01T12:00:00Z';
    const offPeak = '2025-03-01T20:00:00Z';
    const peakPrices = catalogCalculation('deepseek', 'deepseek-chat', counts, peak).model_price;
    const offPeakPrices = catalogCalculation('deepseek', 'deepseek-chat', counts, offPeak).model_price;
    expect(peakPrices).not.toEqual(offPeakPrices);
    expect(price('deepseek', 'deepseek-chat', peak)).toBe(expectedNanoUsd(peakPrices, counts));
    expect(price('deepseek', 'deepseek-chat', offPeak)).toBe(expectedNanoUsd(offPeakPrices, counts));
  });
});

describe('money', () => {
  it('sums a million tiny costs without drift', () => {
    const catalog = createPriceCatalog();
    // gpt-4o-mini: $0.15 input and $0.60 output per million tokens, 150 and 600 nano-dollars a token.
    let sumNanoUsd = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    const time = unixNano(AT);
    for (let i = 0; i < 1_000_000; i++) {
      const counts = tokens({ input: (i % 7) + 1, output: i % 3 });
      inputTokens += counts.input;
      outputTokens += counts.output;
      sumNanoUsd += catalog.price({
        provider: 'openai',
        model: 'gpt-4o-mini',
        tokens: counts,
        timeUnixNano: time,
      })!.nanoUsd;
    }
    expect(sumNanoUsd).toBe(inputTokens * 150 + outputTokens * 600);
    expect(Number.isSafeInteger(sumNanoUsd)).toBe(true);
  });
});
