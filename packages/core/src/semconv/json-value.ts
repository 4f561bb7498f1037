import type { AnyValue } from '../model/attributes.js';

/** Deeper values are cut: no real message nests this far, and recursion must stay bounded. */
const MAX_DEPTH = 64;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An attribute value as plain JSON data. JSON has no int64 and no bytes: an int beyond 2^53
 * becomes its decimal string (never a rounded number), bytes become base64.
 */
export function toJsonValue(value: AnyValue, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
  }
  if (value === null || depth >= MAX_DEPTH) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toJsonValue(value[i] as AnyValue, depth + 1);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setKey(out, key, toJsonValue(value[key] as AnyValue, depth + 1));
  return out;
}

/**
 * `object[key] = value`, except that a `__proto__` key becomes an own property instead of
 * replacing the prototype. Plain objects (rather than null-prototype ones) keep JSON.stringify on
 * its fast path.
 */
export function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** Compact JSON text, or null when the data cannot be written (too deep for the stack). */
export function stringifyJson(data: unknown): string | null {
  try {
    return JSON.stringify(data) ?? null;
  } catch {
    return null;
  }
}

/** The parsed data, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Absent, null and empty values count as not sent, so that the next source in line is tried. */
export function isAbsent(value: AnyValue | undefined): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

/** A value as text: a string stays as it is, structured data becomes compact JSON text. */
export function valueToText(value: AnyValue | undefined): string | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'string') return value;
  return stringifyJson(toJsonValue(value));
}

export function isJsonObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
