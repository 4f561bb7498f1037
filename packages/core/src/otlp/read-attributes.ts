/**
 * OTLP `AnyValue` and `KeyValue` lists → the model's values, with the ingest limits applied:
 * long strings and bytes are cut, attributes over the per-item limit are dropped, and both are
 * counted. The same code reads a protobufjs message and a parsed OTLP/JSON object.
 */
import type { AnyValue, Attributes, KeyValueList } from '../model/attributes.js';
import type { DecodeContext } from './decode-context.js';
import { excessOver } from './decode-context.js';
import { invalidItem } from './errors.js';
import {
  copyBytes,
  readBool,
  readBytes,
  readDouble,
  readInt,
  readInt64,
  readString,
} from './read-scalars.js';

export type RawObject = Record<string, unknown>;

const EMPTY_LIST: readonly unknown[] = [];

/** Deeper values are refused rather than risk the stack: no real telemetry nests this far. */
const MAX_VALUE_DEPTH = 64;

// The AnyValue oneof. protobufjs puts defaults for unset members on the message prototype, so
// the member that is set is the one that is an own property, for both encodings.
const VALUE_FIELDS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
] as const;
const VALUE_FIELDS_SNAKE = [
  'string_value',
  'bool_value',
  'int_value',
  'double_value',
  'array_value',
  'kvlist_value',
  'bytes_value',
] as const;
const STRING = 0;
const BOOL = 1;
const INT = 2;
const DOUBLE = 3;
const ARRAY = 4;
const KVLIST = 5;

export function asObject(value: unknown): RawObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as RawObject)
    : undefined;
}

/** A repeated field: absent is empty, anything else but a list makes the item invalid. */
export function readList(value: unknown, what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value == null ? EMPTY_LIST : invalidItem(`${what} is not a list`);
}

/** A string cut to the value length limit, never in the middle of a surrogate pair. */
export function capString(value: string, context: DecodeContext): string {
  const limit = context.limits.maxAttributeValueLength;
  if (value.length <= limit) return value;
  context.counts.truncatedValues++;
  const code = value.charCodeAt(limit - 1);
  const cut = value.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
  // V8 slices share the characters of the original: without a copy, keeping the cut value
  // would keep the whole (say 10 MB) value alive.
  return structuredClone(cut);
}

function capBytes(raw: unknown, context: DecodeContext): Uint8Array {
  const limit = context.limits.maxAttributeValueLength;
  // A huge protobuf bytes value is cut before it is copied, never copied whole.
  const bytes = raw instanceof Uint8Array && raw.length > limit ? raw : readBytes(raw, 'a bytes value');
  if (bytes.length <= limit) return bytes;
  context.counts.truncatedValues++;
  return copyBytes(bytes, limit);
}

export function readAnyValue(raw: unknown, context: DecodeContext, depth = 0): AnyValue {
  const value = asObject(raw);
  if (value === undefined) return raw == null ? null : invalidItem('a value is not an AnyValue');
  for (let kind = 0; kind < VALUE_FIELDS.length; kind++) {
    const camel = VALUE_FIELDS[kind]!;
    if (Object.hasOwn(value, camel)) return readValueOfKind(kind, value[camel], context, depth);
    const snake = VALUE_FIELDS_SNAKE[kind]!;
    if (Object.hasOwn(value, snake)) return readValueOfKind(kind, value[snake], context, depth);
  }
  return null;
}

function readValueOfKind(kind: number, raw: unknown, context: DecodeContext, depth: number): AnyValue {
  switch (kind) {
    case STRING:
      return capString(readString(raw, 'a string value'), context);
    case BOOL:
      return readBool(raw);
    case INT:
      return readInt64(raw, 'an int value');
    case DOUBLE:
      return readDouble(raw, 'a double value');
    case ARRAY:
    case KVLIST: {
      if (depth >= MAX_VALUE_DEPTH) invalidItem('a value is nested too deep');
      const list = asObject(raw) ?? invalidItem('a list value is not an object');
      const values = readList(list.values, 'a list value');
      return kind === ARRAY
        ? readArray(values, context, depth + 1)
        : readKeyValues(values, values.length, context, depth + 1);
    }
    default:
      return capBytes(raw, context);
  }
}

function readArray(values: readonly unknown[], context: DecodeContext, depth: number): AnyValue[] {
  const result: AnyValue[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) result[i] = readAnyValue(values[i], context, depth);
  return result;
}

/** The first `count` key-values of a list, as an object whose keys keep their order. */
function readKeyValues(
  list: readonly unknown[],
  count: number,
  context: DecodeContext,
  depth: number,
): KeyValueList {
  const result: KeyValueList = {};
  for (let i = 0; i < count; i++) {
    const pair = asObject(list[i]) ?? invalidItem('an attribute is not a key-value');
    const key = readString(pair.key, 'an attribute key');
    const value = readAnyValue(pair.value, context, depth);
    // A plain assignment to `__proto__` would replace the prototype instead of adding a key.
    if (key === '__proto__')
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return result;
}

/** An item's attributes, at most `maxAttributesPerItem` of them; the rest are counted as dropped. */
export function readAttributes(raw: unknown, context: DecodeContext): Attributes {
  const list = readList(raw, 'attributes');
  const limit = context.limits.maxAttributesPerItem;
  context.counts.droppedAttributes += excessOver(list.length, limit);
  return readKeyValues(list, Math.min(list.length, limit), context, 0);
}

/** The item's `dropped_attributes_count`: what the sender dropped plus what the limit dropped. */
export function droppedAttributes(
  rawAttributes: unknown,
  rawDroppedCount: unknown,
  context: DecodeContext,
): number {
  const sent = Array.isArray(rawAttributes) ? rawAttributes.length : 0;
  return (
    readInt(rawDroppedCount, 'dropped attributes count') +
    excessOver(sent, context.limits.maxAttributesPerItem)
  );
}
