import { useMemo } from 'react';
import { useLocation } from '../router/location.js';
import { withParams } from '../router/search-params.js';
import { rangeFromParams, type TimeRange } from '../time/time-range.js';
import { useNow } from './use-now.js';

/**
 * Parameters that change how the data is shown, not which data: changing them must not take
 * "now" again (which would read everything anew).
 */
const PRESENTATION_ONLY = { sort: null, order: null, span: null, critical: null, rank: null };

/**
 * The view's time range from the URL, resolved against a "now" taken when the data the view asks
 * for changes.
 */
export function useTimeRange(): { range: TimeRange; refresh: () => void } {
  const { search } = useLocation();
  const [now, refresh] = useNow(withParams(search, PRESENTATION_ONLY).toString());
  const range = useMemo(() => rangeFromParams(search, now), [search, now]);
  return { range, refresh };
}
