import { createHash } from 'node:crypto';
import type { TraceCursor } from '@sextant/store';
import { SextantError } from '../errors.js';

const VERSION = 'v1';

function checksum(payload: string): string {
  return createHash('sha256').update(payload).digest('base64url').slice(0, 12);
}

/**
 * Cursors are opaque to clients: a version, the position, and a checksum over both, so that a
 * cursor that was cut, edited or made up is refused with a 400 instead of paging from nowhere.
 * They carry no secret and grant nothing: every read is still scoped by its own parameters.
 */
export function encodeCursor(cursor: TraceCursor): string {
  const payload = `${VERSION}.${cursor.startTimeUnixNano}.${cursor.traceId}`;
  return Buffer.from(`${payload}.${checksum(payload)}`).toString('base64url');
}

export function decodeCursor(text: string): TraceCursor {
  const invalid = () =>
    new SextantError('SEXTANT_ERR_INVALID_CURSOR', 'invalid cursor: pass back a nextCursor unchanged');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw invalid();
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (parts.length !== 4) throw invalid();
  const [version, start, traceId, sum] = parts as [string, string, string, string];
  if (version !== VERSION || !/^\d{1,19}$/.test(start) || !/^[0-9a-f]{32}$/.test(traceId)) throw invalid();
  if (checksum(`${version}.${start}.${traceId}`) !== sum) throw invalid();
  return { startTimeUnixNano: BigInt(start), traceId };
}
