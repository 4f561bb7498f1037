import {
  type ConditionalPrice,
  calcPrice,
  type ModelInfo,
  type ModelPrice,
  type TieredPrices,
} from '@pydantic/genai-prices';
import { femtoUsdPerTokenFromPerMillion, nanoUsdFromUsd } from './nano-usd.js';
import { ALWAYS, fromDate, type PriceCondition, type PriceSchedule, timeOfDay } from './price-schedule.js';
import { genaiPricesProviderId } from './provider-aliases.js';
import {
  type TierPrice,
  TOKEN_PRICE_KINDS,
  type TokenPriceKind,
  type TokenPrices,
  tierPrice,
  tokenPrices,
} from './token-prices.js';

/** A model found in a catalog: its prices over time and the name of the entry they came from. */
export interface PricedModel {
  /** `genai-prices:<provider>/<model>` or `override:<key>`. */
  priceEntry: string;
  schedule: PriceSchedule;
}

const PRICE_KEYS = {
  input: 'input_mtok',
  output: 'output_mtok',
  cacheRead: 'cache_read_mtok',
  cacheWrite: 'cache_write_mtok',
  reasoning: 'output_reasoning_mtok',
} as const satisfies Record<TokenPriceKind, string>;

const REQUEST_PRICE_KEY = 'requests_kcount';
const REQUESTS_PER_PRICE_UNIT = 1_000;

// Only the model match of a calculation is used, so any fixed time and empty usage will do.
const NO_USAGE = {};
const ANY_TIME = new Date(0);

// `anthropic.claude-…`, `us.amazon.nova-…`: a vendor (and region) prefix with a dot.
const BEDROCK_MODEL_ID = /^[a-z][a-z0-9-]*\.[a-z]/i;

interface CatalogQuery {
  providerId: string | undefined;
  model: string;
}

/**
 * Finds a model in genai-prices' bundled catalog: under the span's provider first; then by
 * genai-prices' own model matching across providers; then reading a `provider/model` name as
 * provider and model; then, for Bedrock-shaped ids, under AWS. Null when no entry prices tokens.
 */
export function findCatalogModel(provider: string | null, model: string): PricedModel | null {
  for (const query of catalogQueries(provider, model)) {
    const found = calcPrice(NO_USAGE, query.model, { providerId: query.providerId, timestamp: ANY_TIME });
    if (found === null) continue;
    const schedule = catalogSchedule(found.model);
    if (schedule !== null)
      return { priceEntry: `genai-prices:${found.provider.id}/${found.model.id}`, schedule };
  }
  return null;
}

function* catalogQueries(provider: string | null, model: string): Generator<CatalogQuery> {
  if (provider !== null) yield { providerId: genaiPricesProviderId(provider), model };
  yield { providerId: undefined, model };
  const slash = model.indexOf('/');
  if (slash > 0) {
    yield { providerId: genaiPricesProviderId(model.slice(0, slash)), model: model.slice(slash + 1) };
  }
  if (BEDROCK_MODEL_ID.test(model)) yield { providerId: 'aws', model };
}

function catalogSchedule(model: ModelInfo): PriceSchedule | null {
  const schedule = Array.isArray(model.prices)
    ? model.prices.map((entry) => ({
        condition: condition(entry.constraint),
        prices: catalogPrices(entry.prices),
      }))
    : [{ condition: ALWAYS, prices: catalogPrices(model.prices) }];
  return schedule.some((entry) => entry.prices !== null) ? schedule : null;
}

function condition(constraint: ConditionalPrice['constraint']): PriceCondition {
  if (constraint === undefined) return ALWAYS;
  return constraint.type === 'start_date'
    ? fromDate(constraint.start_date)
    : timeOfDay(constraint.start_time, constraint.end_time);
}

function catalogPrices(prices: ModelPrice): TokenPrices | null {
  const parts: Partial<Record<TokenPriceKind, TierPrice>> = {};
  for (const kind of TOKEN_PRICE_KINDS) {
    const price = prices[PRICE_KEYS[kind]];
    if (price !== undefined) parts[kind] = catalogTierPrice(price);
  }
  const perThousandRequests = prices[REQUEST_PRICE_KEY];
  const requestNanoUsd =
    typeof perThousandRequests === 'number'
      ? nanoUsdFromUsd(perThousandRequests / REQUESTS_PER_PRICE_UNIT)
      : 0;
  return tokenPrices(parts, requestNanoUsd);
}

function catalogTierPrice(price: number | TieredPrices): TierPrice {
  if (typeof price === 'number') return tierPrice(femtoUsdPerTokenFromPerMillion(price));
  return tierPrice(
    femtoUsdPerTokenFromPerMillion(price.base),
    price.tiers.map((tier) => ({
      aboveInputTokens: tier.start,
      femtoUsdPerToken: femtoUsdPerTokenFromPerMillion(tier.price),
    })),
  );
}
