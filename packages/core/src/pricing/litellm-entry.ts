import { femtoUsdPerTokenFromPerToken } from './nano-usd.js';
import { PriceOverrideError } from './price-override-error.js';
import {
  type TierPrice,
  TOKEN_PRICE_KINDS,
  type TokenPriceKind,
  type TokenPrices,
  tierPrice,
  tokenPrices,
  type VolumeTier,
} from './token-prices.js';

/** LiteLLM's per-token price fields (USD per token), by the kind of token they price. */
const PRICE_FIELDS = {
  input: 'input_cost_per_token',
  output: 'output_cost_per_token',
  cacheRead: 'cache_read_input_token_cost',
  cacheWrite: 'cache_creation_input_token_cost',
  reasoning: 'output_cost_per_reasoning_token',
} as const satisfies Record<TokenPriceKind, string>;

const KIND_BY_FIELD: ReadonlyMap<string, TokenPriceKind> = new Map(
  TOKEN_PRICE_KINDS.map((kind) => [PRICE_FIELDS[kind], kind]),
);

// `input_cost_per_token_above_200k_tokens`: the price of a call whose input exceeds 200 000 tokens.
const TIER_FIELD = new RegExp(`^(${Object.values(PRICE_FIELDS).join('|')})_above_(\\d+)k_tokens$`);

const TEXT_FIELDS = ['litellm_provider', 'mode'] as const;

/**
 * Reads one entry of a LiteLLM `model_prices_and_context_window.json` document. Fields other
 * than the token prices are ignored, and null counts as absent (LiteLLM's own files use it).
 * Null when the entry prices no tokens (image, audio, rerank entries).
 * @throws PriceOverrideError when a known field has the wrong type or a negative price.
 */
export function litellmEntryPrices(name: string, entry: unknown): TokenPrices | null {
  if (!isObject(entry)) throw entryError(name, `expected an object, got ${describe(entry)}`);
  for (const field of TEXT_FIELDS) {
    const value = entry[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw entryError(name, `"${field}" must be a string, got ${describe(value)}`);
    }
  }
  const bases = new Map<TokenPriceKind, number>();
  for (const kind of TOKEN_PRICE_KINDS) {
    const femto = femtoPrice(name, entry, PRICE_FIELDS[kind]);
    if (femto !== null) bases.set(kind, femto);
  }
  const tiers = new Map<TokenPriceKind, VolumeTier[]>();
  for (const field of Object.keys(entry)) {
    const tier = TIER_FIELD.exec(field);
    if (!tier) continue;
    const femto = femtoPrice(name, entry, field);
    if (femto === null) continue;
    const base = tier[1]!;
    const kind = KIND_BY_FIELD.get(base)!;
    if (!bases.has(kind)) throw entryError(name, `"${field}" is given without "${base}"`);
    const list = tiers.get(kind) ?? [];
    list.push({ aboveInputTokens: Number(tier[2]) * 1000, femtoUsdPerToken: femto });
    tiers.set(kind, list);
  }
  const parts: Partial<Record<TokenPriceKind, TierPrice>> = {};
  for (const [kind, femto] of bases) parts[kind] = tierPrice(femto, tiers.get(kind));
  return tokenPrices(parts);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function femtoPrice(name: string, entry: Record<string, unknown>, field: string): number | null {
  const value = entry[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw entryError(name, `"${field}" must be a number ≥ 0, got ${describe(value)}`);
  }
  return femtoUsdPerTokenFromPerToken(value);
}

function entryError(name: string, problem: string): PriceOverrideError {
  return new PriceOverrideError(`price override ${JSON.stringify(name)}: ${problem}`);
}
