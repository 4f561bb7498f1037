import { describe, expect, it } from 'vitest';
import type { Attributes } from '../../src/model/attributes.js';
import { extractLlmFields, usdToNano } from '../../src/semconv/index.js';
import { span } from './span-builder.js';

function providedCost(attributes: Attributes) {
  return extractLlmFields(span({ attributes: { 'openinference.span.kind': 'LLM', ...attributes } })).cost;
}

describe('provided cost', () => {
  it('reads llm.cost.total as integer nano-dollars, marked provided', () => {
    expect(providedCost({ 'llm.cost.total': 0.0066 })).toEqual({
      nanoUsd: 6_600_000,
      source: 'provided',
      priceEntry: null,
    });
  });

  it('sums the parts as integers, with no float drift', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point.
    expect(providedCost({ 'llm.cost.prompt': 0.1, 'llm.cost.completion': 0.2 })?.nanoUsd).toBe(300_000_000);
    expect(
      providedCost({ 'llm.cost.prompt': '0.000000001', 'llm.cost.completion': '0.000000002' })?.nanoUsd,
    ).toBe(3);
  });

  it('prefers the total over the parts', () => {
    expect(
      providedCost({ 'llm.cost.total': 0.5, 'llm.cost.prompt': 0.1, 'llm.cost.completion': 0.2 })?.nanoUsd,
    ).toBe(500_000_000);
  });

  it('rounds to the nearest nano-dollar, half up, on the decimal value', () => {
    // Math.round(1.0000000015 * 1e9) gives 1000000001: the product is 1000000001.4999999.
    expect(usdToNano(1.0000000015)).toBe(1_000_000_002n);
    expect(usdToNano('1.0000000015')).toBe(1_000_000_002n);
    expect(usdToNano('0.0000000014999')).toBe(1n);
    expect(usdToNano('0.00000000049')).toBe(0n);
    expect(usdToNano(5e-10)).toBe(1n);
  });

  it('reads decimal strings, exponents and ints', () => {
    expect(usdToNano('6.6e-3')).toBe(6_600_000n);
    expect(usdToNano(' 12.5 ')).toBe(12_500_000_000n);
    expect(usdToNano('+.25')).toBe(250_000_000n);
    expect(usdToNano(2n)).toBe(2_000_000_000n);
    expect(usdToNano(1.5e-7)).toBe(150n);
  });

  it('refuses what is not a usable amount', () => {
    for (const value of [
      'abc',
      '',
      '-0.5',
      -0.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '1e',
      '1.2.3',
      '0x10',
      true,
      null,
    ]) {
      expect(usdToNano(value)).toBeNull();
    }
    // Beyond 2^53 nano-dollars (about 9 million dollars) a number would not hold it exactly.
    expect(usdToNano(1e10)).toBeNull();
    expect(usdToNano('1e999999')).toBeNull();
  });

  it('falls back to the parts when the total is unusable, and to gen_ai.usage.cost last', () => {
    expect(providedCost({ 'llm.cost.total': 'n/a', 'llm.cost.completion': 0.25 })?.nanoUsd).toBe(250_000_000);
    expect(providedCost({ 'gen_ai.usage.cost': 0.123 })?.nanoUsd).toBe(123_000_000);
  });

  it('has no cost when the span states none', () => {
    expect(providedCost({ 'llm.token_count.prompt': 10n })).toBeNull();
  });
});
