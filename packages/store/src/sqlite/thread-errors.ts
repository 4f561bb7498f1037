import { TextQueryError } from '@sextant/core';
import Database from 'better-sqlite3';
import { AnalyticsQueryError } from '../analytics.js';

/**
 * An error as it crosses threads: a structured clone keeps neither SQLite's result code nor the
 * class, which callers test with `instanceof` to answer a bad query with a 400.
 */
export interface SerializedError {
  name: string;
  message: string;
  code: string | undefined;
  /** `AnalyticsQueryError`'s field. */
  field: string | undefined;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error))
    return { name: 'Error', message: String(error), code: undefined, field: undefined };
  const { code, field } = error as { code?: unknown; field?: unknown };
  return {
    name: error.name,
    message: error.message,
    code: typeof code === 'string' ? code : undefined,
    field: typeof field === 'string' ? field : undefined,
  };
}

/** The error again, on the calling thread: of its own class where callers look for it, else by name. */
export function deserializeError({ name, message, code, field }: SerializedError): Error {
  if (name === 'SqliteError' && code !== undefined) return new Database.SqliteError(message, code);
  if (name === 'TextQueryError') return new TextQueryError(message);
  if (name === 'AnalyticsQueryError' && field !== undefined) {
    return new AnalyticsQueryError(field as AnalyticsQueryError['field'], message);
  }
  const error = new Error(message);
  error.name = name;
  if (code !== undefined) Object.assign(error, { code });
  return error;
}
