/**
 * Where names occur in a text, compared Arabic-aware (normalise.ts: alef forms, ى/ي, ة/ه,
 * diacritics and tatweel do not matter) and as whole words. A run of proclitics before a name (و ف,
 * then ب ك ل or لل, as proclitics.ts reads them) is left outside, as the editor's own edges leave
 * it: بالعراق gives العراق, وللتحالف gives تحالف after لل (the article's alef is not written there).
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

/**
 * One pattern for all the names (the longest first, so that كتائب حزب الله is found whole before
 * حزب الله): proclitics in group 1, the name in group 2; a name that starts with the article also
 * after لل, where its alef is dropped (groups 3 and 4).
 */
function namesRegExp(keys: readonly string[]): RegExp {
  const sorted = [...keys].sort((a, b) => b.length - a.length);
  const whole = `(${PROCLITICS})(${sorted.map(keyPattern).join('|')})`;
  const articled = sorted.filter((key) => key.startsWith('ال') && key.length >= 4);
  const afterLamLam = articled.length > 0 ? `|([وف]?لل)(${articled.map((key) => keyPattern(key.slice(2))).join('|')})` : '';
  return new RegExp(`${BEFORE}(?:${whole}${afterLamLam})${AFTER}`, 'gu');
}

/**
 * The ranges of the original text that `pattern` matches in its folded form. Group 1 (or 3) is
 * what stays outside the range, group 2 (or 4: a name after لل, its article added back) the name.
 */
export function matchesIn(folded: Folded, text: string, pattern: RegExp): Found[] {
  const found: Found[] = [];
  for (const match of folded.folded.matchAll(pattern)) {
    const outside = match[1] ?? match[3] ?? '';
    const matched = match[2] !== undefined ? match[2] : `ال${match[4] ?? ''}`;
    const range = toOriginal(folded, text, match.index + outside.length, match.index + match[0].length);
    found.push({ ...range, matched: matched.replace(/\s+/gu, ' ') });
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
