/*
 * Column arrays for multi-row inserts, in PostgreSQL's binary form: `pg` sends a Buffer parameter
 * as binary, which the server reads as it is, with no text to escape in JavaScript and to unescape
 * in the server (a span's body is JSON, full of quotes). Measured on spans of the agent workload,
 * a column of bodies costs about half as much so as in array text.
 */

/** The element types sent this way, with their type ids (built-ins: the same in every PostgreSQL). */
export const BINARY_TYPES = {
  text: 25,
  bigint: 20,
  smallint: 21,
  jsonb: 3802,
  tsvector: 3614,
} as const;
export type BinaryType = keyof typeof BINARY_TYPES;

/** The version byte that starts a JSONB value in binary form. */
const JSONB_VERSION = 1;

/**
 * A one-dimensional array of `type` from the values (null for SQL NULL): text and JSONB as
 * strings, integers as numbers or bigints, tsvectors already in binary form (see words.ts).
 */
export function binaryArray(type: BinaryType, values: readonly unknown[]): Buffer {
  let size = 20;
  let nulls = false;
  const lengths = new Array<number>(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || value === undefined) {
      nulls = true;
      lengths[index] = -1;
      continue;
    }
    lengths[index] = elementLength(type, value);
    size += lengths[index]!;
  }
  size += 4 * values.length;
  const array = Buffer.allocUnsafe(size);
  let at = array.writeInt32BE(1, 0);
  at = array.writeInt32BE(nulls ? 1 : 0, at);
  at = array.writeUInt32BE(BINARY_TYPES[type], at);
  at = array.writeInt32BE(values.length, at);
  at = array.writeInt32BE(1, at);
  for (let index = 0; index < values.length; index++) {
    const length = lengths[index]!;
    at = array.writeInt32BE(length, at);
    if (length >= 0) at = writeElement(array, at, type, values[index]);
  }
  return array;
}

function elementLength(type: BinaryType, value: unknown): number {
  switch (type) {
    case 'text':
      return Buffer.byteLength(value as string);
    case 'jsonb':
      return 1 + Buffer.byteLength(value as string);
    case 'bigint':
      return 8;
    case 'smallint':
      return 2;
    case 'tsvector':
      return (value as Buffer).length;
  }
}

function writeElement(array: Buffer, at: number, type: BinaryType, value: unknown): number {
  switch (type) {
    case 'text':
      return at + array.write(value as string, at, 'utf8');
    case 'jsonb':
      array.writeUInt8(JSONB_VERSION, at);
      return at + 1 + array.write(value as string, at + 1, 'utf8');
    case 'bigint':
      return array.writeBigInt64BE(BigInt(value as number | bigint), at);
    case 'smallint':
      return array.writeInt16BE(Number(value), at);
    case 'tsvector':
      return at + (value as Buffer).copy(array, at);
  }
}
