/**
 * Where names occur in a text, compared Arabic-aware (normalise.ts: alef forms, ى/ي, ة/ه,
 * diacritics and tatweel do not matter) and as whole words. A run of proclitics before a name (و ف,
 * then ب ك ل or لل, as proclitics.ts reads them) is left outside, as the editor's own edges leave
 * it: بالعراق gives العراق. After لل the article's alef is not written (للتحالف): no edge leaves the
 * name whole there, so nothing is found (an analyst tags such a word whole, or not at all).
 * Offsets are UTF-16, in the original text.
 */
import { fold, foldWithOrigin, toOriginal, type Folded } from '../../text/normalise.ts';

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** A range found, and what it matched: the folded name (nameKey) without the proclitics. */
export interface Found extends Range {
  readonly matched: string;
}

const BEFORE = '(?<![\\p{L}\\p{N}\\p{M}])';
const AFTER = '(?![\\p{L}\\p{N}\\p{M}])';
const PROCLITICS = '[وف]?(?:لل|[بكل])?';

/** How names are compared: folded, white space between words made one space. */
export function nameKey(name: string): string {
  return fold(name).trim().replace(/\s+/gu, ' ');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name key as a pattern: any run of white space between its words. */
function keyPattern(key: string): string {
  return key.split(' ').map(escape).join('\\s+');
}

/** One pattern for all the names, the longest first (كتائب حزب الله is found whole before حزب الله). */
function namesRegExp(keys: readonly string[]): RegExp {
  const sorted = [...keys].sort((a, b) => b.length - a.length);
  return new RegExp(`${BEFORE}(${PROCLITICS})(${sorted.map(keyPattern).join('|')})${AFTER}`, 'gu');
}

/**
 * The ranges of the original text that `pattern` matches in its folded form: group 1 is what stays
 * outside the range (proclitics), group 2 what is found.
 */
export function matchesIn(folded: Folded, text: string, pattern: RegExp): Found[] {
  const found: Found[] = [];
  for (const match of folded.folded.matchAll(pattern)) {
    const range = toOriginal(folded, text, match.index + match[1]!.length, match.index + match[0].length);
    found.push({ ...range, matched: match[2]!.replace(/\s+/gu, ' ') });
  }
  return found;
}

/** Every occurrence in `text` of any of the names (by nameKey); names under two letters are not looked for. */
export function findNames(text: string, names: Iterable<string>, folded: Folded = foldWithOrigin(text)): Found[] {
  const keys = [...new Set(Array.from(names, nameKey))].filter((key) => key.length >= 2);
  return keys.length === 0 ? [] : matchesIn(folded, text, namesRegExp(keys));
}

/** Every occurrence of `name` in `text`. */
export function occurrences(text: string, name: string): Range[] {
  return findNames(text, [name]).map(({ start, end }) => ({ start, end }));
}
