import { useCallback } from 'react';
import { navigate, useLocation } from './location.js';

/** New values of query parameters: a list repeats the key, `null` or `''` removes it. */
export type ParamUpdate = Record<string, string | readonly string[] | null | undefined>;

/** The query with `update` applied; the other parameters are kept as they were. */
export function withParams(search: URLSearchParams, update: ParamUpdate): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    next.delete(key);
    if (value === null) continue;
    for (const item of typeof value === 'string' ? [value] : value) if (item !== '') next.append(key, item);
  }
  return next;
}

/** `path?query`, without a dangling `?`. */
export function hrefOf(pathname: string, search: URLSearchParams): string {
  const query = search.toString();
  return query === '' ? pathname : `${pathname}?${query}`;
}

/**
 * A link to another page that keeps the project (the one piece of state every page shares) and
 * sets the given parameters.
 */
export function pageHref(pathname: string, current: URLSearchParams, params: ParamUpdate = {}): string {
  const project = current.get('project');
  return hrefOf(pathname, withParams(new URLSearchParams(), { project, ...params }));
}

export interface SearchState {
  params: URLSearchParams;
  /** Changes some parameters of the current page; `replace` keeps the history entry. */
  setParams(update: ParamUpdate, options?: { replace?: boolean }): void;
}

export function useSearchState(): SearchState {
  const { pathname, search } = useLocation();
  const setParams = useCallback(
    (update: ParamUpdate, options: { replace?: boolean } = {}) =>
      navigate(hrefOf(pathname, withParams(search, update)), options),
    [pathname, search],
  );
  return { params: search, setParams };
}

/** The project every request of the page is for. */
export function projectOf(params: URLSearchParams): string {
  return params.get('project') || 'default';
}
