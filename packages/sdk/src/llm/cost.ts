import { type Cost, emptyLlmFields, type TokenCounts, withCost } from '@sextant/core';
import { priceCatalog } from '../setup/sdk-state.js';

export interface PricedCall {
  provider: string | null;
  requestModel: string | null;
  responseModel: string | null;
  tokens: TokenCounts;
  startUnixNano: bigint;
}

/**
 * The cost the server would compute, from the same catalog and rules (response model first, then
 * request model); null when the model has no price.
 */
export function computeCost(call: PricedCall): Cost | null {
  const fields = {
    ...emptyLlmFields('llm'),
    provider: call.provider,
    requestModel: call.requestModel,
    responseModel: call.responseModel,
    tokens: call.tokens,
  };
  return withCost(fields, priceCatalog(), call.startUnixNano).cost;
}

const NANO_PER_USD = 1e9;

export function usdOf(cost: Cost): number {
  return cost.nanoUsd / NANO_PER_USD;
}
