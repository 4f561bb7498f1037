import { useSearchState } from '../router/search-params.js';
import { RANGE_PRESETS, type RangePreset, type TimeRange } from '../time/time-range.js';

/** `datetime-local` input value (local time, minutes) for epoch milliseconds. */
function localInputValue(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

/**
 * The time range of a view, kept in the URL: a preset (`range=1h`) or absolute `start`/`end`.
 * "Refresh" takes now again for a relative range.
 */
export function TimeRangePicker({ range, onRefresh }: { range: TimeRange; onRefresh: () => void }) {
  const { setParams } = useSearchState();
  const choose = (value: string) => {
    if (value === 'custom')
      setParams({
        range: null,
        start: new Date(range.startMs).toISOString(),
        end: new Date(range.endMs).toISOString(),
      });
    else setParams({ range: value, start: null, end: null, cursor: null });
  };
  const setBound = (bound: 'start' | 'end', value: string) => {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) setParams({ range: null, [bound]: new Date(ms).toISOString() }, { replace: true });
  };
  return (
    <div className="time-range">
      <label>
        <span className="visually-hidden">Time range</span>
        <select
          aria-label="Time range"
          value={range.preset ?? 'custom'}
          onChange={(event) => choose(event.target.value)}
        >
          {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((preset) => (
            <option key={preset} value={preset}>
              {RANGE_PRESETS[preset].label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </label>
      {range.preset === null && (
        <>
          <input
            type="datetime-local"
            aria-label="From"
            value={localInputValue(range.startMs)}
            onChange={(event) => setBound('start', event.target.value)}
          />
          <span>to</span>
          <input
            type="datetime-local"
            aria-label="To"
            value={localInputValue(range.endMs)}
            onChange={(event) => setBound('end', event.target.value)}
          />
        </>
      )}
      <button type="button" onClick={onRefresh} title="Reload with the current time">
        Refresh
      </button>
    </div>
  );
}
