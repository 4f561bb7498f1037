/** What a span is, as far as an LLM application is concerned. */
export const SPAN_TYPES = [
  'llm',
  'embedding',
  'tool',
  'agent',
  'chain',
  'retriever',
  'reranker',
  'guardrail',
  'evaluator',
  'prompt',
  'http',
  'db',
  'internal',
] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/**
 * Token counts, following the rules of the architecture page: `input` is every prompt token,
 * cached ones included (`cacheRead` and `cacheWrite` are parts of it); `reasoning` is a part of
 * `output`; `total` is input + output unless the source said otherwise.
 */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  total: number;
}

export const COST_SOURCES = ['provided', 'computed'] as const;
export type CostSource = (typeof COST_SOURCES)[number];

/** A cost in integer nano-dollars (1 USD = 1e9), so that sums never drift. */
export interface Cost {
  nanoUsd: number;
  source: CostSource;
  /** The price catalog entry used (`provider/model` plus the catalog it came from), when computed. */
  priceEntry: string | null;
}

/** First-class LLM fields of a span; null where no convention on the span carried the fact. */
export interface LlmFields {
  spanType: SpanType;
  requestModel: string | null;
  responseModel: string | null;
  provider: string | null;
  /** Null when the span reported no usage at all. */
  tokens: TokenCounts | null;
  cost: Cost | null;
  sessionId: string | null;
  userId: string | null;
  /** The prompt / input, as text (JSON text for structured messages). */
  inputText: string | null;
  /** The completion / output, as text (JSON text for structured messages). */
  outputText: string | null;
  /** Time to first token in nanoseconds, for streamed responses. */
  timeToFirstTokenNano: bigint | null;
}

/** The fields of a span that carries no LLM fact. */
export function emptyLlmFields(spanType: SpanType = 'internal'): LlmFields {
  return {
    spanType,
    requestModel: null,
    responseModel: null,
    provider: null,
    tokens: null,
    cost: null,
    sessionId: null,
    userId: null,
    inputText: null,
    outputText: null,
    timeToFirstTokenNano: null,
  };
}
