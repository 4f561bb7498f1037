import type { PricedModel } from './genai-prices-catalog.js';
import { describe, isObject, litellmEntryPrices } from './litellm-entry.js';
import { PriceOverrideError } from './price-override-error.js';
import { fixedSchedule } from './price-schedule.js';
import { litellmProviderPrefixes } from './provider-aliases.js';

/** The key of LiteLLM's documentation entry, which describes the fields and prices nothing. */
const SAMPLE_SPEC_KEY = 'sample_spec';

interface ProviderOverride {
  /** The key's provider prefix, lower case. */
  provider: string;
  model: PricedModel;
}

/** User price entries in LiteLLM's format, indexed for lookup by provider and model. */
export interface LitellmOverrides {
  /** By whole key, lower case: `my-model`, or `azure/gpt-4o` matched as written. */
  byKey: ReadonlyMap<string, PricedModel>;
  /** `provider/model` keys by their model part, lower case, in document order. */
  byModel: ReadonlyMap<string, readonly ProviderOverride[]>;
}

export const NO_OVERRIDES: LitellmOverrides = { byKey: new Map(), byModel: new Map() };

/**
 * Validates and indexes a parsed LiteLLM `model_prices_and_context_window.json` document.
 * Entries that price no tokens are skipped; `sample_spec` is documentation and skipped too.
 * @throws PriceOverrideError naming the first entry and field that is not valid.
 */
export function parseLitellmOverrides(document: unknown): LitellmOverrides {
  if (!isObject(document)) {
    throw new PriceOverrideError(
      `price overrides: expected an object of model names to price entries, got ${describe(document)}`,
    );
  }
  const byKey = new Map<string, PricedModel>();
  const byModel = new Map<string, ProviderOverride[]>();
  for (const [key, entry] of Object.entries(document)) {
    if (key === SAMPLE_SPEC_KEY) continue;
    const prices = litellmEntryPrices(key, entry);
    if (prices === null) continue;
    const model: PricedModel = { priceEntry: `override:${key}`, schedule: fixedSchedule(prices) };
    const lowerKey = key.toLowerCase();
    byKey.set(lowerKey, model);
    const slash = lowerKey.indexOf('/');
    if (slash > 0) {
      const overrides = byModel.get(lowerKey.slice(slash + 1)) ?? [];
      overrides.push({ provider: lowerKey.slice(0, slash), model });
      byModel.set(lowerKey.slice(slash + 1), overrides);
    }
  }
  return { byKey, byModel };
}

/**
 * The override for a call, if any: a `provider/model` key for the span's provider first, then a
 * key equal to the model name (a bare key applies to every provider), then, when the span names
 * no provider, the first `provider/model` key for that model.
 */
export function findOverride(
  overrides: LitellmOverrides,
  provider: string | null,
  model: string,
): PricedModel | null {
  const name = model.trim().toLowerCase();
  const forModel = overrides.byModel.get(name);
  if (provider !== null && forModel !== undefined) {
    const prefixes = litellmProviderPrefixes(provider.toLowerCase());
    const match = forModel.find((override) => prefixes.includes(override.provider));
    if (match !== undefined) return match.model;
  }
  const exact = overrides.byKey.get(name);
  if (exact !== undefined) return exact;
  return provider === null ? (forModel?.[0]?.model ?? null) : null;
}
