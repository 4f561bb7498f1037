import type { Query } from '../api/client.js';
import { projectOf } from '../router/search-params.js';
import { rangeQuery, type TimeRange } from '../time/time-range.js';

/** The span types of the API (docs/attributes.md), in the order the filter lists them. */
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

export const TRACE_STATUSES = ['ok', 'error', 'partial'] as const;

/**
 * The filters of `GET /api/traces` the page offers, each kept in the URL under the API's own
 * parameter name, so a view's address is also its API query.
 */
export const TEXT_FILTERS = [
  'service',
  'spanName',
  'model',
  'provider',
  'userId',
  'sessionId',
  'tag',
  'minDuration',
  'maxDuration',
] as const;
export const CHOICE_FILTERS = ['spanType', 'status', 'hasErrors'] as const;
/** Repeatable: `attr=key=value`, `attr=key>=n`. */
export const ATTRIBUTE_FILTER = 'attr';
export const TEXT_SEARCH = 'text';

/** Every parameter that narrows the list: what "Clear filters" removes. */
export const FILTER_PARAMS = [...TEXT_FILTERS, ...CHOICE_FILTERS, ATTRIBUTE_FILTER, TEXT_SEARCH] as const;

/** The filters in the URL, as API parameters (without project, time or paging). */
export function filtersOf(params: URLSearchParams): Query {
  const query: Query = {};
  for (const name of [...TEXT_FILTERS, ...CHOICE_FILTERS, TEXT_SEARCH]) {
    const value = params.get(name)?.trim();
    if (value) query[name] = value;
  }
  const conditions = params
    .getAll(ATTRIBUTE_FILTER)
    .map((condition) => condition.trim())
    .filter((condition) => condition !== '');
  if (conditions.length > 0) query[ATTRIBUTE_FILTER] = conditions;
  return query;
}

/** The query of the trace list: the project, the filters and the time range. */
export function traceListQuery(params: URLSearchParams, range: TimeRange): Query {
  return { project: projectOf(params), ...filtersOf(params), ...rangeQuery(range) };
}

/**
 * The query of the live tail for the same filters. The tail sees spans one at a time, so `status`
 * becomes "error spans" (`hasErrors=true`) or is dropped, and the time range does not apply.
 */
export function liveQuery(params: URLSearchParams): Query {
  const { status, ...filters } = filtersOf(params);
  if (status === 'error') filters.hasErrors = 'true';
  return { project: projectOf(params), ...filters };
}

export function activeFilterCount(params: URLSearchParams): number {
  const { attr, ...single } = filtersOf(params);
  return Object.keys(single).length + (Array.isArray(attr) ? attr.length : 0);
}
