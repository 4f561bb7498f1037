import {
  API_KEY_HASH_ATTRIBUTE,
  type InstrumentationScope,
  type MetricPoint,
  type Resource,
  type Span,
  type SpanType,
  spanSearchText,
} from '@sextant/core';
import { attributeTermTokens, spanTermTokens } from './search-terms.js';

/**
 * What the writer indexes for a span, besides its row, when the span is new: its term tokens
 * and its raw search text (cut into words on the writer thread, which has CPU to spare), and the
 * facts the per-minute aggregates are grouped by that the row does not hold.
 */
export type SpanIndexEntry = [terms: string, text: string, ...facts: SpanFacts];

/**
 * The facts a span is aggregated by, beyond its row's columns (see span-minutes.ts); the model is
 * the response model, else the request model, else ''.
 */
export type SpanFacts = [spanType: SpanType, model: string, provider: string, apiKeyHash: string];

export function spanFacts(span: Span): SpanFacts {
  const { llm } = span;
  const apiKeyHash = span.attributes[API_KEY_HASH_ATTRIBUTE];
  return [
    llm.spanType,
    llm.responseModel ?? llm.requestModel ?? '',
    llm.provider ?? '',
    typeof apiKeyHash === 'string' ? apiKeyHash : '',
  ];
}

/**
 * What the writer indexes for each item of a batch, computed on the calling thread; the tokens of
 * each resource and scope only once.
 */
export class SearchIndexer {
  readonly #descriptorTokens = new WeakMap<
    Resource | InstrumentationScope,
    { project: string; tokens: string }
  >();

  /** The terms of a metric point: its attributes' and its resource's. */
  metricTerms(point: MetricPoint): string {
    const own = attributeTermTokens(point.project, point.attributes);
    const resource = this.#tokensOf(point.project, point.resource);
    return own === '' ? resource : resource === '' ? own : `${own} ${resource}`;
  }

  spanEntry(span: Span): SpanIndexEntry {
    return [
      spanTermTokens(
        span,
        this.#tokensOf(span.project, span.resource),
        this.#tokensOf(span.project, span.scope),
      ),
      spanSearchText(span),
      ...spanFacts(span),
    ];
  }

  #tokensOf(project: string, descriptor: Resource | InstrumentationScope): string {
    const known = this.#descriptorTokens.get(descriptor);
    if (known !== undefined && known.project === project) return known.tokens;
    const tokens = attributeTermTokens(project, descriptor.attributes);
    this.#descriptorTokens.set(descriptor, { project, tokens });
    return tokens;
  }
}
