import { describe, expect, it } from 'vitest';
import {
  ALWAYS,
  fromDate,
  type PriceSchedule,
  pricesAt,
  timeOfDay,
} from '../../src/pricing/price-schedule.js';
import { type TokenPrices, tierPrice, tokenPrices } from '../../src/pricing/token-prices.js';
import { unixNano } from './catalog-oracle.js';

function flat(femtoUsdPerToken: number): TokenPrices {
  return tokenPrices({ input: tierPrice(femtoUsdPerToken) })!;
}

const DEFAULT = flat(1);
const LATER = flat(2);
const NIGHT = flat(3);

describe('pricesAt', () => {
  it('applies a single entry at all times', () => {
    const schedule: PriceSchedule = [{ condition: fromDate('2030-01-01'), prices: LATER }];
    expect(pricesAt(schedule, 0n)).toBe(LATER);
  });

  it('switches on a start date at midnight UTC, the last holding entry winning', () => {
    const schedule: PriceSchedule = [
      { condition: ALWAYS, prices: DEFAULT },
      { condition: fromDate('2025-06-10'), prices: LATER },
    ];
    expect(pricesAt(schedule, unixNano('2025-06-09T23:59:59.999Z'))).toBe(DEFAULT);
    expect(pricesAt(schedule, unixNano('2025-06-10T00:00:00Z'))).toBe(LATER);
    expect(pricesAt(schedule, -1_000_000_000n)).toBe(DEFAULT);
  });

  it('applies a daily window, across midnight and in other zones', () => {
    const schedule: PriceSchedule = [
      { condition: ALWAYS, prices: DEFAULT },
      { condition: timeOfDay('22:30:00Z', '06:00:00Z'), prices: NIGHT },
    ];
    expect(pricesAt(schedule, unixNano('2025-03-01T22:29:59Z'))).toBe(DEFAULT);
    expect(pricesAt(schedule, unixNano('2025-03-01T22:30:00Z'))).toBe(NIGHT);
    expect(pricesAt(schedule, unixNano('2025-03-02T05:59:59Z'))).toBe(NIGHT);
    expect(pricesAt(schedule, unixNano('2025-03-02T06:00:00Z'))).toBe(DEFAULT);

    // 09:00 to 17:00 in UTC+08:00 is 01:00 to 09:00 UTC.
    const zoned: PriceSchedule = [
      { condition: ALWAYS, prices: DEFAULT },
      { condition: timeOfDay('09:00:00+08:00', '17:00:00.000+08:00'), prices: NIGHT },
    ];
    expect(pricesAt(zoned, unixNano('2025-03-01T00:59:59Z'))).toBe(DEFAULT);
    expect(pricesAt(zoned, unixNano('2025-03-01T01:00:00Z'))).toBe(NIGHT);
    expect(pricesAt(zoned, unixNano('2025-03-01T08:59:59Z'))).toBe(NIGHT);
    expect(pricesAt(zoned, unixNano('2025-03-01T09:00:00Z'))).toBe(DEFAULT);
  });

  it('falls back to the first entry when no condition holds, an unreadable one included', () => {
    const schedule: PriceSchedule = [
      { condition: fromDate('2030-01-01'), prices: LATER },
      { condition: timeOfDay('noon', 'midnight'), prices: NIGHT },
      { condition: fromDate('someday'), prices: NIGHT },
    ];
    expect(pricesAt(schedule, unixNano('2025-03-01T12:00:00Z'))).toBe(LATER);
  });
});
