import {
  logSearchText,
  parseTextQuery,
  type Span,
  spanSearchText,
  type TextQuery,
  textTokens,
} from '@sextant/core';
import type { Annotation } from '../annotations.js';
import { bm25Scores } from '../query/bm25.js';
import { pageLimit } from '../query/page-limit.js';
import {
  type AnnotationTextHit,
  type LogTextHit,
  MAX_RANKED_MATCHES,
  MAX_TEXT_HITS,
  type SpanTextHit,
  type TextSearchQuery,
  type TextSearchResult,
} from '../store.js';
import type { MemoryState } from './state.js';

/** Ranks the project's spans and log records by BM25 over their search text. */
export function searchMemoryText(
  state: MemoryState,
  query: TextSearchQuery,
  annotations: readonly Annotation[],
): TextSearchResult {
  const text = parseTextQuery(query.text);
  const limit = pageLimit(query.limit, MAX_TEXT_HITS);
  const within = (time: bigint) =>
    (query.startTimeMin === undefined || time >= query.startTimeMin) &&
    (query.startTimeMax === undefined || time <= query.startTimeMax);
  const spans: Span[] = [];
  for (const entry of state.traces.values()) {
    if (entry.rollup.project !== query.project) continue;
    for (const span of entry.spans.values()) if (within(span.startTimeUnixNano)) spans.push(span);
  }
  const logs = [...state.logs].filter((log) => log.project === query.project && within(log.timeUnixNano));
  const notes = annotations.filter((annotation) => within(annotation.timeUnixNano));
  return {
    spans: ranked(spans, spanSearchText, text, limit).map(
      ([span, score]): SpanTextHit => ({
        traceId: span.traceId,
        spanId: span.spanId,
        name: span.name,
        service: span.service,
        startTimeUnixNano: span.startTimeUnixNano,
        score,
      }),
    ),
    logs: ranked(logs, logSearchText, text, limit).map(
      ([log, score]): LogTextHit => ({
        traceId: log.traceId,
        spanId: log.spanId,
        service: log.service,
        timeUnixNano: log.timeUnixNano,
        severityNumber: log.severityNumber,
        score,
      }),
    ),
    annotations: ranked(notes, annotationText, text, limit).map(
      ([annotation, score]): AnnotationTextHit => ({
        id: annotation.id,
        traceId: annotation.traceId,
        spanId: annotation.spanId,
        timeUnixNano: annotation.timeUnixNano,
        score,
      }),
    ),
  };
}

/** An annotation's searchable text: its text and its tags. */
function annotationText(annotation: Pick<Annotation, 'text' | 'tags'>): string {
  return [annotation.text, ...annotation.tags].join('\n');
}

/**
 * The best `limit` items by score among the newest `MAX_RANKED_MATCHES` matches (items come in
 * insertion order), as the SQL backends rank.
 */
function ranked<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  query: TextQuery,
  limit: number,
): [T, number][] {
  const scores = bm25Scores(
    items.map((item) => textTokens(textOf(item))),
    query,
  );
  const matches: [T, number][] = [];
  for (let index = items.length - 1; index >= 0 && matches.length < MAX_RANKED_MATCHES; index--) {
    const score = scores[index];
    if (score !== null && score !== undefined) matches.push([items[index]!, score]);
  }
  return matches.sort((a, b) => b[1] - a[1]).slice(0, limit);
}
