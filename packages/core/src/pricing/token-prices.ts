import type { TokenCounts } from '../model/llm.js';
import { tokensCostNanoUsd } from './nano-usd.js';

/** A price that applies to the whole call once its input exceeds `aboveInputTokens`. */
export interface VolumeTier {
  aboveInputTokens: number;
  femtoUsdPerToken: number;
}

/** A per-token price, with the higher tiers some models charge for long prompts. */
export interface TierPrice {
  femtoUsdPerToken: number;
  /** Sorted by threshold, lowest first. */
  tiers: readonly VolumeTier[];
}

/** The kinds of token a catalog can price apart. */
export const TOKEN_PRICE_KINDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning'] as const;
export type TokenPriceKind = (typeof TOKEN_PRICE_KINDS)[number];

/** Everything needed to price one call, with the fallbacks of missing prices already applied. */
export interface TokenPrices {
  input: TierPrice;
  output: TierPrice;
  cacheRead: TierPrice;
  cacheWrite: TierPrice;
  /** Null when reasoning tokens are priced as output. */
  reasoning: TierPrice | null;
  /** A fixed fee per call (some search models charge one). */
  requestNanoUsd: number;
}

const NO_TIERS: readonly VolumeTier[] = [];
const FREE: TierPrice = { femtoUsdPerToken: 0, tiers: NO_TIERS };

export function tierPrice(femtoUsdPerToken: number, tiers: VolumeTier[] = []): TierPrice {
  if (tiers.length === 0) return { femtoUsdPerToken, tiers: NO_TIERS };
  return { femtoUsdPerToken, tiers: [...tiers].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens) };
}

/**
 * Applies the rules for prices a catalog entry leaves out: cached tokens fall back to the input
 * price, reasoning tokens to the output price, and a missing input or output price is zero
 * (embedding models have no output price). An entry with neither an input nor an output price
 * does not price tokens at all (image, audio-seconds or per-page models): null.
 */
export function tokenPrices(
  parts: Partial<Record<TokenPriceKind, TierPrice>>,
  requestNanoUsd = 0,
): TokenPrices | null {
  if (parts.input === undefined && parts.output === undefined) return null;
  const input = parts.input ?? FREE;
  return {
    input,
    output: parts.output ?? FREE,
    cacheRead: parts.cacheRead ?? input,
    cacheWrite: parts.cacheWrite ?? input,
    reasoning: parts.reasoning ?? null,
    requestNanoUsd,
  };
}

/**
 * The cost of one call in nano-dollars: uncached input, cache reads, cache writes and output
 * (less reasoning when reasoning has its own price) each at their price, each rounded once.
 * The tier is chosen by the call's whole input, cached tokens included, and applies to every
 * token of the call, as genai-prices does. Null when a count is not a non-negative integer.
 */
export function tokenCostNanoUsd(prices: TokenPrices, tokens: TokenCounts): number | null {
  const { input, output, cacheRead, cacheWrite, reasoning } = tokens;
  if (
    !isTokenCount(input) ||
    !isTokenCount(output) ||
    !isTokenCount(cacheRead) ||
    !isTokenCount(cacheWrite) ||
    !isTokenCount(reasoning)
  ) {
    return null;
  }
  // Counts where the cached parts exceed the input are inconsistent; the cached parts are the
  // more specific figures, so they are priced and the uncached rest taken as zero.
  const uncached = Math.max(0, input - cacheRead - cacheWrite);
  const inputCost =
    prices.requestNanoUsd +
    componentNanoUsd(uncached, prices.input, input) +
    componentNanoUsd(cacheRead, prices.cacheRead, input) +
    componentNanoUsd(cacheWrite, prices.cacheWrite, input);
  if (prices.reasoning === null) return inputCost + componentNanoUsd(output, prices.output, input);
  const pricedApart = Math.min(reasoning, output);
  return (
    inputCost +
    componentNanoUsd(output - pricedApart, prices.output, input) +
    componentNanoUsd(pricedApart, prices.reasoning, input)
  );
}

function componentNanoUsd(tokens: number, price: TierPrice, inputTokens: number): number {
  let femto = price.femtoUsdPerToken;
  for (const tier of price.tiers) {
    if (inputTokens > tier.aboveInputTokens) femto = tier.femtoUsdPerToken;
  }
  return tokensCostNanoUsd(tokens, femto);
}

function isTokenCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
