import type { TextQuery } from '@sextant/core';

const K1 = 1.2;
const B = 0.75;

/**
 * Okapi BM25 scores of documents (their tokens) for a query, each phrase counted as one term:
 * the same formula SQLite's FTS5 ranks with. Documents that miss a phrase score null.
 */
export function bm25Scores(documents: readonly (readonly string[])[], query: TextQuery): (number | null)[] {
  const frequencies = documents.map((tokens) => query.phrases.map((phrase) => occurrences(tokens, phrase)));
  const count = documents.length;
  const averageLength = documents.reduce((sum, tokens) => sum + tokens.length, 0) / Math.max(count, 1);
  const idf = query.phrases.map((_, at) => {
    const holding = frequencies.filter((row) => row[at]! > 0).length;
    return Math.max(Math.log((count - holding + 0.5) / (holding + 0.5)), 1e-6);
  });
  return frequencies.map((row, index) => {
    if (row.some((frequency) => frequency === 0)) return null;
    const lengthFactor = 1 - B + (B * documents[index]!.length) / (averageLength || 1);
    let score = 0;
    for (let at = 0; at < row.length; at++) {
      const frequency = row[at]!;
      score += (idf[at]! * (frequency * (K1 + 1))) / (frequency + K1 * lengthFactor);
    }
    return score;
  });
}

function occurrences(tokens: readonly string[], phrase: readonly string[]): number {
  let found = 0;
  for (let start = 0; start + phrase.length <= tokens.length; start++) {
    let index = 0;
    while (index < phrase.length && tokens[start + index] === phrase[index]) index++;
    if (index === phrase.length) found++;
  }
  return found;
}
