/**
 * An OpenTelemetry `AnyValue`, kept with its exact type so that what was sent reads back the same:
 * - `string`, `boolean`;
 * - `number` is an OTLP double;
 * - `bigint` is an OTLP int (int64, exact);
 * - `Uint8Array` is OTLP bytes;
 * - an array is an OTLP array value;
 * - a plain object (`KeyValueList`) is an OTLP kvlist;
 * - `null` is an empty value (an `AnyValue` with no field set).
 */
export type AnyValue = string | boolean | number | bigint | Uint8Array | AnyValue[] | KeyValueList | null;

/** An OTLP `KeyValueList`: keys in the order they were sent. */
export interface KeyValueList {
  [key: string]: AnyValue;
}

/** Attributes of a span, resource, scope, event, link, log record or metric point. */
export type Attributes = Record<string, AnyValue>;

/** A plain object that is a kvlist (and not an array, bytes or null). */
export function isKeyValueList(value: AnyValue): value is KeyValueList {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}
