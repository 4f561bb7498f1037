/**
 * Model values → OTLP/JSON: int64 as decimal strings, bytes as base64, doubles as numbers
 * (non-finite ones as the strings proto3 JSON uses), kvlists in their key order.
 */
import type { AnyValue, Attributes } from '../model/attributes.js';
import type { InstrumentationScope, Resource } from '../model/resource.js';
import { bytesToBase64 } from './read-scalars.js';

export type JsonObject = Record<string, unknown>;

/** JSON has no NaN or infinities: proto3 JSON writes them as strings. */
export function doubleToJson(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** A double goes to `asDouble`, an exact int64 to `asInt`. */
export function numberValueToJson(value: number | bigint, into: JsonObject): void {
  if (typeof value === 'bigint') into.asInt = value.toString();
  else into.asDouble = doubleToJson(value);
}

export function anyValueToJson(value: AnyValue): JsonObject {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'number':
      return { doubleValue: doubleToJson(value) };
    case 'bigint':
      return { intValue: value.toString() };
  }
  if (value === null) return {};
  if (value instanceof Uint8Array) return { bytesValue: bytesToBase64(value) };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValueToJson) } };
  return { kvlistValue: { values: attributesToJson(value) } };
}

export function attributesToJson(attributes: Attributes): JsonObject[] {
  const keyValues: JsonObject[] = [];
  for (const key of Object.keys(attributes))
    keyValues.push({ key, value: anyValueToJson(attributes[key] as AnyValue) });
  return keyValues;
}

export function resourceToJson(resource: Resource): JsonObject {
  return {
    attributes: attributesToJson(resource.attributes),
    droppedAttributesCount: resource.droppedAttributesCount,
  };
}

export function scopeToJson(scope: InstrumentationScope): JsonObject {
  return {
    name: scope.name,
    version: scope.version,
    attributes: attributesToJson(scope.attributes),
    droppedAttributesCount: scope.droppedAttributesCount,
  };
}
