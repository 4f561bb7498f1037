import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/api/cursor.js';
import { SextantError } from '../../src/errors.js';

const cursor = { startTimeUnixNano: 1763800000123456789n, traceId: '5b8efff798038103d269b633813fc60c' };

describe('page cursors', () => {
  it('round-trip exactly', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuse any alteration', () => {
    const text = encodeCursor(cursor);
    const decoded = Buffer.from(text, 'base64url').toString();
    const tampered = [
      '',
      'not-a-cursor',
      text.slice(0, -2),
      `${text}A`,
      Buffer.from(decoded.replace('1763800000123456789', '1763800000123456788')).toString('base64url'),
      Buffer.from(decoded.replace('v1', 'v2')).toString('base64url'),
      Buffer.from('v1.1.abc.xyz').toString('base64url'),
      'a'.repeat(500),
    ];
    for (const bad of tampered) {
      expect(() => decodeCursor(bad), bad).toThrow(SextantError);
    }
  });
});
