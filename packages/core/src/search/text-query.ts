import { textTokens } from './text-tokens.js';

/**
 * A full-text query: every phrase must appear in the searched text, each as consecutive words
 * (see `textTokens`). A plain word is a phrase of its own tokens: `foo-bar` is `"foo bar"`, and a
 * Chinese word is the phrase of its character pairs.
 */
export interface TextQuery {
  phrases: string[][];
}

export const MAX_TEXT_QUERY_TOKENS = 64;

export class TextQueryError extends Error {
  override name = 'TextQueryError';
}

/** Reads a query of words and `"quoted phrases"`; throws `TextQueryError` when it has no word. */
export function parseTextQuery(query: string): TextQuery {
  const phrases: string[][] = [];
  let tokenCount = 0;
  for (const [, quoted, word] of query.matchAll(/"([^"]*)"?|([^\s"]+)/g)) {
    const tokens = textTokens(quoted ?? word ?? '');
    if (tokens.length === 0) continue;
    tokenCount += tokens.length;
    phrases.push(tokens);
  }
  if (phrases.length === 0) throw new TextQueryError('the text query has no word to search for');
  if (tokenCount > MAX_TEXT_QUERY_TOKENS) {
    throw new TextQueryError(`the text query has more than ${MAX_TEXT_QUERY_TOKENS} words`);
  }
  return { phrases };
}

/** Whether a text's tokens hold every phrase of the query. */
export function textMatchesQuery(tokens: readonly string[], query: TextQuery): boolean {
  return query.phrases.every((phrase) => containsPhrase(tokens, phrase));
}

function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  const last = tokens.length - phrase.length;
  for (let start = 0; start <= last; start++) {
    let index = 0;
    while (index < phrase.length && tokens[start + index] === phrase[index]) index++;
    if (index === phrase.length) return true;
  }
  return false;
}
