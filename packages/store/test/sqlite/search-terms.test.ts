import { describe, expect, it } from 'vitest';
import { numericRangeTokens, spanTermTokens } from '../../src/sqlite/search-terms.js';
import { makeSpan, spanId, traceId } from '../contract/fixtures/span-builder.js';

const VALUES = [-1e20, -4096, -300, -16, -1, -0.001, 0, 0.001, 1, 15, 16, 255, 256, 4097, 1e20, 1.7e308];
const OPERATORS = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
} as const;

function tokensOfSpanWith(value: number): Set<string> {
  const span = makeSpan({
    project: 'p',
    traceId: traceId(1),
    spanId: spanId(1),
    name: 'n',
    service: 's',
    start: 0n,
    duration: 1n,
  });
  return new Set(spanTermTokens({ ...span, attributes: { size: value } }, '', '').split(' '));
}

describe('numeric range tokens', () => {
  it.each(Object.keys(OPERATORS) as (keyof typeof OPERATORS)[])(
    'gather every value that meets %s (a superset of the matches)',
    (op) => {
      for (const value of VALUES) {
        const stored = tokensOfSpanWith(value);
        for (const bound of VALUES) {
          const gathered = numericRangeTokens('p', 'size', op, bound).some((token) => stored.has(token));
          if (OPERATORS[op](value, bound)) expect(gathered, `${value} ${op} ${bound}`).toBe(true);
        }
      }
    },
  );

  it('gather few ranges for a selective condition', () => {
    expect(numericRangeTokens('p', 'size', 'gte', 500).length).toBeLessThan(17);
    expect(new Set(numericRangeTokens('p', 'size', 'gte', 500))).not.toContain(
      numericRangeTokens('p', 'size', 'lt', 1)[0],
    );
  });
});
