/** Relative ranges the picker offers, by their URL value. */
export const RANGE_PRESETS = {
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '6h': { label: 'Last 6 hours', ms: 6 * 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 24 * 3_600_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 24 * 3_600_000 },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = '24h';

function isPreset(value: string | null): value is RangePreset {
  return value !== null && Object.hasOwn(RANGE_PRESETS, value);
}

export interface TimeRange {
  /** Epoch milliseconds, start inclusive, end exclusive. */
  startMs: number;
  endMs: number;
  /** The preset it came from, or null for absolute times. */
  preset: RangePreset | null;
  label: string;
}

/** Reads an RFC 3339 time or epoch milliseconds; null when it is neither. */
export function parseTime(text: string | null): number | null {
  if (text === null || text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The range a view's query asks for: `range=1h` (relative to `nowMs`), or `start` and `end`
 * (absolute; either alone runs to now or from a range's length before the end). Anything else
 * falls back to the default.
 */
export function rangeFromParams(params: URLSearchParams, nowMs: number): TimeRange {
  const start = parseTime(params.get('start'));
  const end = parseTime(params.get('end'));
  if (start !== null || end !== null) {
    const endMs = end ?? nowMs;
    const startMs = start ?? endMs - RANGE_PRESETS[DEFAULT_RANGE].ms;
    if (startMs < endMs) return { startMs, endMs, preset: null, label: 'Custom range' };
  }
  const range = params.get('range');
  const preset = isPreset(range) ? range : DEFAULT_RANGE;
  return {
    startMs: nowMs - RANGE_PRESETS[preset].ms,
    endMs: nowMs,
    preset,
    label: RANGE_PRESETS[preset].label,
  };
}

/** The range as API parameters. */
export function rangeQuery(range: TimeRange): { start: string; end: string } {
  return { start: new Date(range.startMs).toISOString(), end: new Date(range.endMs).toISOString() };
}

/** An analytics bucket giving a readable number of points for the range's length (the API allows 1500). */
export function bucketFor(range: TimeRange): 'minute' | 'hour' | 'day' {
  const length = range.endMs - range.startMs;
  if (length <= 3 * 3_600_000) return 'minute';
  if (length <= 4 * 24 * 3_600_000) return 'hour';
  return 'day';
}

export const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
