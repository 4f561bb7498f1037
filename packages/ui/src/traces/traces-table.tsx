import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';
import type { TraceSummary } from '../api/types.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatCost, formatCount, formatDuration, formatTime } from '../format/format.js';
import { Link } from '../router/link.js';
import { pageHref, useSearchState } from '../router/search-params.js';
import type { SortKey, SortOrder } from './sort-traces.js';

const ROW_HEIGHT = 44;

interface Column {
  label: string;
  sort?: SortKey;
  className?: string;
  cell(trace: TraceSummary): ReactNode;
}

const COLUMNS: Column[] = [
  { label: 'Time', sort: 'time', className: 'col-time', cell: (trace) => formatTime(trace.startTime) },
  {
    label: 'Trace',
    className: 'col-root',
    cell: (trace) => (
      <>
        <span className="root-name">{trace.rootName ?? '(root span not received)'}</span>
        <span className="root-service">{trace.rootService ?? trace.services.join(', ')}</span>
      </>
    ),
  },
  {
    label: 'Duration',
    sort: 'duration',
    className: 'num',
    cell: (trace) => formatDuration(trace.durationMs),
  },
  { label: 'Spans', sort: 'spans', className: 'num', cell: (trace) => formatCount(trace.spanCount) },
  { label: 'Tokens', sort: 'tokens', className: 'num', cell: (trace) => formatCount(trace.tokens.total) },
  { label: 'Cost', sort: 'cost', className: 'num', cell: (trace) => formatCost(trace.costUsd) },
  {
    label: 'Status',
    sort: 'errors',
    className: 'col-status',
    cell: (trace) => (
      <>
        <StatusBadge status={trace.status} />
        {trace.errorCount > 0 && <span className="error-count">{trace.errorCount} err</span>}
      </>
    ),
  },
  { label: 'User', className: 'col-id', cell: (trace) => trace.userId ?? '' },
  { label: 'Session', className: 'col-id', cell: (trace) => trace.sessionId ?? '' },
];

function SortHeader({ column, sort, order }: { column: Column; sort: SortKey; order: SortOrder }) {
  const { setParams } = useSearchState();
  if (!column.sort) return <div className={`cell ${column.className ?? ''}`}>{column.label}</div>;
  const active = column.sort === sort;
  const next: SortOrder = active && order === 'desc' ? 'asc' : 'desc';
  // Newest first is the API's own order: it needs no parameter.
  const update = { sort: column.sort === 'time' && next === 'desc' ? null : column.sort, order: next };
  return (
    <div className={`cell ${column.className ?? ''}`}>
      <button
        type="button"
        className="sort-button"
        title={`Sort by ${column.label.toLowerCase()}, ${next === 'desc' ? 'largest' : 'smallest'} first`}
        onClick={() => setParams(update)}
      >
        {column.label}
        {active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </div>
  );
}

/**
 * The trace list, virtualized: only the rows on screen are in the page, so thousands of loaded
 * traces scroll smoothly. Reaching the end loads the next page.
 */
export function TracesTable(props: {
  traces: readonly TraceSummary[];
  sort: SortKey;
  order: SortOrder;
  hasMore: boolean;
  onNearEnd(): void;
}) {
  const { traces, sort, order, hasMore, onNearEnd } = props;
  const { params } = useSearchState();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: traces.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // A new order starts from its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the order changed.
  useEffect(() => virtualizer.scrollToOffset(0), [sort, order, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastIndex >= traces.length - 20) onNearEnd();
  }, [hasMore, lastIndex, traces.length, onNearEnd]);

  return (
    <div className="table traces-table">
      <div className="table-head">
        {COLUMNS.map((column) => (
          <SortHeader key={column.label} column={column} sort={sort} order={order} />
        ))}
      </div>
      <div className="table-body" ref={scroller}>
        <ol className="table-rows" aria-label="Traces" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const trace = traces[item.index]!;
            return (
              <li
                key={trace.traceId}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <Link
                  to={pageHref(`/traces/${trace.traceId}`, params)}
                  className={`table-row ${trace.status === 'error' ? 'has-error' : ''}`}
                  data-trace-id={trace.traceId}
                >
                  {COLUMNS.map((column) => (
                    <span key={column.label} className={`cell ${column.className ?? ''}`}>
                      {column.cell(trace)}
                    </span>
                  ))}
                </Link>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
