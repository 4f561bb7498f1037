/** Parses text that looks like JSON (an object, a list or a string); undefined otherwise. */
export function parseJson(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A value as text to read: a string as it is (indented when it holds a JSON object or list),
 * anything else as indented JSON.
 */
export function displayText(value: unknown): string {
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : value;
  }
  if (value === undefined) return '';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, null, 2);
  return String(value);
}
