import { readdirSync, readFileSync } from 'node:fs';
import type { IngestLimits } from '../../src/model/limits.js';
import { DEFAULT_INGEST_LIMITS } from '../../src/model/limits.js';
import type { DecodeOptions } from '../../src/otlp/types.js';

const CONFORMANCE = new URL('../../../../../shared/conformance/', import.meta.url);

/** The bytes of a file of the shared conformance data. */
export function conformanceFile(path: string): Uint8Array {
  return readFileSync(new URL(path, CONFORMANCE));
}

export function conformanceDir(path: string): string[] {
  return readdirSync(new URL(path, CONFORMANCE)).sort();
}

export function decodeOptions(limits: Partial<IngestLimits> = {}, project = 'default'): DecodeOptions {
  return { project, limits: { ...DEFAULT_INGEST_LIMITS, ...limits } };
}

export function jsonBody(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function textBody(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/**
 * Checks that every field the input request has is in the output request with the same value:
 * ids compared without regard to case, and 64-bit integers whether written as number or string.
 */
export function missingFields(output: unknown, input: unknown, path = '$'): string[] {
  if (Array.isArray(input)) {
    if (!Array.isArray(output) || output.length !== input.length) return [`${path}: list differs`];
    return input.flatMap((item, i) => missingFields(output[i], item, `${path}[${i}]`));
  }
  if (typeof input === 'object' && input !== null) {
    if (typeof output !== 'object' || output === null) return [`${path}: missing object`];
    return Object.entries(input).flatMap(([key, value]) =>
      missingFields((output as Record<string, unknown>)[key], value, `${path}.${key}`),
    );
  }
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (ID_FIELDS.has(key) && typeof input === 'string' && typeof output === 'string') {
    return input.toLowerCase() === output ? [] : [`${path}: ${output} is not ${input}`];
  }
  if (typeof input === typeof output) return input === output ? [] : [`${path}: ${output} is not ${input}`];
  return String(input) === String(output) ? [] : [`${path}: ${String(output)} is not ${String(input)}`];
}
