/** A field that holds a comma, a quote or a line break must be quoted (RFC 4180, section 2). */
const NEEDS_QUOTES = /[",\r\n]/;

/** One field as RFC 4180 writes it: quoted when it must be, quotes inside doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, ended by CRLF as RFC 4180 has it. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
