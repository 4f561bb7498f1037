const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};
const DURATION = /^(\d+)(?:\.(\d{1,9}))?(ns|us|µs|ms|s|m|h|d)$/;

/**
 * Parses a duration to nanoseconds: an integer is nanoseconds; otherwise a number with a unit,
 * as Go and Jaeger write them (`250ms`, `1.5s`, `2m`, `100us`), and days (`7d`). Returns null for
 * anything else.
 */
export function parseDurationNano(text: string): bigint | null {
  if (/^\d{1,19}$/.test(text)) return BigInt(text);
  const match = DURATION.exec(text);
  if (!match) return null;
  const [, whole, fraction = '', unit] = match;
  const perUnit = UNIT_NANOS[unit!]!;
  const scale = 10n ** BigInt(fraction.length);
  return ((BigInt(whole!) * scale + BigInt(fraction || '0')) * perUnit) / scale;
}
