import type { AnyValue } from '../model/attributes.js';

/** Longer texts are not amounts any SDK writes; refusing them bounds the BigInt work. */
const MAX_DECIMAL_TEXT_LENGTH = 64;
/** Results beyond 10^60 units are refused before they are computed. */
const MAX_RESULT_EXPONENT = 60;

interface Decimal {
  /** The significant digits, without a decimal point. */
  digits: string;
  /** The value is `digits × 10^exponent`. */
  exponent: number;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads `[+]digits[.digits][(e|E)[+|-]digits]`; a sign other than `+` is refused. */
function parseDecimal(text: string): Decimal | null {
  const length = text.length;
  if (length === 0 || length > MAX_DECIMAL_TEXT_LENGTH) return null;
  let i = text.charCodeAt(0) === 43 /* + */ ? 1 : 0;
  const integerStart = i;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  const integerDigits = text.slice(integerStart, i);
  let fractionDigits = '';
  if (i < length && text.charCodeAt(i) === 46 /* . */) {
    const fractionStart = ++i;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
    fractionDigits = text.slice(fractionStart, i);
  }
  if (integerDigits === '' && fractionDigits === '') return null;
  let exponent = 0;
  if (i < length && (text.charCodeAt(i) | 32) === 101 /* e */) {
    i++;
    const negative = text.charCodeAt(i) === 45; /* - */
    if (negative || text.charCodeAt(i) === 43) i++;
    const exponentStart = i;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
    if (i === exponentStart) return null;
    exponent = Number(text.slice(exponentStart, i)) * (negative ? -1 : 1);
  }
  if (i !== length) return null;
  return { digits: integerDigits + fractionDigits, exponent: exponent - fractionDigits.length };
}

/**
 * `value × 10^decimals` as an exact integer, rounded half up, for a non-negative amount sent as
 * an int, a double or a decimal string. The work is done on decimal digits: a double is read
 * through its shortest round-trip text (`0.1 + 0.2` is `0.30000000000000004`), so binary float
 * error never reaches the result beyond what rounding to the unit removes.
 * Null for negative, non-finite or malformed values.
 */
export function scaleDecimal(value: AnyValue | undefined, decimals: number): bigint | null {
  if (typeof value === 'bigint') return value < 0n ? null : value * 10n ** BigInt(decimals);
  let decimal: Decimal | null;
  if (typeof value === 'number') decimal = Number.isFinite(value) ? parseDecimal(String(value)) : null;
  else if (typeof value === 'string') decimal = parseDecimal(value.trim());
  else return null;
  if (decimal === null) return null;
  const mantissa = BigInt(decimal.digits);
  const shift = decimal.exponent + decimals;
  if (shift >= 0) return shift > MAX_RESULT_EXPONENT ? null : mantissa * 10n ** BigInt(shift);
  // Below 0.1 of the unit the value rounds to zero; no need to build a huge divisor.
  if (-shift > decimal.digits.length) return 0n;
  const divisor = 10n ** BigInt(-shift);
  const quotient = mantissa / divisor;
  return (mantissa % divisor) * 2n >= divisor ? quotient + 1n : quotient;
}
