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
  // A null prototype so that a `__proto__` key stays a plain key.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) out[key] = toJsonValue(value[key] as AnyValue, depth + 1);
  return out;
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

/**
 * A value as text: a string stays as it is, structured data becomes compact JSON text.
 * Absent, null and empty values give null so that the next source in line is tried.
 */
export function valueToText(value: AnyValue | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  return stringifyJson(toJsonValue(value));
}

export function isJsonObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
