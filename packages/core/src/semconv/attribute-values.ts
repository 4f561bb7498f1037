import type { AnyValue, Attributes } from '../model/attributes.js';
import { isAbsent } from './json-value.js';

/** The attribute as a non-empty string, or null. */
export function readString(attributes: Attributes, key: string): string | null {
  const value = attributes[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The first of `keys` that holds a non-empty string. */
export function firstString(attributes: Attributes, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = readString(attributes, key);
    if (value !== null) return value;
  }
  return null;
}

/** An identifier (session, user): a non-empty string, or an integer written as one. */
export function firstIdentifier(attributes: Attributes, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) {
      return String(value);
    }
  }
  return null;
}

/**
 * A token count: a non-negative integer sent as an int, a whole double or a decimal string
 * (some SDKs stringify their counts). Anything else is not a count.
 */
export function readCount(value: AnyValue | undefined): number | null {
  let count: number;
  if (typeof value === 'bigint') {
    if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    return Number(value);
  }
  if (typeof value === 'number') count = value;
  else if (typeof value === 'string' && value.trim() !== '') count = Number(value);
  else return null;
  return Number.isSafeInteger(count) && count >= 0 ? count : null;
}

/** The first of `keys` that holds a count. */
export function firstCount(attributes: Attributes, keys: readonly string[]): number | null {
  for (const key of keys) {
    const count = readCount(attributes[key]);
    if (count !== null) return count;
  }
  return null;
}

/** The first of `keys` that is present at all, whatever its type. */
export function firstPresent(attributes: Attributes, keys: readonly string[]): AnyValue | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (!isAbsent(value)) return value;
  }
  return undefined;
}
