/**
 * The tokens of a text, as token-per-line formats (CoNLL) want them: the segments of the same word
 * segmentation that span edges snap to (boundaries.ts), so a span made in the app covers whole
 * tokens. A word is a token; so is each punctuation mark, emoji or other symbol; white space
 * separates tokens and is never part of one. Indices are UTF-16.
 */

export interface Token {
  readonly start: number;
  readonly end: number;
}

const words = new Intl.Segmenter('ar', { granularity: 'word' });
const SPACE_ONLY = /^\s+$/u;

/**
 * `stripProclitic`, when given, names the proclitics to split off a word as a token of their own
 * (see procliticToStrip in proclitics.ts), "" for none.
 */
export function tokenize(text: string, stripProclitic?: (word: string) => string): Token[] {
  const tokens: Token[] = [];
  for (const { segment, index, isWordLike } of words.segment(text)) {
    if (SPACE_ONLY.test(segment)) continue;
    const proclitic = isWordLike && stripProclitic ? stripProclitic(segment) : '';
    if (proclitic !== '') tokens.push({ start: index, end: index + proclitic.length });
    tokens.push({ start: index + proclitic.length, end: index + segment.length });
  }
  return tokens;
}
