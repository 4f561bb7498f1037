import { useCallback, useEffect, useRef, useState } from 'react';
import { requestJson } from '../api/client.js';

/** What a page of an API list holds: its items and the cursor of the next page. */
export interface PageOf<Item> {
  items: Item[];
  nextCursor: string | null;
}

interface Pages<Item> extends PageOf<Item> {
  /** The URL of the first page these items came from. */
  url: string | null;
  error?: Error;
}

export interface CursorPages<Item> {
  items: Item[];
  /** True until the first page of the current URL has answered. */
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  error: Error | undefined;
  loadMore(): void;
  /** Reads the first page again (after a change), keeping the items until it answers. */
  reload(): void;
}

/**
 * An API list read page after page through its cursors (`url` is the first page; `&cursor=` is
 * added for the next). While a new URL loads, the previous items stay on screen: a live refresh
 * must not blink.
 */
export function useCursorPages<Answer, Item>(
  url: string,
  read: (answer: Answer) => PageOf<Item>,
  idOf: (item: Item) => string,
): CursorPages<Item> {
  const [pages, setPages] = useState<Pages<Item>>({ url: null, items: [], nextCursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const more = useRef<AbortController | null>(null);
  const reader = useRef({ read, idOf });
  reader.current = { read, idOf };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is how reload() asks for the same URL again.
  useEffect(() => {
    const controller = new AbortController();
    more.current?.abort();
    requestJson<Answer>(url, { signal: controller.signal }).then(
      (answer) => setPages({ url, ...reader.current.read(answer) }),
      (error: Error) => {
        if (!controller.signal.aborted) setPages({ url, items: [], nextCursor: null, error });
      },
    );
    return () => controller.abort();
  }, [url, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const loadMore = useCallback(() => {
    if (pages.url !== url || pages.nextCursor === null || more.current) return;
    const controller = new AbortController();
    more.current = controller;
    setLoadingMore(true);
    const next = `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(pages.nextCursor)}`;
    requestJson<Answer>(next, { signal: controller.signal })
      .then(
        (answer) =>
          setPages((current) => {
            if (current.url !== url) return current;
            const page = reader.current.read(answer);
            const seen = new Set(current.items.map(reader.current.idOf));
            const added = page.items.filter((item) => !seen.has(reader.current.idOf(item)));
            return { url, items: [...current.items, ...added], nextCursor: page.nextCursor };
          }),
        (error: Error) => {
          if (!controller.signal.aborted) setPages((current) => ({ ...current, error }));
        },
      )
      .finally(() => {
        if (more.current === controller) more.current = null;
        setLoadingMore(false);
      });
  }, [url, pages.url, pages.nextCursor]);

  return {
    items: pages.items,
    loading: pages.url !== url,
    loadingMore,
    hasMore: pages.nextCursor !== null,
    error: pages.error,
    loadMore,
    reload,
  };
}
