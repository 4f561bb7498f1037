import type { Cost, TokenCounts } from '../model/llm.js';
import { BoundedCache } from './bounded-cache.js';
import { findCatalogModel, type PricedModel } from './genai-prices-catalog.js';
import {
  findOverride,
  type LitellmOverrides,
  NO_OVERRIDES,
  parseLitellmOverrides,
} from './litellm-overrides.js';
import { pricesAt } from './price-schedule.js';
import { tokenCostNanoUsd } from './token-prices.js';

export interface PriceRequest {
  /** The OTel GenAI provider name (`openai`, `aws.bedrock`…), or null when unknown. */
  provider: string | null;
  model: string;
  tokens: TokenCounts;
  /** When the call happened; it picks prices that change over time. */
  timeUnixNano: bigint;
}

export interface PriceCatalog {
  /** The cost of one call, or null when no price is known for that provider/model. */
  price(request: PriceRequest): Cost | null;
}

// Resolving a model through genai-prices takes microseconds, too slow once per span; a few
// thousand distinct (provider, model) pairs is far more than a deployment sees.
const RESOLVED_MODELS_CAPACITY = 4096;

class OverriddenCatalog implements PriceCatalog {
  readonly #overrides: LitellmOverrides;
  readonly #resolved = new BoundedCache<string, PricedModel | null>(RESOLVED_MODELS_CAPACITY);

  constructor(overrides: LitellmOverrides) {
    this.#overrides = overrides;
  }

  price(request: PriceRequest): Cost | null {
    const model = this.#resolve(request.provider, request.model);
    if (model === null) return null;
    const prices = pricesAt(model.schedule, request.timeUnixNano);
    const nanoUsd = prices === null ? null : tokenCostNanoUsd(prices, request.tokens);
    return nanoUsd === null ? null : { nanoUsd, source: 'computed', priceEntry: model.priceEntry };
  }

  #resolve(provider: string | null, model: string): PricedModel | null {
    const key = provider === null ? model : `${provider}\u0000${model}`;
    const cached = this.#resolved.get(key);
    if (cached !== undefined) return cached;
    const resolved =
      model.trim() === ''
        ? null
        : (findOverride(this.#overrides, provider, model) ?? findCatalogModel(provider, model));
    this.#resolved.set(key, resolved);
    return resolved;
  }
}

/**
 * A price catalog over genai-prices' bundled prices. `overrides` is a parsed document in
 * LiteLLM's `model_prices_and_context_window.json` format whose entries win over the catalog.
 * @throws PriceOverrideError when the overrides are not valid.
 */
export function createPriceCatalog(options: { overrides?: unknown } = {}): PriceCatalog {
  const overrides = options.overrides === undefined ? NO_OVERRIDES : parseLitellmOverrides(options.overrides);
  return new OverriddenCatalog(overrides);
}
