import type { TextQuery } from '@sextant/core';

/** The full-text indexes, each keyed by the rowid of the row it indexes. */
export type SearchIndexTable =
  | 'span_terms'
  | 'span_words'
  | 'log_words'
  | 'annotation_words'
  | 'metric_terms';

/** A MATCH expression on one of the indexes. */
export interface IndexMatch {
  table: SearchIndexTable;
  expression: string;
}

/** Rows holding every term token, or at least one of each group (hex: no quoting issue). */
export function termsMatch(
  table: 'span_terms' | 'metric_terms',
  tokens: readonly (string | readonly string[])[],
): IndexMatch {
  const term = (token: string | readonly string[]) =>
    typeof token === 'string' ? `"${token}"` : `(${token.map((one) => `"${one}"`).join(' OR ')})`;
  return { table, expression: tokens.map(term).join(' AND ') };
}

/** Rows holding every phrase of the text query; tokens hold only letters, digits and marks. */
export function wordsMatch(
  table: 'span_words' | 'log_words' | 'annotation_words',
  text: TextQuery,
): IndexMatch {
  return { table, expression: text.phrases.map((phrase) => `"${phrase.join(' ')}"`).join(' AND ') };
}

/** Whether the row whose rowid is `rowid` (an SQL expression) matches: a seek in each term's list. */
export function existsInIndex(match: IndexMatch, rowid: string): string {
  return `EXISTS (SELECT 1 FROM ${match.table} WHERE ${match.table} MATCH ? AND rowid = ${rowid})`;
}

/** The rowids of every match, for a match known to be rare. */
export function matchingRowids(match: IndexMatch): string {
  return `SELECT rowid FROM ${match.table} WHERE ${match.table} MATCH ?`;
}

/** SQL counting the matches up to a bound (`?` after the expression), which keeps it cheap. */
export function boundedCount(match: IndexMatch): string {
  return `SELECT count(*) FROM (${matchingRowids(match)} LIMIT ?)`;
}
