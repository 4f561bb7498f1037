import type { Attributes, Span } from '@sextant/core';
import { spanTags } from '@sextant/core';
import { attributeText } from '../query/attribute-conditions.js';

/*
 * Exact-match conditions (service, span name, span type, model, provider, tag, attribute equal to
 * a value, has a numeric attribute) are found through a full-text index of *terms*: each fact a
 * span carries becomes one token, a 64-bit hash of the project, the kind of fact, and its text.
 * The inverted index then answers, for any set of facts, which spans carry all of them at once,
 * which is Jaeger's one-span rule, and costs far less at ingest than a B-tree entry per attribute.
 * Tokens of several projects share the index but never collide, since the project is hashed in.
 */

const TERM_KINDS = {
  service: 's',
  spanName: 'n',
  spanType: 't',
  model: 'm',
  provider: 'p',
  tag: 'g',
  attribute: 'a',
  numericKey: 'h',
  numericRange: 'r',
} as const;
export type TermKind = keyof typeof TERM_KINDS;

/** The token of one fact: 16 hex digits (two 32-bit lanes, each mixed by murmur3's finalizer). */
export function termToken(project: string, kind: TermKind, ...parts: string[]): string {
  return hash64(`${project}\u0000${TERM_KINDS[kind]}\u0000${parts.join('\u0000')}`);
}

function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = finalMix(h1 ^ (h2 >>> 16));
  h2 = finalMix(h2 ^ (h1 >>> 16));
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

function finalMix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * The term tokens of a span, space-separated. Resources and scopes are shared by many spans, so
 * their attributes' tokens are computed once per object and passed in by the caller.
 */
export function spanTermTokens(span: Span, resourceTokens: string, scopeTokens: string): string {
  const project = span.project;
  const tokens: string[] = [
    termToken(project, 'service', span.service),
    termToken(project, 'spanName', span.name),
    termToken(project, 'spanType', span.llm.spanType),
  ];
  const { requestModel, responseModel, provider } = span.llm;
  if (requestModel !== null) tokens.push(termToken(project, 'model', requestModel));
  if (responseModel !== null && responseModel !== requestModel) {
    tokens.push(termToken(project, 'model', responseModel));
  }
  if (provider !== null) tokens.push(termToken(project, 'provider', provider));
  for (const tag of spanTags(span)) tokens.push(termToken(project, 'tag', tag));
  addAttributeTokens(tokens, project, span.attributes);
  for (const event of span.events) addAttributeTokens(tokens, project, event.attributes);
  for (const link of span.links) addAttributeTokens(tokens, project, link.attributes);
  if (resourceTokens !== '') tokens.push(resourceTokens);
  if (scopeTokens !== '') tokens.push(scopeTokens);
  return tokens.join(' ');
}

/** The term tokens of a resource's or scope's attributes, space-separated. */
export function attributeTermTokens(project: string, attributes: Attributes): string {
  const tokens: string[] = [];
  addAttributeTokens(tokens, project, attributes);
  return tokens.join(' ');
}

function addAttributeTokens(tokens: string[], project: string, attributes: Attributes): void {
  for (const key in attributes) {
    const value = attributes[key]!;
    const text = attributeText(value);
    if (text !== null) tokens.push(termToken(project, 'attribute', key, text));
    if (typeof value !== 'number' && typeof value !== 'bigint') continue;
    const number = Number(value);
    if (Number.isNaN(number)) continue;
    tokens.push(
      termToken(project, 'numericKey', key),
      termToken(project, 'numericRange', key, rangeOf(number)),
    );
  }
}

/*
 * Numeric ranges: a value falls in one of 67 ranges, zero, or a sign and a power of 16 (the
 * extremes open-ended), so that a numeric condition (`> 500`) gathers its spans from the index as
 * the few ranges it can hold, before the exact comparison on the span's numbers.
 */
const RANGE_EXPONENTS = 16;

function rangeOf(value: number): string {
  if (value === 0) return 'z';
  const exponent = Math.floor(Math.log2(Math.abs(value)) / 4);
  return `${value > 0 ? 'p' : 'n'}${Math.max(-RANGE_EXPONENTS, Math.min(RANGE_EXPONENTS, exponent))}`;
}

/** Bounds of a range: [low, high) for positive ones, (low, high] for negative ones. */
function boundsOf(range: string): [low: number, high: number] {
  if (range === 'z') return [0, 0];
  const exponent = Number(range.slice(1));
  const low = exponent === -RANGE_EXPONENTS ? 0 : 16 ** exponent;
  const high = exponent === RANGE_EXPONENTS ? Number.POSITIVE_INFINITY : 16 ** (exponent + 1);
  return range[0] === 'p' ? [low, high] : [-high, -low];
}

const RANGES = ['z'].concat(
  ...['p', 'n'].map((sign) =>
    Array.from({ length: 2 * RANGE_EXPONENTS + 1 }, (_, at) => `${sign}${at - RANGE_EXPONENTS}`),
  ),
);

/** The range tokens of every range holding a value that may meet `op value` (a superset). */
export function numericRangeTokens(
  project: string,
  key: string,
  op: 'gt' | 'gte' | 'lt' | 'lte',
  value: number,
): string[] {
  const above = op === 'gt' || op === 'gte';
  return RANGES.filter((range) => {
    const [low, high] = boundsOf(range);
    return above ? high >= value : low <= value;
  }).map((range) => termToken(project, 'numericRange', key, range));
}
