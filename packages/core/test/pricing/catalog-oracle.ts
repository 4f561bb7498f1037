import { calcPrice, type ModelPrice } from '@pydantic/genai-prices';
import type { TokenCounts } from '../../src/model/llm.js';

/** Token counts with `total` filled in; the rest default to zero. */
export function tokens(counts: Partial<TokenCounts>): TokenCounts {
  const input = counts.input ?? 0;
  const output = counts.output ?? 0;
  return { input, output, cacheRead: 0, cacheWrite: 0, reasoning: 0, total: input + output, ...counts };
}

export function unixNano(iso: string): bigint {
  return BigInt(Date.parse(iso)) * 1_000_000n;
}

/** genai-prices' own answer for a call, straight from its bundled catalog. */
export function catalogCalculation(providerId: string, model: string, counts: TokenCounts, at: string) {
  const result = calcPrice(
    {
      input_tokens: counts.input,
      cache_read_tokens: counts.cacheRead,
      cache_write_tokens: counts.cacheWrite,
      output_tokens: counts.output,
      output_reasoning_tokens: counts.reasoning,
    },
    model,
    { providerId, timestamp: new Date(at) },
  );
  if (result === null) throw new Error(`genai-prices has no ${providerId}/${model}`);
  return result;
}

/**
 * The expected cost in nano-dollars from a model's flat per-million-token prices: each
 * component is its tokens times its price, rounded once; missing cache and reasoning prices
 * fall back to input and output, and a per-thousand-requests price adds one request's share.
 */
export function expectedNanoUsd(price: ModelPrice, counts: TokenCounts): number {
  const flat = (key: string): number | undefined => {
    const value = price[key];
    if (typeof value === 'object') throw new Error(`${key} is tiered; pin tiered figures by hand`);
    return value;
  };
  const input = flat('input_mtok') ?? 0;
  const output = flat('output_mtok') ?? 0;
  const reasoning = flat('output_reasoning_mtok');
  const nano = (count: number, perMillion: number) => Math.round(count * perMillion * 1000);
  const uncached = counts.input - counts.cacheRead - counts.cacheWrite;
  const outputCost =
    reasoning === undefined
      ? nano(counts.output, output)
      : nano(counts.output - counts.reasoning, output) + nano(counts.reasoning, reasoning);
  return (
    nano(uncached, input) +
    nano(counts.cacheRead, flat('cache_read_mtok') ?? input) +
    nano(counts.cacheWrite, flat('cache_write_mtok') ?? input) +
    outputCost +
    Math.round((flat('requests_kcount') ?? 0) * 1e6)
  );
}
