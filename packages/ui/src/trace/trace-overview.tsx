import { AnnotationForm } from '../annotations/annotation-form.js';
import { AnnotationList } from '../annotations/annotation-list.js';
import type { Annotation, TraceDetail } from '../api/types.js';
import { formatCost, formatCount, formatDuration, formatTime } from '../format/format.js';
import { Link } from '../router/link.js';
import { pageHref, useSearchState } from '../router/search-params.js';

/** The trace as a whole, shown while no span is selected: its figures, relations and annotations. */
export function TraceOverview(props: {
  detail: TraceDetail;
  project: string;
  annotations: readonly Annotation[];
  onAnnotated(): void;
}) {
  const { detail, project, annotations, onAnnotated } = props;
  const { trace } = detail;
  const { params } = useSearchState();
  const traceAnnotations = annotations.filter((annotation) => annotation.spanId === null);
  const facts: [string, string][] = [
    ['Started', formatTime(trace.startTime)],
    ['Duration', formatDuration(trace.durationMs)],
    ['Spans', formatCount(trace.spanCount)],
    ['Model calls', formatCount(trace.llmCallCount)],
    ['Tool calls', formatCount(trace.toolCallCount)],
    ['Error spans', formatCount(trace.errorCount)],
    [
      'Input tokens',
      `${formatCount(trace.tokens.input)} (${formatCount(trace.tokens.cacheRead)} from cache)`,
    ],
    [
      'Output tokens',
      `${formatCount(trace.tokens.output)} (${formatCount(trace.tokens.reasoning)} reasoning)`,
    ],
    ['Cost', formatCost(trace.costUsd)],
  ];
  return (
    <section className="span-panel trace-overview" aria-label="Trace overview">
      <header className="panel-header">
        <h2>{trace.rootName ?? 'Trace without its root span'}</h2>
        <p className="muted">Select a span in the tree to see its attributes, messages and events.</p>
      </header>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="fact">
          <dt>Services</dt>
          <dd>{trace.services.join(', ')}</dd>
        </div>
        {trace.userId && (
          <div className="fact">
            <dt>User</dt>
            <dd>
              <Link to={pageHref('/traces', params, { userId: trace.userId })}>{trace.userId}</Link>
            </dd>
          </div>
        )}
        {trace.sessionId && (
          <div className="fact">
            <dt>Session</dt>
            <dd>
              <Link to={pageHref(`/sessions/${encodeURIComponent(trace.sessionId)}`, params)}>
                {trace.sessionId}
              </Link>
            </dd>
          </div>
        )}
        {detail.correlationId && (
          <div className="fact">
            <dt>Correlation</dt>
            <dd>{detail.correlationId}</dd>
          </div>
        )}
        {detail.replayOf && (
          <div className="fact">
            <dt>Replay of</dt>
            <dd>
              <Link to={pageHref(`/traces/${detail.replayOf}`, params)} className="mono">
                {detail.replayOf}
              </Link>
            </dd>
          </div>
        )}
      </dl>
      {detail.replays.traceIds.length > 0 && (
        <section className="panel-section">
          <h3>Replays</h3>
          <ul>
            {detail.replays.traceIds.map((traceId) => (
              <li key={traceId}>
                <Link to={pageHref(`/traces/${traceId}`, params)} className="mono">
                  {traceId}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel-section" aria-label="Trace annotations">
        <h3>Annotations of the trace ({traceAnnotations.length})</h3>
        <AnnotationList project={project} annotations={traceAnnotations} onChanged={onAnnotated} />
        <AnnotationForm project={project} traceId={trace.traceId} spanId={null} onCreated={onAnnotated} />
      </section>
      <p>
        <a href={`/api/traces/${trace.traceId}?project=${encodeURIComponent(project)}&format=otlp`} download>
          Download as OTLP/JSON
        </a>
      </p>
    </section>
  );
}
