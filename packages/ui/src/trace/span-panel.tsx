import type { ReactNode } from 'react';
import { AnnotationForm } from '../annotations/annotation-form.js';
import { AnnotationList } from '../annotations/annotation-list.js';
import type { Annotation, SpanView } from '../api/types.js';
import { StatusBadge, TypeBadge } from '../components/status-badge.js';
import { formatDuration, formatTime } from '../format/format.js';
import { Link } from '../router/link.js';
import { pageHref, useSearchState } from '../router/search-params.js';
import { AttributesTable } from './attributes-table.js';
import { ChatView, InputOutputView } from './chat-view.js';
import type { SpanNode } from './span-tree.js';

/** Span types whose spans are model calls: they get the chat view. */
const MODEL_CALL_TYPES = new Set(['llm', 'embedding', 'reranker']);

function isModelCall(span: SpanView): boolean {
  return MODEL_CALL_TYPES.has(span.llm.spanType) || span.llm.tokens !== null;
}

function offsetMs(fromUnixNano: string, toUnixNano: string): number {
  return Number(BigInt(toUnixNano) - BigInt(fromUnixNano)) / 1e6;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/**
 * Everything about one span: what it is and how it went, its model call or tool call, its
 * attributes by place (span, resource, scope), events, links and annotations.
 */
export function SpanPanel(props: {
  node: SpanNode;
  traceStartUnixNano: string;
  project: string;
  annotations: readonly Annotation[];
  onAnnotated(): void;
  onSelect(spanId: string | null): void;
}) {
  const { node, traceStartUnixNano, project, annotations, onAnnotated, onSelect } = props;
  const { span } = node;
  const { params } = useSearchState();
  const ownAnnotations = annotations.filter((annotation) => annotation.spanId === span.spanId);
  const hasIo = span.llm.inputText !== null || span.llm.outputText !== null;
  return (
    <section className="span-panel" aria-label={`Span ${span.name}`}>
      <header className="panel-header">
        <div className="panel-title">
          <h2>{span.name}</h2>
          <button
            type="button"
            className="link-button"
            onClick={() => onSelect(null)}
            aria-label="Close the span"
          >
            ✕
          </button>
        </div>
        <div className="panel-badges">
          <TypeBadge type={span.llm.spanType} />
          <StatusBadge status={span.status.code} />
          <span className="muted">
            {span.service} · {span.kind}
          </span>
        </div>
        {span.status.code === 'error' && span.status.message && (
          <p className="status-message" role="note">
            {span.status.message}
          </p>
        )}
        <dl className="facts">
          <div className="fact">
            <dt>Duration</dt>
            <dd>{formatDuration(span.durationMs)}</dd>
          </div>
          <div className="fact">
            <dt>Starts</dt>
            <dd title={formatTime(span.startTime)}>
              +{formatDuration(offsetMs(traceStartUnixNano, span.startTimeUnixNano))}
            </dd>
          </div>
          <div className="fact">
            <dt>Span id</dt>
            <dd className="mono">{span.spanId}</dd>
          </div>
          <div className="fact">
            <dt>Parent</dt>
            <dd>
              {node.parent ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onSelect(node.parent!.span.spanId)}
                >
                  {node.parent.span.name}
                </button>
              ) : span.parentSpanId ? (
                `${span.parentSpanId} (not received)`
              ) : (
                'none: a root span'
              )}
            </dd>
          </div>
          {span.llm.userId && (
            <div className="fact">
              <dt>User</dt>
              <dd>{span.llm.userId}</dd>
            </div>
          )}
          {span.llm.sessionId && (
            <div className="fact">
              <dt>Session</dt>
              <dd>
                <Link to={pageHref(`/sessions/${encodeURIComponent(span.llm.sessionId)}`, params)}>
                  {span.llm.sessionId}
                </Link>
              </dd>
            </div>
          )}
        </dl>
      </header>

      {isModelCall(span) ? (
        <ChatView span={span} />
      ) : hasIo ? (
        <InputOutputView
          span={span}
          title={span.llm.spanType === 'tool' ? 'Tool call' : 'Input and output'}
        />
      ) : null}

      <Section title="Span attributes">
        <AttributesTable attributes={span.attributes} label="Span attributes" />
        {span.droppedAttributesCount > 0 && (
          <p className="muted">{span.droppedAttributesCount} attributes were dropped.</p>
        )}
      </Section>
      <Section title="Resource attributes">
        <AttributesTable attributes={span.resource.attributes} label="Resource attributes" />
      </Section>
      <Section title="Instrumentation scope">
        <p>
          {span.scope.name || '(unnamed)'}{' '}
          {span.scope.version && <span className="muted">{span.scope.version}</span>}
        </p>
        {Object.keys(span.scope.attributes).length > 0 && (
          <AttributesTable attributes={span.scope.attributes} label="Scope attributes" />
        )}
      </Section>
      <Section title={`Events (${span.events.length})`}>
        {span.events.length === 0 ? (
          <p className="muted">No events.</p>
        ) : (
          <ol className="events">
            {span.events.map((event, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events are in a fixed order.
              <li key={index} className={event.name === 'exception' ? 'event exception' : 'event'}>
                <div className="event-head">
                  <strong>{event.name}</strong>
                  <span className="muted">
                    +{formatDuration(offsetMs(span.startTimeUnixNano, event.timeUnixNano))}
                  </span>
                </div>
                <AttributesTable attributes={event.attributes} label={`Attributes of event ${event.name}`} />
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title={`Links (${span.links.length})`}>
        {span.links.length === 0 ? (
          <p className="muted">No links.</p>
        ) : (
          <ul className="links">
            {span.links.map((link) => (
              <li key={`${link.traceId}-${link.spanId}`}>
                <Link
                  to={pageHref(`/traces/${link.traceId}`, params, { span: link.spanId })}
                  className="mono"
                >
                  {link.traceId === span.traceId ? 'this trace' : `trace ${link.traceId}`}, span {link.spanId}
                </Link>
                {Object.keys(link.attributes).length > 0 && (
                  <AttributesTable attributes={link.attributes} label="Link attributes" />
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Annotations (${ownAnnotations.length})`}>
        <AnnotationList project={project} annotations={ownAnnotations} onChanged={onAnnotated} />
        <AnnotationForm
          project={project}
          traceId={span.traceId}
          spanId={span.spanId}
          onCreated={onAnnotated}
        />
      </Section>
    </section>
  );
}
