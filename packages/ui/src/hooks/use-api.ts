import { useCallback, useEffect, useState } from 'react';
import { requestJson } from '../api/client.js';

interface Loaded<T> {
  url: string | null;
  data?: T;
  error?: Error;
}

export interface ApiState<T> {
  /** The answer for the current URL (or, with `keepPrevious`, the last one while the next loads). */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `url` from the API whenever it changes (nothing for `null`); a request for a URL no longer
 * wanted is aborted, so a slow answer never overwrites a newer one.
 */
export function useApiGet<T>(url: string | null, options: { keepPrevious?: boolean } = {}): ApiState<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ url: null });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is how reload() asks for the same URL again.
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    requestJson<T>(url, { signal: controller.signal }).then(
      (data) => setLoaded({ url, data }),
      (error: Error) => {
        if (!controller.signal.aborted) setLoaded({ url, error });
      },
    );
    return () => controller.abort();
  }, [url, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const current = loaded.url === url;
  return {
    data: current || options.keepPrevious ? loaded.data : undefined,
    error: current ? loaded.error : undefined,
    loading: url !== null && !current,
    reload,
  };
}
