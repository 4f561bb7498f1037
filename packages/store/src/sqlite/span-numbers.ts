import type { Attributes, Span } from '@sextant/core';

/**
 * The numeric (int and double) attributes of a span and of its resource, scope, events and links,
 * as JSON: each key to the list of its values, so that SQL compares them (`json_each`) without
 * decoding the span. Ints beyond 2^53 lose precision here, as numbers compare anyway. Null when
 * the span has none.
 */
export function spanNumbers(span: Span): string | null {
  const numbers: Record<string, number[]> = {};
  let found = false;
  const add = (attributes: Attributes) => {
    for (const key in attributes) {
      const value = attributes[key];
      if (typeof value !== 'number' && typeof value !== 'bigint') continue;
      // JSON has no infinities: the largest doubles stand for them, which compare the same with
      // any finite bound.
      const number = Number(value);
      if (Number.isNaN(number)) continue;
      const bounded = Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, number));
      const values = numbers[key];
      if (values === undefined) numbers[key] = [bounded];
      else values.push(bounded);
      found = true;
    }
  };
  add(span.attributes);
  add(span.resource.attributes);
  add(span.scope.attributes);
  for (const event of span.events) add(event.attributes);
  for (const link of span.links) add(link.attributes);
  return found ? JSON.stringify(numbers) : null;
}
