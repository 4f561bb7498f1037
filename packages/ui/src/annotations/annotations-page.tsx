import type { FormEvent } from 'react';
import { apiUrl } from '../api/client.js';
import type { Annotation, AnnotationPage } from '../api/types.js';
import { NothingMatches } from '../components/empty-state.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { useCursorPages } from '../hooks/use-cursor-pages.js';
import { projectOf, useSearchState } from '../router/search-params.js';
import { AnnotationList } from './annotation-list.js';

/** The filters of `GET /api/annotations`, under the API's own parameter names. */
const FILTERS = [
  { name: 'tag', label: 'Tag', placeholder: 'regression' },
  { name: 'scoreName', label: 'Score', placeholder: 'quality' },
  { name: 'author', label: 'Author', placeholder: 'alice' },
  { name: 'traceId', label: 'Trace', placeholder: '32 hex digits' },
] as const;
const SOURCES = ['human', 'api', 'eval'] as const;

const readPage = (page: AnnotationPage) => ({ items: page.annotations, nextCursor: page.nextCursor });
const idOf = (annotation: Annotation) => annotation.id;

/** Every annotation of the project, newest first, filtered by tag, score, author, source or trace. */
export function AnnotationsPage() {
  const { params, setParams } = useSearchState();
  const project = projectOf(params);
  const names = [...FILTERS.map((filter) => filter.name), 'source'];
  const query = Object.fromEntries(names.map((name) => [name, params.get(name)]));
  const pages = useCursorPages(apiUrl('/api/annotations', { project, ...query, limit: 100 }), readPage, idOf);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setParams(Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '').trim() || null])));
  };

  return (
    <div className="page annotations-page">
      <header className="page-header">
        <h1>Annotations</h1>
        <span className="page-count">
          {pages.loading ? '' : `${pages.items.length}${pages.hasMore ? '+' : ''} annotations`}
        </span>
      </header>
      <form className="filter-bar" onSubmit={apply} key={params.toString()} aria-label="Annotation filters">
        <div className="filter-row">
          {FILTERS.map((filter) => (
            <label key={filter.name}>
              <span>{filter.label}</span>
              <input
                name={filter.name}
                placeholder={filter.placeholder}
                defaultValue={params.get(filter.name) ?? ''}
              />
            </label>
          ))}
          <label>
            <span>Source</span>
            <select name="source" defaultValue={params.get('source') ?? ''}>
              <option value="">any</option>
              {SOURCES.map((source) => (
                <option key={source} value={source}>
                  {source}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Filter</button>
        </div>
      </form>
      {pages.error && <ErrorBox error={pages.error} />}
      <div className="scroll-area">
        {pages.loading ? (
          <Loading what="annotations" />
        ) : pages.items.length === 0 ? (
          <NothingMatches>
            No annotation
            {[...params.keys()].some((key) => key !== 'project') ? ' matches these filters' : ' yet'}. Open a
            trace and annotate it or one of its spans; programs and evaluators add theirs with{' '}
            <code>POST /api/annotations</code>.
          </NothingMatches>
        ) : (
          <>
            <AnnotationList project={project} annotations={pages.items} showTarget onChanged={pages.reload} />
            {pages.hasMore && (
              <button type="button" onClick={pages.loadMore} disabled={pages.loadingMore}>
                {pages.loadingMore ? 'Loading…' : 'Load older annotations'}
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
