import type { AnyValue, Attributes } from '@sextant/core';

/**
 * An attribute value as plain JSON, for people and dashboards: ints become numbers when they fit
 * in a double exactly and decimal strings when they do not; bytes become base64. The exact typed
 * form is available as OTLP/JSON (`?format=otlp`).
 */
export function plainValue(value: AnyValue): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === 'object') return plainAttributes(value);
  return value;
}

export function plainAttributes(attributes: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in attributes) out[key] = plainValue(attributes[key]!);
  return out;
}
