import { useCallback, useEffect, useMemo, useRef } from 'react';
import { apiUrl } from '../api/client.js';
import type { ServiceList, TracePage, TraceSummary } from '../api/types.js';
import { NoDataYet, NothingMatches } from '../components/empty-state.js';
import { ErrorBox } from '../components/error-box.js';
import { TimeRangePicker } from '../components/time-range-picker.js';
import { useApiGet } from '../hooks/use-api.js';
import { useCursorPages } from '../hooks/use-cursor-pages.js';
import { useLiveTail } from '../hooks/use-live-tail.js';
import { useTimeRange } from '../hooks/use-time-range.js';
import { projectOf, useSearchState } from '../router/search-params.js';
import { rangeQuery } from '../time/time-range.js';
import { FilterBar } from './filter-bar.js';
import { isSortKey, type SortOrder, sortTraces } from './sort-traces.js';
import { activeFilterCount, FILTER_PARAMS, liveQuery, traceListQuery } from './trace-filters.js';
import { TracesTable } from './traces-table.js';

const PAGE_SIZE = 100;
const readTraces = (page: TracePage) => ({ items: page.traces, nextCursor: page.nextCursor });
const traceIdOf = (trace: TraceSummary) => trace.traceId;

/** In live mode the list is read again at most this often, however fast spans arrive. */
const LIVE_REFRESH_MS = 2000;
/** While the project is empty, how often to look for a first trace. */
const EMPTY_POLL_MS = 5000;

/**
 * Whether the project holds any trace at all, asked only while a view shows nothing (null until
 * known). While it is empty it asks again every few seconds, and `onFirstTrace` runs when the
 * first trace has arrived.
 */
function useProjectIsEmpty(project: string, ask: boolean, onFirstTrace: () => void): boolean | null {
  const probe = useApiGet<TracePage>(ask ? apiUrl('/api/traces', { project, limit: 1 }) : null);
  const empty = probe.data === undefined ? null : probe.data.traces.length === 0;
  const { reload } = probe;
  const wasEmpty = useRef(false);
  useEffect(() => {
    if (empty === false && wasEmpty.current) onFirstTrace();
    wasEmpty.current = empty === true;
    if (!empty) return;
    const timer = setInterval(reload, EMPTY_POLL_MS);
    return () => clearInterval(timer);
  }, [empty, reload, onFirstTrace]);
  return ask ? empty : false;
}

export function TracesPage() {
  const { params, setParams } = useSearchState();
  const project = projectOf(params);
  const { range, refresh } = useTimeRange();
  const live = params.get('live') === '1';
  const query = useMemo(() => traceListQuery(params, range), [params, range]);
  const pages = useCursorPages(apiUrl('/api/traces', { ...query, limit: PAGE_SIZE }), readTraces, traceIdOf);
  const services = useApiGet<ServiceList>(apiUrl('/api/services', { project, ...rangeQuery(range) }));

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onLiveSpan = useCallback(() => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      refresh();
    }, LIVE_REFRESH_MS);
  }, [refresh]);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  const tail = useLiveTail(live ? apiUrl('/api/live', liveQuery(params)) : null, onLiveSpan);

  const sortParam = params.get('sort');
  const sort = isSortKey(sortParam) ? sortParam : 'time';
  const order: SortOrder = params.get('order') === 'asc' ? 'asc' : 'desc';
  const rows = useMemo(() => sortTraces(pages.items, sort, order), [pages.items, sort, order]);
  const nothing = !pages.loading && !pages.error && pages.items.length === 0;
  const projectEmpty = useProjectIsEmpty(project, nothing, refresh);

  const toggleLive = () =>
    setParams(live ? { live: null } : { live: '1', start: null, end: null, range: range.preset ?? '1h' });

  return (
    <div className="page traces-page">
      <header className="page-header">
        <h1>Traces</h1>
        <span className="page-count" aria-live="polite">
          {pages.loading ? 'Loading…' : `${rows.length}${pages.hasMore ? '+' : ''} traces`}
          {sort !== 'time' && pages.hasMore ? ' (sorted: the pages loaded so far)' : ''}
        </span>
        <div className="spacer" />
        <button
          type="button"
          className={`live-toggle ${live ? 'on' : ''}`}
          aria-pressed={live}
          onClick={toggleLive}
          title="Follow new traces as they arrive (live tail)"
        >
          {live ? `● Live${tail.connected ? '' : ' (connecting)'}: ${tail.spans} spans` : 'Live'}
        </button>
        <TimeRangePicker range={range} onRefresh={refresh} />
      </header>
      <FilterBar services={services.data?.services.map((service) => service.service) ?? []} />
      {pages.error && <ErrorBox error={pages.error} onRetry={refresh} />}
      {projectEmpty ? (
        <NoDataYet project={project} />
      ) : nothing && projectEmpty === false ? (
        <NothingMatches
          action={
            activeFilterCount(params) > 0 ? (
              <button
                type="button"
                onClick={() => setParams(Object.fromEntries(FILTER_PARAMS.map((name) => [name, null])))}
              >
                Clear the filters
              </button>
            ) : (
              <button type="button" onClick={() => setParams({ range: '30d', start: null, end: null })}>
                Look at the last 30 days
              </button>
            )
          }
        >
          No trace {activeFilterCount(params) > 0 ? 'matches these filters' : 'started'} in{' '}
          {range.label.toLowerCase()}.
        </NothingMatches>
      ) : (
        <TracesTable
          traces={rows}
          sort={sort}
          order={order}
          hasMore={pages.hasMore}
          onNearEnd={pages.loadMore}
        />
      )}
    </div>
  );
}
