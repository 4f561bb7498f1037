import { useMemo, useSyncExternalStore } from 'react';

/** Fired on `window` after the UI changed the address itself (pushState fires nothing). */
const NAVIGATE_EVENT = 'sextant:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentHref(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** Path and query, e.g. `/traces?service=api`. */
  href: string;
}

/** The address bar, kept as the single source of every view's state. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.searchParams, href };
  }, [href]);
}

/**
 * Goes to `to` (a path with its query). `replace` rewrites the current history entry: typing in a
 * filter box should not leave one entry per keystroke.
 */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
