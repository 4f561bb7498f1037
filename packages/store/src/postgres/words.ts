import { type TextQuery, textTokens } from '@sextant/core';

/*
 * Full-text search on PostgreSQL without its text-search parser: the words are core's
 * `textTokens` (folded, cut, CJK in character pairs), the same as every backend's, written
 * straight into a `tsvector` with their positions, and queries are `tsquery` phrases of the same
 * tokens. Vectors are sent in PostgreSQL's binary form, which it reads many times faster than
 * their text. A tsvector has limits of its own, kept here so that no text fails a write:
 * positions past 16 383 count as 16 383 (single words are still found there, phrases are not), a
 * word keeps at most 256 positions, words over 2046 bytes are left out, and past about 1 MB no
 * new word is taken.
 */

const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_WORD = 256;
const MAX_WORD_BYTES = 2046;
/** A tsvector is at most 1 MiB; this leaves room for its header and alignment. */
const MAX_VECTOR_BYTES = 1_000_000;

/** Printable ASCII, tabs and line breaks (see core's `indexableText`). */
const NOT_PLAIN_ASCII = /[^ -~\t\n\r]/;
const ASCII_WORD = /[a-z0-9]+/g;

/**
 * `textTokens(text)`, sooner for plain ASCII, the common case: folding leaves it as it is but for
 * case, and its words are its runs of letters and digits (core's `indexableText` relies on the same).
 */
export function wordsOf(text: string): string[] {
  if (NOT_PLAIN_ASCII.test(text)) return textTokens(text);
  return text.toLowerCase().match(ASCII_WORD) ?? [];
}

/** Each word of the text, in the order first seen, with its positions (from 1), within the limits. */
export function wordPositions(text: string): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  let bytes = 0;
  const tokens = wordsOf(text);
  for (let index = 0; index < tokens.length; index++) {
    const word = tokens[index]!;
    const position = Math.min(index + 1, MAX_POSITION);
    let list = positions.get(word);
    if (list === undefined) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8: short words need no count.
      const size = word.length * 3 <= MAX_WORD_BYTES ? word.length * 3 : Buffer.byteLength(word);
      if (size > MAX_WORD_BYTES || bytes + size > MAX_VECTOR_BYTES) continue;
      bytes += size + 4;
      list = [];
      positions.set(word, list);
    }
    if (list.length < MAX_POSITIONS_PER_WORD && list[list.length - 1] !== position) {
      list.push(position);
      bytes += 2;
    }
  }
  return positions;
}

/**
 * The text's words as a `tsvector` in binary form: the count of words, then each word (UTF-8,
 * NUL-terminated), its count of positions and its positions. PostgreSQL sorts the words itself.
 */
export function tsvectorOf(text: string): Buffer {
  const positions = wordPositions(text);
  let size = 4;
  const encoded: Buffer[] = [];
  for (const [word, list] of positions) {
    const bytes = Buffer.from(word, 'utf8');
    encoded.push(bytes);
    size += bytes.length + 1 + 2 + 2 * list.length;
  }
  const vector = Buffer.allocUnsafe(size);
  let at = vector.writeInt32BE(positions.size, 0);
  let index = 0;
  for (const list of positions.values()) {
    const bytes = encoded[index++]!;
    at += bytes.copy(vector, at);
    at = vector.writeUInt8(0, at);
    at = vector.writeUInt16BE(list.length, at);
    for (const position of list) at = vector.writeUInt16BE(position, at);
  }
  return vector;
}

/** A word as a quoted lexeme of tsquery input (tokens hold letters, digits and marks only). */
function lexeme(word: string): string {
  return /['\\]/.test(word) ? `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${word}'`;
}

/** Every phrase of the query, each as consecutive words, as `tsquery` input. */
export function tsqueryOf(query: TextQuery): string {
  return query.phrases.map((phrase) => `(${phrase.map(lexeme).join(' <-> ')})`).join(' & ');
}
