import { type FormEvent, useRef, useState } from 'react';
import { type ParamUpdate, useSearchState } from '../router/search-params.js';
import {
  ATTRIBUTE_FILTER,
  activeFilterCount,
  FILTER_PARAMS,
  SPAN_TYPES,
  TEXT_FILTERS,
  TEXT_SEARCH,
  TRACE_STATUSES,
} from './trace-filters.js';

const TEXT_FIELDS: Record<(typeof TEXT_FILTERS)[number], { label: string; placeholder: string }> = {
  service: { label: 'Service', placeholder: 'support-agent' },
  spanName: { label: 'Span name', placeholder: 'chat gpt-4o' },
  model: { label: 'Model', placeholder: 'gpt-4o' },
  provider: { label: 'Provider', placeholder: 'openai' },
  userId: { label: 'User', placeholder: 'user id' },
  sessionId: { label: 'Session', placeholder: 'session id' },
  tag: { label: 'Tag', placeholder: 'regression' },
  minDuration: { label: 'Min duration', placeholder: '2s' },
  maxDuration: { label: 'Max duration', placeholder: '500ms' },
};

/**
 * The filters of the trace list. They live in the URL: the form is rebuilt from it (back and
 * forward work) and writes it back when submitted; a choice in a list applies at once.
 */
export function FilterBar({ services }: { services: readonly string[] }) {
  const { params, setParams } = useSearchState();
  const form = useRef<HTMLFormElement>(null);
  const [showMore, setShowMore] = useState(
    () => TEXT_FILTERS.some((name) => name !== 'service' && params.has(name)) || params.has(ATTRIBUTE_FILTER),
  );
  // The conditions in the URL, then the empty rows asked for since.
  const [emptyRows, setEmptyRows] = useState(0);
  const given = params.getAll(ATTRIBUTE_FILTER);
  const conditions = [...given, ...Array<string>(given.length === 0 ? emptyRows + 1 : emptyRows).fill('')];

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    const data = new FormData(form.current!);
    const update: ParamUpdate = { cursor: null };
    for (const name of FILTER_PARAMS) {
      if (name === ATTRIBUTE_FILTER) continue;
      const value = data.get(name);
      if (value !== null) update[name] = String(value).trim() || null;
    }
    update[ATTRIBUTE_FILTER] = data
      .getAll(ATTRIBUTE_FILTER)
      .map((value) => String(value).trim())
      .filter((value) => value !== '');
    setEmptyRows(0);
    setParams(update);
  };
  const clear = () => {
    setEmptyRows(0);
    setParams(Object.fromEntries(FILTER_PARAMS.map((name) => [name, null])));
  };
  const selectProps = { onChange: () => apply() };
  const active = activeFilterCount(params);

  return (
    <form
      ref={form}
      className="filter-bar"
      onSubmit={apply}
      key={params.toString()}
      aria-label="Trace filters"
    >
      <div className="filter-row">
        <input
          type="search"
          name={TEXT_SEARCH}
          className="search-box"
          aria-label="Full-text search"
          placeholder='Search prompts, completions, attributes… ("quoted phrase" for exact words)'
          defaultValue={params.get(TEXT_SEARCH) ?? ''}
        />
        <select
          name="service"
          aria-label="Service"
          defaultValue={params.get('service') ?? ''}
          {...selectProps}
        >
          <option value="">All services</option>
          {[...new Set([...services, ...(params.get('service') ? [params.get('service')!] : [])])].map(
            (service) => (
              <option key={service} value={service}>
                {service}
              </option>
            ),
          )}
        </select>
        <select
          name="spanType"
          aria-label="Span type"
          defaultValue={params.get('spanType') ?? ''}
          {...selectProps}
        >
          <option value="">Any span type</option>
          {SPAN_TYPES.map((type) => (
            <option key={type} value={type}>
              has {type} span
            </option>
          ))}
        </select>
        <select name="status" aria-label="Status" defaultValue={params.get('status') ?? ''} {...selectProps}>
          <option value="">Any status</option>
          {TRACE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
        <select
          name="hasErrors"
          aria-label="Errors"
          defaultValue={params.get('hasErrors') ?? ''}
          {...selectProps}
        >
          <option value="">With or without errors</option>
          <option value="true">With an error span</option>
          <option value="false">Without errors</option>
        </select>
        <button type="submit">Search</button>
        <button type="button" className="link-button" onClick={() => setShowMore(!showMore)}>
          {showMore ? 'Fewer filters' : 'More filters'}
        </button>
        {active > 0 && (
          <button type="button" className="link-button" onClick={clear}>
            Clear {active} filter{active === 1 ? '' : 's'}
          </button>
        )}
      </div>
      {showMore && (
        <div className="filter-row more">
          {TEXT_FILTERS.filter((name) => name !== 'service').map((name) => (
            <label key={name}>
              <span>{TEXT_FIELDS[name].label}</span>
              <input
                name={name}
                className="more-filter"
                placeholder={TEXT_FIELDS[name].placeholder}
                defaultValue={params.get(name) ?? ''}
              />
            </label>
          ))}
          <fieldset className="conditions">
            <legend>Attribute conditions (one span must meet them all)</legend>
            {conditions.map((condition, index) => (
              // The list only grows or shrinks at its end: the index is a stable key.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <div key={index} className="condition">
                <input
                  name={ATTRIBUTE_FILTER}
                  className="condition-input"
                  aria-label={`Attribute condition ${index + 1}`}
                  placeholder="gen_ai.usage.input_tokens>=1000 or http.route=/orders/{id}"
                  defaultValue={condition}
                />
              </div>
            ))}
            <button type="button" className="link-button" onClick={() => setEmptyRows(emptyRows + 1)}>
              Add a condition
            </button>
          </fieldset>
        </div>
      )}
    </form>
  );
}
