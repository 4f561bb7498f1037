import type { Attributes } from '@opentelemetry/api';
import type { TokenCounts } from '@sextant/core';

/** Token usage as a provider reports it. */
export interface LlmUsage {
  /** Every prompt token, cached ones included (see `inputIncludesCache`). */
  inputTokens?: number;
  /** Every generated token, reasoning included. */
  outputTokens?: number;
  /** Prompt tokens served from the provider's cache (a part of input). */
  cacheReadTokens?: number;
  /** Prompt tokens written to the provider's cache (a part of input). */
  cacheWriteTokens?: number;
  /** Reasoning tokens (a part of output). */
  reasoningTokens?: number;
  /**
   * False when `inputTokens` leaves the cached tokens out, as Anthropic's API reports it: they are
   * added back, so that input is always every prompt token. Default true.
   */
  inputIncludesCache?: boolean;
}

export const USAGE_ATTRIBUTES = {
  input: 'gen_ai.usage.input_tokens',
  output: 'gen_ai.usage.output_tokens',
  cacheRead: 'gen_ai.usage.cache_read.input_tokens',
  cacheWrite: 'gen_ai.usage.cache_creation.input_tokens',
  reasoning: 'gen_ai.usage.reasoning.output_tokens',
} as const satisfies Partial<Record<keyof TokenCounts, string>>;

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** The counts under the architecture's rules: cache parts inside input, reasoning inside output. */
export function tokenCounts(usage: LlmUsage): TokenCounts {
  const cacheRead = count(usage.cacheReadTokens);
  const cacheWrite = count(usage.cacheWriteTokens);
  const reported = count(usage.inputTokens);
  const input = usage.inputIncludesCache === false ? reported + cacheRead + cacheWrite : reported;
  const output = count(usage.outputTokens);
  return {
    input,
    output,
    cacheRead,
    cacheWrite,
    reasoning: count(usage.reasoningTokens),
    total: input + output,
  };
}

/** The GenAI usage attributes; the cache and reasoning parts only when the provider reported them. */
export function usageAttributes(usage: LlmUsage, counts: TokenCounts): Attributes {
  const attributes: Attributes = {
    [USAGE_ATTRIBUTES.input]: counts.input,
    [USAGE_ATTRIBUTES.output]: counts.output,
  };
  if (usage.cacheReadTokens !== undefined) attributes[USAGE_ATTRIBUTES.cacheRead] = counts.cacheRead;
  if (usage.cacheWriteTokens !== undefined) attributes[USAGE_ATTRIBUTES.cacheWrite] = counts.cacheWrite;
  if (usage.reasoningTokens !== undefined) attributes[USAGE_ATTRIBUTES.reasoning] = counts.reasoning;
  return attributes;
}
