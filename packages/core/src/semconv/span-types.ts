import type { Attributes } from '../model/attributes.js';
import type { SpanType } from '../model/llm.js';
import { readString } from './attribute-values.js';

/** OTel GenAI `gen_ai.operation.name`. */
const GEN_AI_OPERATIONS: ReadonlyMap<string, SpanType> = new Map([
  ['chat', 'llm'],
  ['text_completion', 'llm'],
  ['generate_content', 'llm'],
  ['embeddings', 'embedding'],
  ['execute_tool', 'tool'],
  ['create_agent', 'agent'],
  ['invoke_agent', 'agent'],
  ['invoke_workflow', 'chain'],
  ['retrieval', 'retriever'],
]);

/** OpenInference `openinference.span.kind`, upper-cased. */
const OPENINFERENCE_KINDS: ReadonlyMap<string, SpanType> = new Map([
  ['LLM', 'llm'],
  ['EMBEDDING', 'embedding'],
  ['CHAIN', 'chain'],
  ['RETRIEVER', 'retriever'],
  ['RERANKER', 'reranker'],
  ['TOOL', 'tool'],
  ['AGENT', 'agent'],
  ['GUARDRAIL', 'guardrail'],
  ['EVALUATOR', 'evaluator'],
  ['PROMPT', 'prompt'],
]);

/** OpenLLMetry `traceloop.span.kind`. */
const TRACELOOP_KINDS: ReadonlyMap<string, SpanType> = new Map([
  ['workflow', 'chain'],
  ['task', 'chain'],
  ['agent', 'agent'],
  ['tool', 'tool'],
]);

/** OpenLLMetry `llm.request.type`, set on the spans of its LLM client instrumentations. */
const OPENLLMETRY_REQUEST_TYPES: ReadonlyMap<string, SpanType> = new Map([
  ['chat', 'llm'],
  ['completion', 'llm'],
  ['embedding', 'embedding'],
  ['rerank', 'reranker'],
]);

/**
 * Vercel AI SDK span names (also in `ai.operationId`). The outer `ai.generateText`-style spans wrap
 * one provider call per step plus the tool calls, so only the inner `do*` spans are LLM calls:
 * counting both would count every call twice.
 */
export const VERCEL_OPERATIONS: ReadonlyMap<string, SpanType> = new Map([
  ['ai.generateText', 'chain'],
  ['ai.generateText.doGenerate', 'llm'],
  ['ai.streamText', 'chain'],
  ['ai.streamText.doStream', 'llm'],
  ['ai.generateObject', 'chain'],
  ['ai.generateObject.doGenerate', 'llm'],
  ['ai.streamObject', 'chain'],
  ['ai.streamObject.doStream', 'llm'],
  ['ai.embed', 'chain'],
  ['ai.embed.doEmbed', 'embedding'],
  ['ai.embedMany', 'chain'],
  ['ai.embedMany.doEmbed', 'embedding'],
  ['ai.toolCall', 'tool'],
]);

const DB_KEYS = ['db.system.name', 'db.system'] as const;
const HTTP_KEYS = [
  'http.request.method',
  'http.method',
  'url.full',
  'http.url',
  'http.route',
  'http.target',
  'http.response.status_code',
  'http.status_code',
] as const;

function lookup(table: ReadonlyMap<string, SpanType>, value: string | null): SpanType | null {
  return value === null ? null : (table.get(value) ?? null);
}

/** The span type an LLM convention states, in precedence order; null when none does. */
export function conventionSpanType(attributes: Attributes, spanName: string): SpanType | null {
  return (
    lookup(GEN_AI_OPERATIONS, readString(attributes, 'gen_ai.operation.name')?.toLowerCase() ?? null) ??
    lookup(OPENINFERENCE_KINDS, readString(attributes, 'openinference.span.kind')?.toUpperCase() ?? null) ??
    lookup(TRACELOOP_KINDS, readString(attributes, 'traceloop.span.kind')?.toLowerCase() ?? null) ??
    lookup(OPENLLMETRY_REQUEST_TYPES, readString(attributes, 'llm.request.type')?.toLowerCase() ?? null) ??
    VERCEL_OPERATIONS.get(spanName) ??
    lookup(VERCEL_OPERATIONS, readString(attributes, 'ai.operationId'))
  );
}

function hasAny(attributes: Attributes, keys: readonly string[]): boolean {
  for (const key of keys) if (attributes[key] !== undefined) return true;
  return false;
}

/**
 * The type of a span no LLM convention describes. A database client talking HTTP (Elasticsearch,
 * a vector store's REST API) carries both, and is a database call first.
 */
export function plainSpanType(attributes: Attributes): 'db' | 'http' | 'internal' {
  if (hasAny(attributes, DB_KEYS)) return 'db';
  if (hasAny(attributes, HTTP_KEYS)) return 'http';
  return 'internal';
}
