import { type AnyValue, type Attributes, isKeyValueList } from '../model/attributes.js';
import type { LogRecord } from '../model/log-record.js';
import type { Span } from '../model/span.js';

/** Span attributes that carry a trace's tags: OpenInference's list, and Sextant's own. */
export const TAG_ATTRIBUTES = ['tag.tags', 'sextant.tags'] as const;

/**
 * The text full-text search finds a span by, pieces joined by newlines: its name, its status
 * message, the text values of its attributes, its input and output text when no attribute holds
 * them verbatim, and its events' names and text values.
 */
export function spanSearchText(span: Span): string {
  const pieces: string[] = [span.name];
  if (span.status.message !== '') pieces.push(span.status.message);
  addTextValues(pieces, span.attributes);
  const { inputText, outputText } = span.llm;
  if (inputText !== null && !holdsText(span.attributes, inputText)) pieces.push(inputText);
  if (outputText !== null && !holdsText(span.attributes, outputText)) pieces.push(outputText);
  for (const event of span.events) {
    pieces.push(event.name);
    addTextValues(pieces, event.attributes);
  }
  return pieces.join('\n');
}

/** The text full-text search finds a log record by: the text values of its body. */
export function logSearchText(log: LogRecord): string {
  const pieces: string[] = [];
  addText(pieces, log.body);
  return pieces.join('\n');
}

/** The tags a span carries, from `TAG_ATTRIBUTES`: a list of strings, or one string. */
export function spanTags(span: Span): string[] {
  const tags: string[] = [];
  for (const key of TAG_ATTRIBUTES) {
    const value = span.attributes[key];
    if (typeof value === 'string') tags.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') tags.push(item);
  }
  return tags;
}

function addTextValues(pieces: string[], attributes: Attributes): void {
  for (const key in attributes) addText(pieces, attributes[key]!);
}

function addText(pieces: string[], value: AnyValue): void {
  if (typeof value === 'string') pieces.push(value);
  else if (Array.isArray(value)) for (const item of value) addText(pieces, item);
  else if (isKeyValueList(value)) for (const key in value) addText(pieces, value[key]!);
}

function holdsText(attributes: Attributes, text: string): boolean {
  for (const key in attributes) if (attributes[key] === text) return true;
  return false;
}
