import type { Cost, LlmFields, TokenCounts } from '../model/llm.js';
import type { PriceCatalog } from './price-catalog.js';

/**
 * The span's LLM fields with their cost: a provided cost is kept as is; otherwise the cost is
 * computed for the response model, or the request model when the response model has no price;
 * null when the span has no token counts or no price is known.
 */
export function withCost(fields: LlmFields, catalog: PriceCatalog, timeUnixNano: bigint): LlmFields {
  if (fields.cost?.source === 'provided') return fields;
  const cost = fields.tokens === null ? null : computedCost(fields, fields.tokens, catalog, timeUnixNano);
  if (cost === null && fields.cost === null) return fields;
  return { ...fields, cost };
}

function computedCost(
  fields: LlmFields,
  tokens: TokenCounts,
  catalog: PriceCatalog,
  timeUnixNano: bigint,
): Cost | null {
  const { provider, responseModel, requestModel } = fields;
  const byResponse =
    responseModel === null ? null : catalog.price({ provider, model: responseModel, tokens, timeUnixNano });
  if (byResponse !== null || requestModel === null || requestModel === responseModel) return byResponse;
  return catalog.price({ provider, model: requestModel, tokens, timeUnixNano });
}
