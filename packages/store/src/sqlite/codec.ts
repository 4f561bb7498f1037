/**
 * Values as JSON text, exactly: every JS value of the data model (attribute values, and the
 * tuples rows are made of) reads back with the same type and value.
 *
 * Strings, booleans, null, finite doubles and plain objects (kvlists) are written as themselves,
 * which keeps the common case as cheap as `JSON.stringify`. What JSON cannot tell apart is written
 * as an array whose first item is a tag, so every JSON array is tagged:
 * - `["a", ...items]` an array;
 * - `["i", "-42"]` an int64 (bigint), in decimal;
 * - `["b", "AQI="]` bytes, in base64;
 * - `["d", "-0"]` a double JSON has no number for (`NaN`, `Infinity`, `-Infinity`, `-0`);
 * - `["p", "<sha-256 hex>"]` a long string stored once in the payloads table.
 */

/** Where long strings go to be stored once. */
export interface PayloadSink {
  /** Strings shorter than this (in UTF-16 code units) always stay inline. */
  readonly minLength: number;
  /** The hash a long string is stored under, or null when it stays inline. */
  intern(text: string): string | null;
}

/** Where stored long strings come back from. */
export interface PayloadSource {
  text(hash: string): string;
}

export function encodeValue(value: unknown, payloads: PayloadSink | null): string {
  switch (typeof value) {
    case 'string':
      return encodeString(value, payloads);
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0)
        ? String(value)
        : `["d","${value === 0 ? '-0' : value}"]`;
    case 'bigint':
      return `["i","${value}"]`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return encodeArray(value, payloads);
      if (value instanceof Uint8Array)
        return `["b","${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"]`;
      return encodeObject(value as Record<string, unknown>, payloads);
    default:
      return 'null';
  }
}

/** What JSON must escape: quotes, backslashes, control characters, and (lone) surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

function encodeString(text: string, payloads: PayloadSink | null): string {
  if (payloads !== null && text.length >= payloads.minLength) {
    const hash = payloads.intern(text);
    if (hash !== null) return `["p","${hash}"]`;
  }
  // Most values need no escape, and a test is cheaper than JSON.stringify's full encoder.
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Attribute names come from a small vocabulary and repeat on every span: their JSON is memoized
 * (V8 interns property names, so the lookup hashes nothing new). Bounded against odd inputs.
 */
const encodedKeys = new Map<string, string>();
const MAX_ENCODED_KEYS = 4096;

function encodeKey(key: string): string {
  let encoded = encodedKeys.get(key);
  if (encoded === undefined) {
    if (encodedKeys.size >= MAX_ENCODED_KEYS) encodedKeys.clear();
    encoded = `${JSON.stringify(key)}:`;
    encodedKeys.set(key, encoded);
  }
  return encoded;
}

function encodeArray(items: readonly unknown[], payloads: PayloadSink | null): string {
  let json = '["a"';
  for (const item of items) json += `,${encodeValue(item, payloads)}`;
  return `${json}]`;
}

function encodeObject(object: Record<string, unknown>, payloads: PayloadSink | null): string {
  let json = '{';
  for (const key in object) {
    const item = object[key];
    if (item === undefined) continue;
    if (json.length > 1) json += ',';
    json += encodeKey(key) + encodeValue(item, payloads);
  }
  return `${json}}`;
}

/** Reads back what `encodeValue` wrote. Throws on text it did not write (a corrupt row). */
export function decodeValue(json: string, payloads: PayloadSource): unknown {
  return restore(JSON.parse(json), payloads);
}

/** Turns parsed JSON back into model values, reusing the parsed objects. */
function restore(value: unknown, payloads: PayloadSource): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return restoreTagged(value, payloads);
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const item = object[key];
    if (typeof item === 'object' && item !== null) object[key] = restore(item, payloads);
  }
  return object;
}

function restoreTagged(tagged: unknown[], payloads: PayloadSource): unknown {
  const body = tagged[1];
  switch (tagged[0]) {
    case 'a': {
      const items = new Array<unknown>(tagged.length - 1);
      for (let index = 1; index < tagged.length; index++) items[index - 1] = restore(tagged[index], payloads);
      return items;
    }
    case 'i':
      return BigInt(body as string);
    case 'b':
      return new Uint8Array(Buffer.from(body as string, 'base64'));
    case 'd':
      return Number(body);
    case 'p':
      return payloads.text(body as string);
    default:
      throw new Error(`corrupt stored value: unknown tag ${JSON.stringify(tagged[0])}`);
  }
}
