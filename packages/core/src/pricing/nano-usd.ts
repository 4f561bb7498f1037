/**
 * Money arithmetic. Prices are kept as integer femto-dollars per token (1 USD = 1e15), which
 * holds every catalog price exactly down to 1e-15 USD a token; costs come out as integer
 * nano-dollars (1 USD = 1e9), so that sums of costs never drift.
 */
const FEMTO_PER_NANO = 1_000_000;
const FEMTO_PER_USD = 1e15;
const FEMTO_PER_USD_PER_MILLION = 1e9;
const NANO_PER_USD = 1e9;

/** A price in USD per million tokens (genai-prices' `_mtok` unit) as femto-dollars per token. */
export function femtoUsdPerTokenFromPerMillion(usdPerMillionTokens: number): number {
  return Math.round(usdPerMillionTokens * FEMTO_PER_USD_PER_MILLION);
}

/** A price in USD per token (LiteLLM's unit) as femto-dollars per token. */
export function femtoUsdPerTokenFromPerToken(usdPerToken: number): number {
  return Math.round(usdPerToken * FEMTO_PER_USD);
}

/** An amount in USD as integer nano-dollars. */
export function nanoUsdFromUsd(usd: number): number {
  return Math.round(usd * NANO_PER_USD);
}

/**
 * `tokens × price` in nano-dollars, rounded half up once. The price is split into whole
 * nano-dollars and a sub-nano remainder so that both products stay exact integers below 2^53
 * (for counts under 9e9 tokens), where a plain `tokens × femto / 1e6` would not.
 */
export function tokensCostNanoUsd(tokens: number, femtoUsdPerToken: number): number {
  const wholeNano = Math.floor(femtoUsdPerToken / FEMTO_PER_NANO);
  const remainderFemto = femtoUsdPerToken - wholeNano * FEMTO_PER_NANO;
  return tokens * wholeNano + Math.round((tokens * remainderFemto) / FEMTO_PER_NANO);
}
