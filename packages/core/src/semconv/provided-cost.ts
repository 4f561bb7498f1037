import type { AnyValue, Attributes } from '../model/attributes.js';
import type { Cost } from '../model/llm.js';
import { scaleDecimal } from './decimal-scale.js';

const NANO_DECIMALS = 9;
const MAX_NANO = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A cost the span states itself, in USD, in precedence order. OpenInference defines
 * `llm.cost.total`, and its parts when no total is given; `gen_ai.usage.cost` is in no registry
 * but is what many SDKs write for Langfuse, the de facto name.
 */
export const COST_TOTAL_KEYS = ['llm.cost.total'] as const;
export const COST_PART_KEYS = ['llm.cost.prompt', 'llm.cost.completion'] as const;
export const COST_FALLBACK_KEYS = ['gen_ai.usage.cost'] as const;

/** USD to integer nano-dollars, exactly; null when not a usable amount. */
export function usdToNano(value: AnyValue | undefined): bigint | null {
  const nano = scaleDecimal(value, NANO_DECIMALS);
  return nano !== null && nano <= MAX_NANO ? nano : null;
}

function firstAmount(attributes: Attributes, keys: readonly string[]): bigint | null {
  for (const key of keys) {
    const nano = usdToNano(attributes[key]);
    if (nano !== null) return nano;
  }
  return null;
}

/** Each part is converted on its own and the integers summed, so no float is ever added. */
function sumOfParts(attributes: Attributes): bigint | null {
  let sum: bigint | null = null;
  for (const key of COST_PART_KEYS) {
    const nano = usdToNano(attributes[key]);
    if (nano !== null) sum = (sum ?? 0n) + nano;
  }
  return sum !== null && sum <= MAX_NANO ? sum : null;
}

/** The cost the span carries, marked `provided`; computing one from prices is pricing's job. */
export function extractProvidedCost(attributes: Attributes): Cost | null {
  const nano =
    firstAmount(attributes, COST_TOTAL_KEYS) ??
    sumOfParts(attributes) ??
    firstAmount(attributes, COST_FALLBACK_KEYS);
  return nano === null ? null : { nanoUsd: Number(nano), source: 'provided', priceEntry: null };
}
