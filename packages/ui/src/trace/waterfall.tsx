import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { formatDuration } from '../format/format.js';
import type { SpanRow, SpanTree } from './span-tree.js';
import { barLayout, type TimelineWindow, timeTicks } from './waterfall-layout.js';

const ROW_HEIGHT = 26;
const INDENT_PX = 14;
const SERVICE_COLORS = 10;

export interface WaterfallProps {
  tree: SpanTree;
  rows: readonly SpanRow[];
  selectedId: string | null;
  /** Spans on the critical path, highlighted; null when the highlight is off. */
  critical: ReadonlySet<string> | null;
  window: TimelineWindow;
  /** Each service's colour, by its index in the trace's service list. */
  serviceIndex: ReadonlyMap<string, number>;
  onSelect(spanId: string): void;
  onToggle(spanId: string): void;
  onZoom(fromPercent: number, toPercent: number): void;
}

/** Drag on the axis to zoom into a part of the timeline. */
function TimelineAxis({ window, onZoom }: Pick<WaterfallProps, 'window' | 'onZoom'>) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const percentAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100));
  };
  return (
    <div
      className="wf-axis"
      title="Drag to zoom into a part of the trace"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        const at = percentAt(event);
        setDrag({ from: at, to: at });
      }}
      onPointerMove={(event) => drag && setDrag({ ...drag, to: percentAt(event) })}
      onPointerUp={() => {
        if (drag && Math.abs(drag.to - drag.from) > 1) onZoom(drag.from, drag.to);
        setDrag(null);
      }}
    >
      {timeTicks(window).map((tick) => (
        <span key={tick.ns} className="wf-tick" style={{ left: `${tick.percent}%` }}>
          {tick.label}
        </span>
      ))}
      {drag && (
        <span
          className="wf-zoom-selection"
          style={{ left: `${Math.min(drag.from, drag.to)}%`, width: `${Math.abs(drag.to - drag.from)}%` }}
        />
      )}
    </div>
  );
}

/**
 * The span tree and its timeline side by side, one row per visible span: indentation and
 * collapse on the left, a bar placed by start and duration on the right. Rows are virtualized,
 * so a trace of 10 000 spans renders only what is on screen. Arrow keys move the selection,
 * left and right (or Enter) collapse and expand.
 */
export function Waterfall(props: WaterfallProps) {
  const { tree, rows, selectedId, critical, window, serviceIndex, onSelect, onToggle, onZoom } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const selectedIndex = rows.findIndex((row) => row.node.span.spanId === selectedId);
  // Set by the keyboard: focus follows the selection (a click or a link must not move it).
  const focusSelected = useRef(false);
  useEffect(() => {
    if (selectedIndex < 0) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    if (!focusSelected.current) return;
    focusSelected.current = false;
    requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLElement>(`[data-span-id="${rows[selectedIndex]!.node.span.spanId}"]`)
        ?.focus(),
    );
  }, [selectedIndex, virtualizer, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[selectedIndex];
    const move = (index: number) => {
      const target = rows[Math.min(rows.length - 1, Math.max(0, index))];
      focusSelected.current = true;
      if (target) onSelect(target.node.span.spanId);
    };
    if (event.key === 'ArrowDown') move(selectedIndex + 1);
    else if (event.key === 'ArrowUp') move(selectedIndex - 1);
    else if (row && event.key === 'ArrowLeft') {
      if (row.node.children.length > 0 && !row.collapsed) onToggle(row.node.span.spanId);
      else if (row.node.parent) onSelect(row.node.parent.span.spanId);
    } else if (row && event.key === 'ArrowRight' && row.collapsed) onToggle(row.node.span.spanId);
    else if (row && event.key === 'Enter' && row.node.children.length > 0) onToggle(row.node.span.spanId);
    else return;
    event.preventDefault();
  };

  return (
    <div className="waterfall">
      <div className="wf-header">
        <div className="wf-name-col">
          {rows.length.toLocaleString('en-US')} of {tree.byId.size.toLocaleString('en-US')} spans
        </div>
        <TimelineAxis window={window} onZoom={onZoom} />
      </div>
      <div className="wf-body" ref={scroller}>
        <div
          role="tree"
          aria-label="Spans"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const { node, depth, collapsed } = rows[item.index]!;
            const { span } = node;
            const bar = barLayout(node.startNs, node.endNs, window);
            const failed = span.status.code === 'error';
            const hiddenError = collapsed && node.descendantError;
            const color = (serviceIndex.get(span.service) ?? 0) % SERVICE_COLORS;
            return (
              <div
                key={span.spanId}
                role="treeitem"
                aria-level={depth + 1}
                aria-selected={span.spanId === selectedId}
                aria-expanded={node.children.length > 0 ? !collapsed : undefined}
                data-span-id={span.spanId}
                className={[
                  'wf-row',
                  span.spanId === selectedId ? 'selected' : '',
                  failed ? 'failed' : '',
                  critical?.has(span.spanId) ? 'critical' : '',
                ].join(' ')}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                // One row is in the tab order: the selected one (else the first); arrows move on.
                tabIndex={item.index === Math.max(0, selectedIndex) ? 0 : -1}
                onClick={() => onSelect(span.spanId)}
                onKeyDown={onKeyDown}
              >
                <div className="wf-name-col" style={{ paddingLeft: depth * INDENT_PX }}>
                  {node.children.length > 0 ? (
                    <button
                      type="button"
                      className="wf-toggle"
                      aria-label={collapsed ? `Expand ${span.name}` : `Collapse ${span.name}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        onToggle(span.spanId);
                      }}
                    >
                      {collapsed ? '▸' : '▾'}
                    </button>
                  ) : (
                    <span className="wf-toggle-space" />
                  )}
                  <span className={`service-swatch service-${color}`} title={span.service} />
                  <span className="wf-name" title={`${span.service}: ${span.name}`}>
                    {span.name}
                  </span>
                  {(failed || hiddenError) && (
                    <span
                      className="error-mark"
                      title={failed ? span.status.message || 'Error' : 'A hidden span failed'}
                    >
                      !
                    </span>
                  )}
                  {collapsed && <span className="hidden-count">+{node.descendantCount}</span>}
                </div>
                <div className="wf-bar-col">
                  <span
                    className={`wf-bar ${failed ? 'bar-failed' : `service-${color}`}`}
                    style={{ left: `${bar.leftPercent}%`, width: `${bar.widthPercent}%` }}
                  />
                  <span
                    className="wf-duration"
                    style={
                      bar.leftPercent > 70
                        ? { right: `${100 - bar.leftPercent}%` }
                        : { left: `${bar.leftPercent + bar.widthPercent}%` }
                    }
                  >
                    {formatDuration(Number(span.durationNano) / 1e6)}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
