/**
 * Provider names as the OTel GenAI registry spells them (`gen_ai.provider.name`), keyed by every
 * lower-cased variant the conventions send: the deprecated `gen_ai.system` values, OpenInference's
 * `llm.provider` / `llm.system`, OpenLLMetry's capitalised names and the Vercel AI SDK's provider
 * ids (`openai.chat`, `google.vertex.chat`…, matched through their leading segments).
 */
const PROVIDER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'],
  ['anthropic', 'anthropic'],
  ['aws.bedrock', 'aws.bedrock'],
  ['bedrock', 'aws.bedrock'],
  ['amazon-bedrock', 'aws.bedrock'],
  ['aws', 'aws.bedrock'],
  ['amazon', 'aws.bedrock'],
  ['azure.ai.inference', 'azure.ai.inference'],
  ['az.ai.inference', 'azure.ai.inference'],
  ['azure.ai.openai', 'azure.ai.openai'],
  ['az.ai.openai', 'azure.ai.openai'],
  ['azure', 'azure.ai.openai'],
  ['azure-openai', 'azure.ai.openai'],
  ['cohere', 'cohere'],
  ['deepseek', 'deepseek'],
  ['gcp.gemini', 'gcp.gemini'],
  ['gemini', 'gcp.gemini'],
  ['google.generative-ai', 'gcp.gemini'],
  ['gcp.gen_ai', 'gcp.gen_ai'],
  ['google', 'gcp.gen_ai'],
  ['gcp.vertex_ai', 'gcp.vertex_ai'],
  ['vertex_ai', 'gcp.vertex_ai'],
  ['vertexai', 'gcp.vertex_ai'],
  ['vertex', 'gcp.vertex_ai'],
  ['google.vertex', 'gcp.vertex_ai'],
  ['groq', 'groq'],
  ['ibm.watsonx.ai', 'ibm.watsonx.ai'],
  ['watsonx', 'ibm.watsonx.ai'],
  ['mistral_ai', 'mistral_ai'],
  ['mistralai', 'mistral_ai'],
  ['mistral', 'mistral_ai'],
  ['perplexity', 'perplexity'],
  ['x_ai', 'x_ai'],
  ['xai', 'x_ai'],
]);

/**
 * The canonical, lower-case provider id for a name any convention sent. A name with dots is also
 * matched by its leading segments (`anthropic.messages` → `anthropic`, `google.vertex.chat` →
 * `gcp.vertex_ai`); a name nothing matches is kept, lower-cased.
 */
export function normalizeProviderName(name: string): string {
  const lower = name.trim().toLowerCase();
  let candidate = lower;
  for (;;) {
    const canonical = PROVIDER_ALIASES.get(candidate);
    if (canonical !== undefined) return canonical;
    const dot = candidate.lastIndexOf('.');
    if (dot <= 0) return lower;
    candidate = candidate.slice(0, dot);
  }
}

/**
 * OpenInference splits the provider in two: `llm.provider` is who hosts the model (`azure`, `aws`,
 * `google`…) and `llm.system` the model family (`openai`, `anthropic`, `vertexai`…). The OTel
 * registry names the pair: OpenAI models on Azure are `azure.ai.openai`, anything on Google is
 * `gcp.vertex_ai` when the family says Vertex and `gcp.gen_ai` otherwise.
 */
export function openInferenceProvider(provider: string | null, system: string | null): string | null {
  const family = system === null ? null : normalizeProviderName(system);
  if (provider === null) return family;
  const host = provider.trim().toLowerCase();
  if (host === 'azure')
    return family === null || family === 'openai' ? 'azure.ai.openai' : 'azure.ai.inference';
  if (host === 'google') return family === 'gcp.vertex_ai' ? 'gcp.vertex_ai' : 'gcp.gen_ai';
  return normalizeProviderName(host);
}
