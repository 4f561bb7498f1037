import type { TokenPrices } from './token-prices.js';

/** When a set of prices applies, as genai-prices' conditional prices say. */
export type PriceCondition =
  | { kind: 'always' }
  | { kind: 'from-date'; startMs: number }
  /** A daily window in UTC seconds of the day; it wraps past midnight when `end < start`. */
  | { kind: 'time-of-day'; startSecond: number; endSecond: number };

export interface ConditionalPrices {
  condition: PriceCondition;
  /** Null when the prices of that period do not price tokens. */
  prices: TokenPrices | null;
}

/**
 * A model's prices over time. With several entries, the last one whose condition holds wins and
 * the first is the default (genai-prices' rule); one entry applies at all times.
 */
export type PriceSchedule = readonly ConditionalPrices[];

export const ALWAYS: PriceCondition = { kind: 'always' };

const NANOS_PER_MS = 1_000_000n;
const MS_PER_DAY = 86_400_000;
const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(?:Z|([+-])(\d{2}):(\d{2}))$/;

export function fixedSchedule(prices: TokenPrices): PriceSchedule {
  return [{ condition: ALWAYS, prices }];
}

/** A `YYYY-MM-DD` start date (midnight UTC). An unreadable date never holds. */
export function fromDate(date: string): PriceCondition {
  return { kind: 'from-date', startMs: Date.parse(date) };
}

/** A daily window between two `HH:MM:SS` times with a `Z` or `±HH:MM` zone. An unreadable time never holds. */
export function timeOfDay(start: string, end: string): PriceCondition {
  return { kind: 'time-of-day', startSecond: utcSecondOfDay(start), endSecond: utcSecondOfDay(end) };
}

/** The prices in force at a time given in nanoseconds since the epoch. */
export function pricesAt(schedule: PriceSchedule, timeUnixNano: bigint): TokenPrices | null {
  if (schedule.length === 1) return schedule[0]!.prices;
  const ms = Number(timeUnixNano / NANOS_PER_MS);
  for (let i = schedule.length - 1; i >= 0; i--) {
    const entry = schedule[i]!;
    if (holds(entry.condition, ms)) return entry.prices;
  }
  return schedule[0]?.prices ?? null;
}

function holds(condition: PriceCondition, ms: number): boolean {
  switch (condition.kind) {
    case 'always':
      return true;
    case 'from-date':
      return ms >= condition.startMs;
    case 'time-of-day': {
      const second = (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 1000;
      const { startSecond, endSecond } = condition;
      return endSecond < startSecond
        ? second >= startSecond || second < endSecond
        : second >= startSecond && second < endSecond;
    }
  }
}

function utcSecondOfDay(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) return Number.NaN;
  const [, hours, minutes, seconds, sign, zoneHours, zoneMinutes] = match;
  const local = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  const offset =
    sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(zoneHours) * 3600 + Number(zoneMinutes) * 60);
  return (((local - offset) % 86_400) + 86_400) % 86_400;
}
