import {
  parseTextQuery,
  type Span,
  spanSearchText,
  spanTags,
  textMatchesQuery,
  textTokens,
} from '@sextant/core';
import { spanMeetsConditions, type TraceQuery } from '@sextant/store';

/**
 * Whether a span arriving live meets a trace search's filters. A live stream sees spans one at a
 * time, before their trace is whole, so every filter is applied to the span itself: the span
 * conditions as in a search; `hasErrors` and `status=error` to its own status; the user, the
 * session, the tag and the text to its own fields.
 */
export function liveSpanFilter(query: TraceQuery): (span: Span) => boolean {
  const text = query.text === undefined ? undefined : parseTextQuery(query.text);
  const wantsErrors = query.hasErrors ?? (query.status === 'error' ? true : undefined);
  return (span) =>
    span.project === query.project &&
    spanMeetsConditions(span, query) &&
    (wantsErrors === undefined || (span.status.code === 2) === wantsErrors) &&
    (query.userId === undefined || span.llm.userId === query.userId) &&
    (query.sessionId === undefined || span.llm.sessionId === query.sessionId) &&
    (query.tag === undefined || spanTags(span).includes(query.tag)) &&
    (text === undefined || textMatchesQuery(textTokens(spanSearchText(span)), text));
}
