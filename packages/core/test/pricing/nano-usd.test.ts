import { describe, expect, it } from 'vitest';
import {
  femtoUsdPerTokenFromPerMillion,
  femtoUsdPerTokenFromPerToken,
  nanoUsdFromUsd,
  tokensCostNanoUsd,
} from '../../src/pricing/nano-usd.js';

/** tokens × femto / 1e6, rounded half up, in exact integer arithmetic. */
function exactNanoUsd(tokens: number, femto: number): number {
  const product = BigInt(tokens) * BigInt(femto);
  return Number((product + 500_000n) / 1_000_000n);
}

describe('money arithmetic', () => {
  it('reads catalog prices exactly as femto-dollars per token', () => {
    expect(femtoUsdPerTokenFromPerMillion(3)).toBe(3_000_000_000);
    expect(femtoUsdPerTokenFromPerMillion(0.3)).toBe(300_000_000);
    expect(femtoUsdPerTokenFromPerMillion(0.0028)).toBe(2_800_000);
    expect(femtoUsdPerTokenFromPerMillion(0.003625)).toBe(3_625_000);
    expect(femtoUsdPerTokenFromPerToken(3e-6)).toBe(3_000_000_000);
    expect(femtoUsdPerTokenFromPerToken(2.1875e-6)).toBe(2_187_500_000);
    expect(femtoUsdPerTokenFromPerToken(1.9e-8)).toBe(19_000_000);
    expect(nanoUsdFromUsd(0.012)).toBe(12_000_000);
  });

  it('multiplies exactly where a float product would lose digits', () => {
    const femtos = [1, 499_999, 500_000, 2_800_000, 3_625_000, 300_000_000, 15_000_000_000, 600_000_000_000];
    const counts = [0, 1, 3, 7, 999, 128_001, 1_048_576, 2_000_000, 123_456_789];
    for (const femto of femtos) {
      for (const count of counts) {
        expect(tokensCostNanoUsd(count, femto), `${count} × ${femto}`).toBe(exactNanoUsd(count, femto));
      }
    }
    // A product beyond 2^53 that `count × femto / 1e6` in floats gets wrong.
    expect(123_456_789 * 600_000_000_001).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(tokensCostNanoUsd(123_456_789, 600_000_000_001)).toBe(exactNanoUsd(123_456_789, 600_000_000_001));
  });

  it('rounds half a nano-dollar up, once per product', () => {
    expect(tokensCostNanoUsd(1, 500_000)).toBe(1);
    expect(tokensCostNanoUsd(1, 499_999)).toBe(0);
    expect(tokensCostNanoUsd(3, 500_000)).toBe(2);
    expect(tokensCostNanoUsd(1_000_000, 1)).toBe(1);
  });
});
