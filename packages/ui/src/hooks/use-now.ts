import { useCallback, useState } from 'react';

/**
 * "Now" for resolving relative time ranges, held still while the view stays the same (so the
 * request URLs do not change at every render) and taken again when `key` (the view's query)
 * changes or `refresh()` is called.
 */
export function useNow(key: string): [number, () => void] {
  const [state, setState] = useState(() => ({ key, now: Date.now() }));
  const refresh = useCallback(() => setState((previous) => ({ key: previous.key, now: Date.now() })), []);
  if (state.key !== key) {
    const next = { key, now: Date.now() };
    setState(next);
    return [next.now, refresh];
  }
  return [state.now, refresh];
}
