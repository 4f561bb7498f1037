const NS_PER_MS = 1_000_000n;
const NS_PER_SECOND = 1_000_000_000n;
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp to nanoseconds since the epoch, exactly: the fraction keeps all
 * nine digits (Date keeps only milliseconds). Returns null for anything else.
 */
export function parseRfc3339Nano(text: string): bigint | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, date, time, fraction = '', zone] = match;
  const ms = Date.parse(`${date}T${time}${zone === 'z' ? 'Z' : zone}`);
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * NS_PER_MS + BigInt(fraction.padEnd(9, '0'));
}

/** Formats nanoseconds since the epoch as RFC 3339 in UTC with all nine fraction digits. */
export function formatRfc3339Nano(ns: bigint): string {
  let seconds = ns / NS_PER_SECOND;
  if (ns % NS_PER_SECOND < 0n) seconds -= 1n; // floor, for times before 1970
  const fraction = ns - seconds * NS_PER_SECOND;
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}.${fraction.toString().padStart(9, '0')}Z`;
}

/**
 * A point in time given as RFC 3339 or as integer nanoseconds since the epoch (a decimal
 * string, since nanoseconds exceed 2^53). Returns null for anything else.
 */
export function parseTimeNano(text: string): bigint | null {
  if (/^\d{1,19}$/.test(text)) return BigInt(text);
  return parseRfc3339Nano(text);
}
