/**
 * Values as JSON text, exactly: every JS value of the data model (attribute values, and the
 * tuples rows are made of) reads back with the same type and value.
 *
 * Strings, booleans, null, finite doubles and plain objects (kvlists) are written as themselves.
 * What JSON cannot tell apart is written as an array whose first item is a tag, so every JSON
 * array is tagged:
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

/**
 * The value as JSON text. The value is first mapped to what JSON can say (tagged arrays where it
 * cannot), copying only the objects and arrays that need it; then the native `JSON.stringify` writes
 * the text in one flat string, several times faster than building it piece by piece, which also
 * leaves a rope that costs a copy to flatten when the row is bound or sent to the writer thread.
 */
export function encodeValue(value: unknown, payloads: PayloadSink | null): string {
  return JSON.stringify(jsonable(value, payloads));
}

function jsonable(value: unknown, payloads: PayloadSink | null): unknown {
  switch (typeof value) {
    case 'string':
      return payloads !== null && value.length >= payloads.minLength ? payloadOrText(value, payloads) : value;
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0)
        ? value
        : ['d', value === 0 ? '-0' : String(value)];
    case 'bigint':
      return ['i', value.toString()];
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return jsonableArray(value, payloads);
      if (value instanceof Uint8Array)
        return ['b', Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')];
      return jsonableObject(value as Record<string, unknown>, payloads);
    default:
      return null;
  }
}

function payloadOrText(text: string, payloads: PayloadSink): unknown {
  const hash = payloads.intern(text);
  return hash === null ? text : ['p', hash];
}

function jsonableArray(items: readonly unknown[], payloads: PayloadSink | null): unknown[] {
  const tagged = new Array<unknown>(items.length + 1);
  tagged[0] = 'a';
  for (let index = 0; index < items.length; index++) tagged[index + 1] = jsonable(items[index], payloads);
  return tagged;
}

/** The object itself when every value is already JSON as is (the common case), else a copy. */
function jsonableObject(object: Record<string, unknown>, payloads: PayloadSink | null): object {
  let copy: Record<string, unknown> | null = null;
  for (const key in object) {
    const item = object[key];
    const mapped = jsonable(item, payloads);
    if (copy === null) {
      if (mapped === item || item === undefined) continue;
      copy = {};
      for (const before in object) {
        if (before === key) break;
        setOwn(copy, before, object[before]);
      }
    }
    if (item !== undefined) setOwn(copy, key, mapped);
  }
  return copy ?? object;
}

/** Sets an own property, even one named `__proto__` (a plain assignment would set the prototype). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
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
