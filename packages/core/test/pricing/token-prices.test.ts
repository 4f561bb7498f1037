import { describe, expect, it } from 'vitest';
import { tierPrice, tokenCostNanoUsd, tokenPrices } from '../../src/pricing/token-prices.js';
import { tokens } from './catalog-oracle.js';

// Femto-dollars per token: 1 000 000 is one nano-dollar.
const NANO = 1_000_000;

describe('tokenPrices', () => {
  it('prices nothing without an input or an output price', () => {
    expect(tokenPrices({})).toBeNull();
    expect(tokenPrices({ cacheRead: tierPrice(NANO) })).toBeNull();
  });

  it('prices output at zero when only input is priced (embedding models)', () => {
    const prices = tokenPrices({ input: tierPrice(20 * NANO) })!;
    expect(tokenCostNanoUsd(prices, tokens({ input: 1_000, output: 5 }))).toBe(20_000);
  });

  it('sorts tiers so that the highest threshold exceeded applies', () => {
    const input = tierPrice(1 * NANO, [
      { aboveInputTokens: 200_000, femtoUsdPerToken: 4 * NANO },
      { aboveInputTokens: 100_000, femtoUsdPerToken: 2 * NANO },
    ]);
    const prices = tokenPrices({ input })!;
    expect(tokenCostNanoUsd(prices, tokens({ input: 100_000 }))).toBe(100_000);
    expect(tokenCostNanoUsd(prices, tokens({ input: 150_000 }))).toBe(300_000);
    expect(tokenCostNanoUsd(prices, tokens({ input: 250_000 }))).toBe(1_000_000);
  });
});

describe('tokenCostNanoUsd with inconsistent counts', () => {
  const prices = tokenPrices({
    input: tierPrice(10 * NANO),
    cacheRead: tierPrice(1 * NANO),
    output: tierPrice(100 * NANO),
    reasoning: tierPrice(50 * NANO),
  })!;

  it('prices cached parts that exceed the input, and no uncached input', () => {
    expect(tokenCostNanoUsd(prices, tokens({ input: 100, cacheRead: 300 }))).toBe(300);
  });

  it('prices at most the whole output as reasoning', () => {
    expect(tokenCostNanoUsd(prices, tokens({ output: 10, reasoning: 40 }))).toBe(10 * 50);
  });

  it('prices nothing when a count is not a non-negative integer', () => {
    expect(tokenCostNanoUsd(prices, tokens({ input: 10, cacheWrite: -1 }))).toBeNull();
    expect(tokenCostNanoUsd(prices, tokens({ input: 10, reasoning: 0.5 }))).toBeNull();
  });
});
