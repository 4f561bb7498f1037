import type { Attributes } from '../model/attributes.js';
import type { TokenCounts } from '../model/llm.js';
import type { Resource } from '../model/resource.js';
import { firstCount } from './attribute-values.js';
import { cacheExclusiveSourceOf } from './cache-exclusive-sources.js';

/** Where each count is read, in precedence order: OTel GenAI, OpenInference, OpenLLMetry, Vercel. */
export const TOKEN_KEYS = {
  input: [
    'gen_ai.usage.input_tokens',
    'llm.token_count.prompt',
    'gen_ai.usage.prompt_tokens',
    'ai.usage.inputTokens',
    'ai.usage.promptTokens',
    'ai.usage.tokens',
  ],
  output: [
    'gen_ai.usage.output_tokens',
    'llm.token_count.completion',
    'gen_ai.usage.completion_tokens',
    'ai.usage.outputTokens',
    'ai.usage.completionTokens',
  ],
  cacheRead: [
    'gen_ai.usage.cache_read.input_tokens',
    'llm.token_count.prompt_details.cache_read',
    'gen_ai.usage.cache_read_input_tokens',
    'ai.usage.inputTokenDetails.cacheReadTokens',
    'ai.usage.cachedInputTokens',
  ],
  cacheWrite: [
    'gen_ai.usage.cache_creation.input_tokens',
    'llm.token_count.prompt_details.cache_write',
    'gen_ai.usage.cache_creation_input_tokens',
    'ai.usage.inputTokenDetails.cacheWriteTokens',
  ],
  reasoning: [
    'gen_ai.usage.reasoning.output_tokens',
    'llm.token_count.completion_details.reasoning',
    'ai.usage.outputTokenDetails.reasoningTokens',
    'ai.usage.reasoningTokens',
  ],
  total: ['llm.token_count.total', 'llm.usage.total_tokens', 'ai.usage.totalTokens'],
} as const;

/**
 * Whether the counts themselves prove that the input left the cached parts out: the parts of a
 * whole cannot exceed it, and a total that only adds up with the cached tokens counted on top of
 * input and output says the same.
 */
function arithmeticShowsCacheExcluded(
  input: number,
  output: number | null,
  cached: number,
  total: number | null,
): boolean {
  if (cached === 0) return false;
  return cached > input || (total !== null && output !== null && total === input + output + cached);
}

/**
 * The span's token counts, following the token rules: input includes cache read and cache write,
 * reasoning is part of output, total is input + output unless the span gave one. Null when the
 * span reported no usage at all; a span that reported only a total keeps input and output at 0.
 */
export function extractTokenCounts(attributes: Attributes, resource: Resource): TokenCounts | null {
  const input = firstCount(attributes, TOKEN_KEYS.input);
  const output = firstCount(attributes, TOKEN_KEYS.output);
  let cacheRead = firstCount(attributes, TOKEN_KEYS.cacheRead);
  let cacheWrite = firstCount(attributes, TOKEN_KEYS.cacheWrite);
  const reasoning = firstCount(attributes, TOKEN_KEYS.reasoning);
  const total = firstCount(attributes, TOKEN_KEYS.total);
  if (input === null && output === null && total === null && cacheRead === null && cacheWrite === null) {
    return null;
  }

  let addCachedToInput = false;
  const source = cacheExclusiveSourceOf(attributes, resource);
  if (source !== null) {
    addCachedToInput = true;
    if (source.cacheParts !== undefined && (cacheRead === null || cacheWrite === null)) {
      const parts = source.cacheParts(attributes);
      cacheRead ??= parts.cacheRead;
      cacheWrite ??= parts.cacheWrite;
    }
  }
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  if (input !== null && !addCachedToInput) {
    addCachedToInput = arithmeticShowsCacheExcluded(input, output, cached, total);
  }

  const inputTokens = input === null ? 0 : addCachedToInput ? input + cached : input;
  const outputTokens = output ?? 0;
  const sum = inputTokens + outputTokens;
  return {
    input: inputTokens,
    output: outputTokens,
    cacheRead: cacheRead ?? 0,
    cacheWrite: cacheWrite ?? 0,
    reasoning: reasoning ?? 0,
    // A source that left the cache out of input computed its total the same way.
    total: total === null || (addCachedToInput && total < sum) ? sum : total,
  };
}
