/**
 * The text form of a latency sketch: `""` when empty, otherwise `min~max;b:c,b:c,...` — the
 * smallest and largest value, then each bucket and its count, the zero bucket (`z`) first and then
 * bucket indices strictly ascending. Numbers are in JavaScript's canonical `String(number)` form.
 *
 * Parsing and merging work on sorted arrays, without building a sketch: the SQLite writer merges
 * a stored sketch with each new span's on the ingest path.
 */
export interface SketchParts {
  min: number;
  max: number;
  zeroCount: number;
  /** Bucket indices, strictly ascending. */
  indices: number[];
  /** The count of each bucket in `indices`, each ≥ 1. */
  counts: number[];
}

const ZERO_KEY = 'z';
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_MINUS = 45;

export function formatSketchText(parts: SketchParts): string {
  const { indices, counts } = parts;
  if (parts.zeroCount === 0 && indices.length === 0) return '';
  let text = `${parts.min}~${parts.max};`;
  if (parts.zeroCount > 0) text += `${ZERO_KEY}:${parts.zeroCount}`;
  for (let i = 0; i < indices.length; i++) {
    text += `${i > 0 || parts.zeroCount > 0 ? ',' : ''}${indices[i]}:${counts[i]}`;
  }
  return text;
}

/** Parses the text form; null for the empty sketch; throws RangeError on malformed text. */
export function parseSketchText(text: string): SketchParts | null {
  if (text === '') return null;
  const semicolon = text.indexOf(';');
  const tilde = text.indexOf('~');
  if (semicolon < 0 || tilde < 0 || tilde > semicolon) throw malformed(text, 'expected "min~max;buckets"');
  const min = canonicalNumber(text.slice(0, tilde), text);
  const max = canonicalNumber(text.slice(tilde + 1, semicolon), text);
  if (!(min >= 0 && min <= max)) throw malformed(text, 'expected 0 <= min <= max');
  const parts: SketchParts = { min, max, zeroCount: 0, indices: [], counts: [] };
  const first = semicolon + 1;
  let previous = Number.NEGATIVE_INFINITY;
  for (let start = first; ; ) {
    const end = entryEnd(text, start);
    const colon = text.indexOf(':', start);
    if (colon < 0 || colon > end) throw malformed(text, 'a bucket has no count');
    const count = parseCount(text, colon + 1, end);
    if (start === first && colon === start + ZERO_KEY.length && text.startsWith(ZERO_KEY, start)) {
      parts.zeroCount = count;
    } else {
      const index = parseInteger(text, start, colon, true);
      if (!(index > previous)) throw malformed(text, 'bucket indices must be strictly ascending');
      parts.indices.push(index);
      parts.counts.push(count);
      previous = index;
    }
    if (end === text.length) return parts;
    start = end + 1;
  }
}

/** Adds the counts of `b` to those of `a` in one linear pass over both sorted bucket lists. */
export function mergeSketchParts(a: SketchParts, b: SketchParts): SketchParts {
  const indices: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.indices.length || j < b.indices.length) {
    const left = i < a.indices.length ? a.indices[i]! : Number.POSITIVE_INFINITY;
    const right = j < b.indices.length ? b.indices[j]! : Number.POSITIVE_INFINITY;
    indices.push(Math.min(left, right));
    counts.push((left <= right ? a.counts[i++]! : 0) + (right <= left ? b.counts[j++]! : 0));
  }
  return {
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    zeroCount: a.zeroCount + b.zeroCount,
    indices,
    counts,
  };
}

function entryEnd(text: string, start: number): number {
  const comma = text.indexOf(',', start);
  return comma < 0 ? text.length : comma;
}

function parseCount(text: string, start: number, end: number): number {
  const count = parseInteger(text, start, end, false);
  if (count === 0) throw malformed(text, 'a bucket count must be at least 1');
  return count;
}

/** A canonical decimal integer in text[start, end): no sign on zero, no leading zeros, safe size. */
function parseInteger(text: string, start: number, end: number, signed: boolean): number {
  const negative = signed && text.charCodeAt(start) === CHAR_MINUS;
  const first = negative ? start + 1 : start;
  const leadingZero = text.charCodeAt(first) === CHAR_0 && (end - first > 1 || negative);
  let value = end > first && !leadingZero ? 0 : Number.NaN;
  for (let k = first; k < end; k++) {
    const code = text.charCodeAt(k);
    value = code >= CHAR_0 && code <= CHAR_9 ? value * 10 + (code - CHAR_0) : Number.NaN;
  }
  if (!Number.isSafeInteger(value))
    throw malformed(text, `"${text.slice(start, end)}" is not a canonical integer`);
  return negative ? -value : value;
}

/** Only the canonical spelling is accepted, so that parsing rejects anything formatting never writes. */
function canonicalNumber(part: string, text: string): number {
  const value = Number(part);
  if (String(value) !== part || !Number.isFinite(value)) throw malformed(text, `"${part}" is not a number`);
  return value;
}

function malformed(text: string, why: string): RangeError {
  const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return new RangeError(`malformed latency sketch "${shown}": ${why}`);
}
