import type { AnyValue, Attributes, Span } from '@sextant/core';
import { type AttributeCondition, type AttributePlace, MAX_INDEXED_VALUE_LENGTH } from '../store.js';

/**
 * An attribute value in the text form equality compares (`123`, `72.5`, `true`, the string
 * itself, bytes in base64), or null for a list, a kvlist, null or a text too long to index.
 */
export function attributeText(value: AnyValue): string | null {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    text = String(value);
  } else if (value instanceof Uint8Array) text = Buffer.from(value).toString('base64');
  else return null;
  return text.length <= MAX_INDEXED_VALUE_LENGTH ? text : null;
}

/** Whether one span meets the condition, in the place it names. */
export function spanMeetsAttributeCondition(span: Span, condition: AttributeCondition): boolean {
  return placesOf(span, condition.place).some((attributes) => attributesMeet(attributes, condition));
}

function placesOf(span: Span, place: AttributePlace): Attributes[] {
  switch (place) {
    case 'span':
      return [span.attributes];
    case 'resource':
      return [span.resource.attributes];
    case 'scope':
      return [span.scope.attributes];
    case 'event':
      return span.events.map((event) => event.attributes);
    case 'link':
      return span.links.map((link) => link.attributes);
    case 'any':
      return [
        span.attributes,
        span.resource.attributes,
        span.scope.attributes,
        ...span.events.map((event) => event.attributes),
        ...span.links.map((link) => link.attributes),
      ];
  }
}

function attributesMeet(attributes: Attributes, { key, op, value }: AttributeCondition): boolean {
  if (!Object.hasOwn(attributes, key)) return false;
  const actual = attributes[key]!;
  if (op === 'eq') return attributeText(actual) === value;
  if (typeof actual !== 'number' && typeof actual !== 'bigint') return false;
  const left = Number(actual);
  const right = Number(value);
  switch (op) {
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
  }
}
