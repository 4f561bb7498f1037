/** How a provider named by the OTel GenAI registry is called in each price catalog. */
interface ProviderAlias {
  /** genai-prices' provider id, when genai-prices has the provider. */
  genaiPrices?: string;
  /** The provider prefixes of LiteLLM's model keys (`azure/gpt-4o`). */
  litellm: readonly string[];
}

// Keys are `gen_ai.provider.name` values. A provider missing here is looked up under its own
// name in both catalogs, which covers the many that already agree (groq, together_ai…).
const OTEL_PROVIDER_ALIASES: ReadonlyMap<string, ProviderAlias> = new Map([
  ['openai', { genaiPrices: 'openai', litellm: ['openai', 'text-completion-openai'] }],
  ['anthropic', { genaiPrices: 'anthropic', litellm: ['anthropic'] }],
  ['azure.ai.openai', { genaiPrices: 'azure', litellm: ['azure'] }],
  ['azure.ai.inference', { genaiPrices: 'azure', litellm: ['azure_ai'] }],
  ['gcp.vertex_ai', { genaiPrices: 'google', litellm: ['vertex_ai'] }],
  ['gcp.gemini', { genaiPrices: 'google', litellm: ['gemini'] }],
  ['gcp.gen_ai', { genaiPrices: 'google', litellm: ['gemini', 'vertex_ai'] }],
  ['aws.bedrock', { genaiPrices: 'aws', litellm: ['bedrock', 'bedrock_converse'] }],
  ['mistral_ai', { genaiPrices: 'mistral', litellm: ['mistral'] }],
  ['groq', { genaiPrices: 'groq', litellm: ['groq'] }],
  ['deepseek', { genaiPrices: 'deepseek', litellm: ['deepseek'] }],
  ['x_ai', { genaiPrices: 'x-ai', litellm: ['xai'] }],
  ['cohere', { genaiPrices: 'cohere', litellm: ['cohere', 'cohere_chat'] }],
  ['perplexity', { genaiPrices: 'perplexity', litellm: ['perplexity'] }],
  ['ibm.watsonx.ai', { litellm: ['watsonx'] }],
]);

export function genaiPricesProviderId(provider: string): string {
  return OTEL_PROVIDER_ALIASES.get(provider)?.genaiPrices ?? provider;
}

export function litellmProviderPrefixes(provider: string): readonly string[] {
  return OTEL_PROVIDER_ALIASES.get(provider)?.litellm ?? [provider];
}
