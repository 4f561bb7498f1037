/**
 * Readers of OTLP leaf values, shared by both encodings: each accepts what protobufjs decodes
 * (numbers, `Long` for 64-bit fields, `Uint8Array` for bytes) and what OTLP/JSON carries
 * (decimal strings or numbers for 64-bit fields, hex ids, base64 bytes, enum names), and throws
 * `InvalidItemError` for anything else.
 */
import protobuf from 'protobufjs';
import { invalidItem } from './errors.js';

/** The fields of a long.js `Long`, as protobufjs decodes 64-bit integers. */
interface LongBits {
  low: number;
  high: number;
}

const EMPTY_BYTES = new Uint8Array(0);
const TWO_POW_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const INTEGER_TEXT = /^-?\d+$/;
const HEX_TEXT = /^[0-9a-fA-F]*$/;
const BASE64_TEXT = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX_OF_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function isLong(value: unknown): value is LongBits {
  return typeof value === 'object' && value !== null && typeof (value as LongBits).low === 'number';
}

function longToBigInt(value: LongBits, unsigned: boolean): bigint {
  const low = BigInt(value.low >>> 0);
  if (value.high === 0) return low;
  const high = unsigned ? BigInt(value.high >>> 0) : BigInt(value.high | 0);
  return (high << 32n) | low;
}

/** An integer written in OTLP/JSON (a decimal string, or a number when it is small enough). */
function jsonIntegerToBigInt(value: unknown, what: string): bigint {
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (value == null) return 0n;
  return invalidItem(`${what} is not an integer`);
}

/** An int64 / sfixed64 field, exact. */
export function readInt64(value: unknown, what: string): bigint {
  if (isLong(value)) return longToBigInt(value, false);
  const result = jsonIntegerToBigInt(value, what);
  return result >= INT64_MIN && result <= INT64_MAX
    ? result
    : invalidItem(`${what} is out of the int64 range`);
}

/** A fixed64 / uint64 field (times), exact. */
export function readUint64(value: unknown, what: string): bigint {
  if (isLong(value)) return longToBigInt(value, true);
  const result = jsonIntegerToBigInt(value, what);
  return result >= 0n && result <= UINT64_MAX ? result : invalidItem(`${what} is out of the uint64 range`);
}

/**
 * A fixed64 time in nanoseconds since the epoch. OTLP allows the whole uint64 range, but Sextant
 * keeps times as int64 (as SQL databases store integers), which reaches 2262-04-11T23:47:16Z.
 */
export function readTimeNano(value: unknown, what: string): bigint {
  const time = readUint64(value, what);
  return time <= INT64_MAX
    ? time
    : invalidItem(`${what} is after 2262-04-11T23:47:16Z, the latest time Sextant stores`);
}

/** A 64-bit count kept as a JS number (exact below 2^53). */
export function readCount(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (isLong(value)) return (value.high >>> 0) * TWO_POW_32 + (value.low >>> 0);
  return Number(readUint64(value, what));
}

/** A 32-bit integer field, signed or not (counts, flags, scale, offset). */
export function readInt(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (value == null) return 0;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
  return invalidItem(`${what} is not an integer`);
}

/** A double: JSON may also write one as a string, including "NaN", "Infinity" and "-Infinity". */
export function readDouble(value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (value == null) return 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (!Number.isNaN(parsed) || value === 'NaN') return parsed;
  }
  return invalidItem(`${what} is not a number`);
}

/** A proto3 `optional double`: null when absent. */
export function readOptionalDouble(value: unknown, what: string): number | null {
  return value == null ? null : readDouble(value, what);
}

export function readString(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  return invalidItem(`${what} is not a string`);
}

export function readBool(value: unknown): boolean {
  return value === true;
}

/** An enum, by number or (in JSON) by name; the caller checks the range it accepts. */
export function readEnum(value: unknown, names: Readonly<Record<string, number>>, what: string): number {
  if (typeof value === 'number') return value;
  if (value == null) return 0;
  if (typeof value === 'string') {
    const byName = names[value];
    if (byName !== undefined) return byName;
    if (INTEGER_TEXT.test(value)) return Number(value);
  }
  return invalidItem(`${what} is not a known value`);
}

/**
 * A trace or span id as lower-case hex: protobuf carries bytes, JSON hex in any case.
 * Returns '' for an absent id and null for one that is not `byteLength` bytes.
 */
export function readId(value: unknown, byteLength: number): string | null {
  if (typeof value === 'string') {
    if (value.length === 0) return '';
    return value.length === byteLength * 2 && HEX_TEXT.test(value) ? value.toLowerCase() : null;
  }
  if (value instanceof Uint8Array) {
    if (value.length === 0) return '';
    if (value.length !== byteLength) return null;
    let hex = '';
    for (let i = 0; i < value.length; i++) hex += HEX_OF_BYTE[value[i]!];
    return hex;
  }
  // protobufjs leaves an absent bytes field as an empty array.
  if (value == null || (Array.isArray(value) && value.length === 0)) return '';
  return null;
}

/** An optional trace or span id (logs, exemplars): '' when absent or all zero, never a wrong length. */
export function readOptionalId(raw: unknown, byteLength: number, what: string): string {
  const id = readId(raw, byteLength) ?? invalidItem(`${what} is not ${byteLength * 2} hex digits`);
  return isZeroId(id) ? '' : id;
}

/** An id that is all zeros is, by the OTel specification, no id at all. */
export function isZeroId(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

/** A bytes value; JSON carries it in base64. The result never shares memory with the request. */
export function readBytes(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value.length === 0 ? EMPTY_BYTES : copyBytes(value, value.length);
  if (typeof value === 'string') return decodeBase64(value) ?? invalidItem(`${what} is not base64`);
  if (value == null || (Array.isArray(value) && value.length === 0)) return EMPTY_BYTES;
  return invalidItem(`${what} is not bytes`);
}

/** Standard or URL-safe base64, padded or not (proto3 JSON allows all four). */
function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64_TEXT.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const digits = text.length - padding;
  if (digits % 4 === 1 || (padding > 0 && text.length % 4 !== 0)) return null;
  const standard =
    text.includes('-') || text.includes('_') ? text.replaceAll('-', '+').replaceAll('_', '/') : text;
  const bytes = new Uint8Array(Math.floor((digits * 3) / 4));
  protobuf.util.base64.decode(standard, bytes, 0);
  return bytes;
}

export function copyBytes(bytes: Uint8Array, length: number): Uint8Array {
  const copy = new Uint8Array(length);
  copy.set(bytes.subarray(0, length));
  return copy;
}

export function bytesToBase64(bytes: Uint8Array): string {
  return protobuf.util.base64.encode(bytes, 0, bytes.length);
}
