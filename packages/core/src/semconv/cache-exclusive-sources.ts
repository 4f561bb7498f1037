import type { Attributes } from '../model/attributes.js';
import type { Resource } from '../model/resource.js';
import { readCount, readString } from './attribute-values.js';
import { isJsonObject, parseJson } from './json-value.js';

/** Cache counts a source keeps somewhere other than the usual token attributes. */
export interface CacheParts {
  cacheRead: number | null;
  cacheWrite: number | null;
}

/**
 * An emitter known to report input tokens the way Anthropic's API does: `input_tokens` without
 * the tokens read from or written to the prompt cache. The normalizer adds the cached parts back
 * for these, so that input tokens always include them (docs/attributes.md, "Tokens").
 */
export interface CacheExclusiveSource {
  /** Stable id, named by the docs and pinned by a test. */
  readonly id: string;
  /** Whether this span was emitted by the source. */
  matches(attributes: Attributes, resource: Resource): boolean;
  /** Cache counts the source records outside the usual token attributes. */
  cacheParts?(attributes: Attributes): CacheParts;
}

const VERCEL_V6_INPUT_DETAILS = [
  'ai.usage.inputTokenDetails.noCacheTokens',
  'ai.usage.inputTokenDetails.cacheReadTokens',
  'ai.usage.inputTokenDetails.cacheWriteTokens',
] as const;

/** OpenTelemetry's `telemetry.sdk.language` for JavaScript runtimes. */
const JAVASCRIPT_SDK_LANGUAGES: ReadonlySet<string> = new Set(['nodejs', 'webjs']);

/** `anthropic.messages`, and Claude on Vertex (`vertex.anthropic.messages`, earlier `vertex.anthropic`). */
function isVercelAnthropicProvider(provider: string | null): boolean {
  return provider !== null && `.${provider}.`.includes('.anthropic.');
}

/**
 * The Anthropic provider before AI SDK 6 keeps the cache write count (and, in AI SDK 4, the cache
 * read count) only in the provider metadata, which the SDK records as JSON text. Claude on Vertex
 * files it under `vertex` instead of `anthropic`.
 */
function vercelAnthropicMetadataCache(attributes: Attributes): CacheParts {
  const text = readString(attributes, 'ai.response.providerMetadata');
  const metadata = text === null ? undefined : parseJson(text);
  const anthropic = isJsonObject(metadata) ? (metadata.anthropic ?? metadata.vertex) : undefined;
  if (!isJsonObject(anthropic)) return { cacheRead: null, cacheWrite: null };
  const count = (value: unknown) => (typeof value === 'number' ? readCount(value) : null);
  return {
    cacheRead: count(anthropic.cacheReadInputTokens),
    cacheWrite: count(anthropic.cacheCreationInputTokens),
  };
}

export const CACHE_EXCLUSIVE_SOURCES: readonly CacheExclusiveSource[] = [
  {
    // AI SDK 4 and 5: the Anthropic provider's `inputTokens` / `promptTokens` is the API's
    // `input_tokens`, and the SDK writes it to `ai.usage.*` and `gen_ai.usage.input_tokens` as is.
    // AI SDK 6 reports a cache-inclusive total and adds `ai.usage.inputTokenDetails.*`, which is
    // how the two are told apart.
    id: 'vercel-ai-sdk-anthropic-before-v6',
    matches: (attributes) =>
      isVercelAnthropicProvider(readString(attributes, 'ai.model.provider')) &&
      VERCEL_V6_INPUT_DETAILS.every((key) => attributes[key] === undefined),
    cacheParts: vercelAnthropicMetadataCache,
  },
  {
    // @arizeai/openinference-instrumentation-anthropic and -bedrock (InvokeModel with Claude)
    // write the API's `input_tokens` to `llm.token_count.prompt` unchanged, the cache counts to
    // `llm.token_count.prompt_details.cache_read|cache_write`. The Python instrumentation sums
    // them itself, hence the match on the SDK language.
    id: 'openinference-js-anthropic',
    matches: (attributes, resource) =>
      attributes['openinference.span.kind'] !== undefined &&
      readString(attributes, 'llm.system')?.toLowerCase() === 'anthropic' &&
      JAVASCRIPT_SDK_LANGUAGES.has(readString(resource.attributes, 'telemetry.sdk.language') ?? ''),
  },
];

/** The table entry that emitted this span, if any. */
export function cacheExclusiveSourceOf(
  attributes: Attributes,
  resource: Resource,
): CacheExclusiveSource | null {
  for (const source of CACHE_EXCLUSIVE_SOURCES) if (source.matches(attributes, resource)) return source;
  return null;
}
