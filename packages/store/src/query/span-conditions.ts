import type { Span } from '@sextant/core';
import type { TraceQuery } from '../store.js';
import { spanMeetsAttributeCondition } from './attribute-conditions.js';

/** Whether this one span meets every span condition of the query at once (Jaeger's rule). */
export function spanMeetsConditions(span: Span, query: TraceQuery): boolean {
  if (query.service !== undefined && span.service !== query.service) return false;
  if (query.spanName !== undefined && span.name !== query.spanName) return false;
  const llm = span.llm;
  if (query.spanType !== undefined && llm.spanType !== query.spanType) return false;
  if (query.model !== undefined && llm.requestModel !== query.model && llm.responseModel !== query.model) {
    return false;
  }
  if (query.provider !== undefined && llm.provider !== query.provider) return false;
  const start = span.startTimeUnixNano;
  if (query.startTimeMin !== undefined && start < query.startTimeMin) return false;
  if (query.startTimeMax !== undefined && start > query.startTimeMax) return false;
  const duration = span.endTimeUnixNano - start;
  if (query.minDurationNano !== undefined && duration < query.minDurationNano) return false;
  if (query.maxDurationNano !== undefined && duration > query.maxDurationNano) return false;
  return (
    query.attributes === undefined || query.attributes.every((c) => spanMeetsAttributeCondition(span, c))
  );
}
