/**
 * JSON parsing that keeps 64-bit integers exact. OTLP/JSON may write an int64 or fixed64 as a
 * bare number, and `JSON.parse` rounds any integer beyond 2^53 to a double. Integers of 16 or
 * more digits (the only ones that can be beyond 2^53) are quoted before parsing, so they reach
 * the readers as decimal strings, which every numeric reader accepts.
 * (`JSON.parse` with a reviver that sees the source text would do it, but Node 20 lacks it.)
 */
import { OtlpDecodeError } from './errors.js';

const LONG_DIGIT_RUN = /\d{16,}/g;
/**
 * A bare number token follows `:`, `,` or `[`. Timestamps are usually quoted, so most bodies
 * fail this one test and need no scan at all; a match inside a string only costs the scan.
 */
const MAYBE_BARE_LONG_INTEGER = /[:,[]\s*-?\d{16}/;
const BACKSLASH = 92;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;

const utf8 = new TextDecoder();

/** Parses an OTLP/JSON body, whose top level must be an object. */
export function parseOtlpJson(body: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(quoteLongIntegers(utf8.decode(body)));
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OtlpDecodeError('the JSON body is not an object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Wraps in quotes every integer token of 16+ digits that stands outside a string. Most bodies
 * have such digit runs only inside strings (timestamps are usually quoted); the string state is
 * tracked by jumping from quote to quote, so long string contents are skipped, not scanned.
 */
function quoteLongIntegers(text: string): string {
  if (!MAYBE_BARE_LONG_INTEGER.test(text)) return text;
  LONG_DIGIT_RUN.lastIndex = 0;
  let match = LONG_DIGIT_RUN.exec(text);
  if (match === null) return text;
  let result = '';
  let copied = 0;
  // The string state just before `nextQuote`, the next quote that opens or closes a string.
  // Each quote is looked for once, however many digit runs one long string holds.
  let inString = false;
  let nextQuote = text.indexOf('"');
  while (match !== null) {
    const start = match.index;
    const end = start + match[0].length;
    while (nextQuote !== -1 && nextQuote < start) {
      inString = !inString;
      nextQuote = inString ? closingQuote(text, nextQuote + 1) : text.indexOf('"', nextQuote + 1);
    }
    if (!inString && isIntegerToken(text, start, end)) {
      const tokenStart = text.charCodeAt(start - 1) === MINUS ? start - 1 : start;
      result += `${text.slice(copied, tokenStart)}"${text.slice(tokenStart, end)}"`;
      copied = end;
    }
    match = LONG_DIGIT_RUN.exec(text);
  }
  return result + text.slice(copied);
}

/** The quote that ends the string open at `from`: the first one not escaped by a backslash. */
function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

/** Whether the digits [start, end) are a whole number token, not a fraction or an exponent. */
function isIntegerToken(text: string, start: number, end: number): boolean {
  const after = text.charCodeAt(end);
  if (after === DOT || after === LOWER_E || after === UPPER_E) return false;
  let before = text.charCodeAt(start - 1);
  if (before === MINUS) before = text.charCodeAt(start - 2);
  return before !== DOT && before !== LOWER_E && before !== UPPER_E && before !== PLUS;
}
