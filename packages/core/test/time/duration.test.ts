import { describe, expect, it } from 'vitest';
import { parseDurationNano } from '../../src/time/duration.js';

describe('parseDurationNano', () => {
  it.each([
    ['0', 0n],
    ['1500', 1500n],
    ['250ms', 250_000_000n],
    ['1.5s', 1_500_000_000n],
    ['100us', 100_000n],
    ['100µs', 100_000n],
    ['2m', 120_000_000_000n],
    ['1h', 3_600_000_000_000n],
    ['7d', 604_800_000_000_000n],
    ['0.000000001s', 1n],
    ['7ns', 7n],
  ])('%s → %s', (text, expected) => {
    expect(parseDurationNano(text)).toBe(expected);
  });

  it.each(['', 'ms', '-1s', '1.5', '1w', '1 s', 'abc'])('rejects %j', (text) => {
    expect(parseDurationNano(text)).toBeNull();
  });
});
