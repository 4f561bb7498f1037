import { useCallback, useEffect, useMemo, useState } from 'react';
import { apiUrl } from '../api/client.js';
import type { AnnotationPage, TraceDetail } from '../api/types.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { StatusBadge } from '../components/status-badge.js';
import { countOf, formatCost, formatDuration, formatTime } from '../format/format.js';
import { useApiGet } from '../hooks/use-api.js';
import { Link } from '../router/link.js';
import { pageHref, projectOf, useSearchState } from '../router/search-params.js';
import { criticalPath } from './critical-path.js';
import { SpanPanel } from './span-panel.js';
import { ancestorsOf, buildSpanTree, flattenSpans, type SpanTree, visibleRows } from './span-tree.js';
import { TraceOverview } from './trace-overview.js';
import { Waterfall } from './waterfall.js';
import { type TimelineWindow, zoomWindow } from './waterfall-layout.js';

function TraceHeader({ detail, tree }: { detail: TraceDetail; tree: SpanTree }) {
  const { trace } = detail;
  const { params } = useSearchState();
  return (
    <header className="page-header trace-header">
      <Link to={pageHref('/traces', params)} className="back-link">
        ← Traces
      </Link>
      <h1>{trace.rootName ?? '(root span not received)'}</h1>
      <StatusBadge status={trace.status} />
      <span className="header-figures">
        <span title={formatTime(trace.startTime)}>{formatTime(trace.startTime)}</span>
        <span>{formatDuration(trace.durationMs)}</span>
        <span>{countOf(tree.byId.size, 'span')}</span>
        <span>{countOf(trace.llmCallCount, 'model call')}</span>
        <span>{countOf(trace.tokens.total, 'token')}</span>
        <span>{formatCost(trace.costUsd)}</span>
      </span>
      <span className="mono muted trace-id">{trace.traceId}</span>
    </header>
  );
}

/**
 * One trace: the waterfall of its spans beside the panel of the selected span (or of the trace).
 * The selected span and the critical-path highlight are in the URL; collapsing and zoom are not
 * worth a history entry each.
 */
export function TracePage({ traceId }: { traceId: string }) {
  const { params, setParams } = useSearchState();
  const project = projectOf(params);
  const detail = useApiGet<TraceDetail>(apiUrl(`/api/traces/${traceId}`, { project }));
  const annotations = useApiGet<AnnotationPage>(
    apiUrl('/api/annotations', { project, traceId, limit: 1000 }),
  );
  const tree = useMemo(
    () => (detail.data ? buildSpanTree(flattenSpans(detail.data.spans)) : null),
    [detail.data],
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [zoom, setZoom] = useState<TimelineWindow | null>(null);
  const selectedId = params.get('span');
  const selected = (selectedId && tree?.byId.get(selectedId)) || null;
  const showCritical = params.get('critical') === '1';

  useEffect(() => {
    // A span selected by a link must be visible: open the branches above it.
    if (!selected) return;
    setCollapsed((current) => {
      const hiding = ancestorsOf(selected).filter((ancestor) => current.has(ancestor.span.spanId));
      if (hiding.length === 0) return current;
      const next = new Set(current);
      for (const ancestor of hiding) next.delete(ancestor.span.spanId);
      return next;
    });
  }, [selected]);

  const rows = useMemo(() => (tree ? visibleRows(tree.roots, collapsed) : []), [tree, collapsed]);
  const critical = useMemo(
    () => (tree && showCritical ? criticalPath(tree.roots) : null),
    [tree, showCritical],
  );
  const serviceIndex = useMemo(
    () => new Map((detail.data?.trace.services ?? []).map((service, index) => [service, index])),
    [detail.data],
  );
  const select = useCallback(
    (spanId: string | null) => setParams({ span: spanId }, { replace: true }),
    [setParams],
  );
  const toggle = useCallback(
    (spanId: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (!next.delete(spanId)) next.add(spanId);
        return next;
      }),
    [],
  );

  if (detail.error) return <ErrorBox error={detail.error} onRetry={detail.reload} />;
  if (!detail.data || !tree) return <Loading what="the trace" />;
  const timeline = zoom ?? { startNs: 0, durationNs: tree.durationNs };
  const withChildren = tree.ordered
    .filter((node) => node.children.length > 0)
    .map((node) => node.span.spanId);

  return (
    <div className="page trace-page">
      <TraceHeader detail={detail.data} tree={tree} />
      <div className="toolbar">
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" onClick={() => setCollapsed(new Set(withChildren))}>
          Collapse all
        </button>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showCritical}
            onChange={(event) =>
              setParams({ critical: event.target.checked ? '1' : null }, { replace: true })
            }
          />
          Critical path
        </label>
        {zoom && (
          <button type="button" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
        <span className="muted hint">Drag on the time axis to zoom; arrow keys move through the spans.</span>
      </div>
      <div className="trace-body">
        <section className="waterfall-pane" aria-label="Waterfall">
          <Waterfall
            tree={tree}
            rows={rows}
            selectedId={selected?.span.spanId ?? null}
            critical={critical}
            window={timeline}
            serviceIndex={serviceIndex}
            onSelect={select}
            onToggle={toggle}
            onZoom={(from, to) => setZoom(zoomWindow(timeline, from, to))}
          />
        </section>
        <aside className="detail-pane">
          {selected ? (
            <SpanPanel
              key={selected.span.spanId}
              node={selected}
              traceStartUnixNano={tree.startNs.toString()}
              project={project}
              annotations={annotations.data?.annotations ?? []}
              onAnnotated={annotations.reload}
              onSelect={select}
            />
          ) : (
            <TraceOverview
              detail={detail.data}
              project={project}
              annotations={annotations.data?.annotations ?? []}
              onAnnotated={annotations.reload}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
