import {
  parseTextQuery,
  type Span,
  spanSearchText,
  spanTags,
  type TextQuery,
  textMatchesQuery,
  textTokens,
} from '@sextant/core';
import { rollupStatus, type TraceRollup } from '../rollup/trace-rollup.js';
import type { TraceQuery } from '../store.js';

/** Whether a trace's rollup meets the query's conditions on the trace as a whole. */
export function rollupMeetsConditions(rollup: TraceRollup, query: TraceQuery): boolean {
  if (query.status !== undefined && rollupStatus(rollup) !== query.status) return false;
  if (query.hasErrors !== undefined && rollup.errorCount > 0 !== query.hasErrors) return false;
  if (query.userId !== undefined && rollup.userId !== query.userId) return false;
  return query.sessionId === undefined || rollup.sessionId === query.sessionId;
}

/**
 * The conditions a trace meets when any one of its spans does, each on its own: the tag, and
 * the full-text query (all of whose phrases must be in one span).
 */
export interface AnySpanConditions {
  tag: string | undefined;
  text: TextQuery | undefined;
}

/** @throws TextQueryError for a text query without words. */
export function anySpanConditionsOf(query: TraceQuery): AnySpanConditions {
  return { tag: query.tag, text: query.text === undefined ? undefined : parseTextQuery(query.text) };
}

/** Whether some span of the trace meets each any-span condition. */
export function spansMeetAnySpanConditions(spans: Iterable<Span>, conditions: AnySpanConditions): boolean {
  let tagFound = conditions.tag === undefined;
  let textFound = conditions.text === undefined;
  for (const span of spans) {
    if (!tagFound) tagFound = spanTags(span).includes(conditions.tag!);
    if (!textFound) textFound = textMatchesQuery(textTokens(spanSearchText(span)), conditions.text!);
    if (tagFound && textFound) return true;
  }
  return tagFound && textFound;
}
