import { describe, expect, it } from 'vitest';
import { bucketFor, parseTime, rangeFromParams, rangeQuery } from '../../src/time/time-range.js';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const range = (query: string) => rangeFromParams(new URLSearchParams(query), NOW);

describe('time ranges in the URL', () => {
  it('reads a preset relative to now, the last 24 hours unless given', () => {
    expect(range('range=1h')).toMatchObject({ startMs: NOW - 3_600_000, endMs: NOW, preset: '1h' });
    expect(range('')).toMatchObject({ startMs: NOW - 86_400_000, endMs: NOW, preset: '24h' });
    expect(range('range=13d')).toMatchObject({ preset: '24h' });
  });

  it('reads absolute times, RFC 3339 or epoch milliseconds', () => {
    expect(range('start=2026-11-22T10:00:00Z&end=2026-11-22T11:00:00Z')).toMatchObject({
      startMs: Date.parse('2026-11-22T10:00:00Z'),
      endMs: Date.parse('2026-11-22T11:00:00Z'),
      preset: null,
    });
    expect(range(`start=${NOW - 1000}`)).toMatchObject({ startMs: NOW - 1000, endMs: NOW, preset: null });
    expect(range('end=2026-11-22T11:00:00Z').startMs).toBe(Date.parse('2026-11-21T11:00:00Z'));
  });

  it('falls back to the preset when the absolute range is inverted or unreadable', () => {
    expect(range('start=2026-11-22T11:00:00Z&end=2026-11-22T10:00:00Z&range=6h')).toMatchObject({
      preset: '6h',
    });
    expect(range('start=yesterday')).toMatchObject({ preset: '24h' });
    expect(parseTime('not a time')).toBeNull();
    expect(parseTime('')).toBeNull();
  });

  it('writes the API parameters, and picks buckets the API accepts', () => {
    expect(rangeQuery(range('range=1h'))).toEqual({
      start: '2026-11-22T11:00:00.000Z',
      end: '2026-11-22T12:00:00.000Z',
    });
    expect(bucketFor(range('range=1h'))).toBe('minute');
    expect(bucketFor(range('range=24h'))).toBe('hour');
    expect(bucketFor(range('range=30d'))).toBe('day');
    // Never more buckets than the API's 1500.
    for (const preset of ['15m', '1h', '6h', '24h', '7d', '30d']) {
      const r = range(`range=${preset}`);
      const size = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[bucketFor(r)];
      expect((r.endMs - r.startMs) / size, preset).toBeLessThanOrEqual(1500);
    }
  });
});
