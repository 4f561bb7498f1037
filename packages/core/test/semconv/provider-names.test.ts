import { describe, expect, it } from 'vitest';
import { normalizeProviderName } from '../../src/semconv/index.js';

describe('provider names', () => {
  it.each([
    ['openai', 'openai'],
    ['OpenAI', 'openai'],
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['Anthropic', 'anthropic'],
    ['anthropic.messages', 'anthropic'],
    ['aws.bedrock', 'aws.bedrock'],
    ['amazon-bedrock', 'aws.bedrock'],
    ['Bedrock', 'aws.bedrock'],
    ['azure.ai.openai', 'azure.ai.openai'],
    ['az.ai.openai', 'azure.ai.openai'],
    ['azure-openai.chat', 'azure.ai.openai'],
    ['az.ai.inference', 'azure.ai.inference'],
    ['google.generative-ai', 'gcp.gemini'],
    ['gemini', 'gcp.gemini'],
    ['google.vertex.chat', 'gcp.vertex_ai'],
    ['vertex.anthropic.messages', 'gcp.vertex_ai'],
    ['VertexAI', 'gcp.vertex_ai'],
    ['MistralAI', 'mistral_ai'],
    ['mistral.chat', 'mistral_ai'],
    ['xai.chat', 'x_ai'],
    ['ibm.watsonx.ai', 'ibm.watsonx.ai'],
    ['Watsonx', 'ibm.watsonx.ai'],
    ['groq.chat', 'groq'],
    ['deepseek.chat', 'deepseek'],
    ['cohere.chat', 'cohere'],
    ['perplexity', 'perplexity'],
    ['Ollama', 'ollama'],
    ['togetherai.chat', 'togetherai.chat'],
  ])('normalizes %s to %s', (name, canonical) => {
    expect(normalizeProviderName(name)).toBe(canonical);
  });
});
