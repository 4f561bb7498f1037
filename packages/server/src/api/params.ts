import { Type } from '@fastify/type-provider-typebox';
import { PROJECT_NAME_PATTERN, parseTextQuery, parseTimeNano, TextQueryError } from '@sextant/core';
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

export const TextParam = Type.String({
  minLength: 1,
  maxLength: 1024,
  description:
    'Full-text query: words (every one must appear, in any case; Chinese and Japanese words too) and "quoted phrases".',
});

/** A full-text query parameter that has no word to search for is a 400 naming it. */
export function checkTextQuery(text: string | undefined, name: string): void {
  if (text === undefined) return;
  try {
    parseTextQuery(text);
  } catch (error) {
    if (error instanceof TextQueryError) {
      throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', `${name}: ${error.message}`);
    }
    throw error;
  }
}

/** The `start` and `end` parameters as a time range; unreadable or inverted is a 400. */
export function timeRangeOf(query: { start?: string | undefined; end?: string | undefined }): {
  startTimeMin: bigint | undefined;
  startTimeMax: bigint | undefined;
} {
  const startTimeMin = parsedParam(query.start, parseTimeNano, 'start');
  const startTimeMax = parsedParam(query.end, parseTimeNano, 'end');
  if (startTimeMin !== undefined && startTimeMax !== undefined && startTimeMin > startTimeMax) {
    throw new SextantError('SEXTANT_ERR_INVALID_REQUEST', 'start: must not be after end');
  }
  return { startTimeMin, startTimeMax };
}
