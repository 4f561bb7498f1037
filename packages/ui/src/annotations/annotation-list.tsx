import { useState } from 'react';
import { deleteAnnotation } from '../api/client.js';
import type { Annotation } from '../api/types.js';
import { ErrorBox } from '../components/error-box.js';
import { formatTime } from '../format/format.js';
import { Link } from '../router/link.js';
import { pageHref, useSearchState } from '../router/search-params.js';

function scoreText(score: NonNullable<Annotation['score']>): string {
  return `${score.name} = ${typeof score.value === 'string' ? `"${score.value}"` : String(score.value)}`;
}

/** Annotations, newest first, each with its author, source, text, tags and score. */
export function AnnotationList(props: {
  project: string;
  annotations: readonly Annotation[];
  /** Show a link to the annotated trace or span (on the annotations page). */
  showTarget?: boolean;
  onChanged(): void;
}) {
  const { project, annotations, showTarget, onChanged } = props;
  const { params } = useSearchState();
  const [error, setError] = useState<Error | null>(null);
  if (annotations.length === 0) return <p className="muted">No annotations yet.</p>;
  const remove = async (id: string) => {
    try {
      await deleteAnnotation(project, id);
      onChanged();
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <>
      {error && <ErrorBox error={error} />}
      <ul className="annotation-list" aria-label="Annotations">
        {annotations.map((annotation) => (
          <li key={annotation.id} className="annotation" data-annotation-id={annotation.id}>
            <div className="annotation-head">
              <strong>{annotation.author}</strong>
              <span className={`badge source-${annotation.source}`}>{annotation.source}</span>
              <span className="muted">{formatTime(annotation.time)}</span>
              {showTarget && (
                <Link
                  to={pageHref(`/traces/${annotation.traceId}`, params, { span: annotation.spanId })}
                  className="annotation-target"
                >
                  {annotation.spanId
                    ? `span ${annotation.spanId}`
                    : `trace ${annotation.traceId.slice(0, 12)}…`}
                </Link>
              )}
              <button
                type="button"
                className="link-button danger"
                aria-label={`Delete the annotation by ${annotation.author}`}
                onClick={() => remove(annotation.id)}
              >
                Delete
              </button>
            </div>
            {annotation.text && <p className="annotation-text">{annotation.text}</p>}
            <div className="annotation-meta">
              {annotation.score && <span className="score">{scoreText(annotation.score)}</span>}
              {annotation.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
