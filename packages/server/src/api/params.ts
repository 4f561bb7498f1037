import { Type } from '@fastify/type-provider-typebox';
import { PROJECT_NAME_PATTERN } from '@sextant/core';
import { SextantError } from '../errors.js';

export const ProjectParam = Type.String({
  pattern: PROJECT_NAME_PATTERN.source,
  default: 'default',
  description: 'The project to read; `default` unless given.',
});
export const TimeParam = Type.String({
  maxLength: 40,
  description: 'RFC 3339 (`2026-11-22T10:00:00.123456789Z`) or integer nanoseconds since the epoch.',
});
export const DurationParam = Type.String({
  maxLength: 32,
  description: 'Integer nanoseconds, or a number with a unit: `250ms`, `1.5s`, `100us`, `2m`, `1h`.',
});

/** Reads an optional text parameter with `parse`; an unreadable one is a 400 naming it. */
export function parsedParam<T>(
  value: string | undefined,
  parse: (text: string) => T | null,
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  const result = parse(value);
  if (result === null)
    throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', `${name}: cannot read '${value}'`);
  return result;
}

export const FormatParam = Type.Union([Type.Literal('sextant'), Type.Literal('otlp')], {
  default: 'sextant',
  description: '`otlp` answers the OTLP/JSON export request of the stored items, every value exactly typed.',
});
