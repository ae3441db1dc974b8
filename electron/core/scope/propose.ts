/**
 * Proposed scope: stretches of a document that look like a scraper's boilerplate rather than the
 * article, each waiting for the analyst's yes. Two rules, both on folded text (normalise.ts `fold`,
 * so أ/إ/ا, ة/ه, ى/ي and marks do not matter):
 *
 * - **Recurring lines.** A line (trimmed, spaces collapsed) that occurs in two or more documents of
 *   the library: a site's tag line, a related headline, "مقالات مشابهة". Lines of more than
 *   RECURRING_WORDS (lines.ts) words are left alone: agencies' paragraphs recur across outlets word for word,
 *   and they are article text.
 * - **Cue lines.** A line that opens with a cue that the article has ended (كلمات دلالية، إقرأ أيضاً،
 *   المصدر:، مقالات مشابهة، مواضيع ذات صلة…) is proposed with everything after it, to the end of the
 *   document: what follows such a cue on a news page is tags, links and other articles, and the
 *   proposal is one key to turn down where the article does resume. Markers that stand for one
 *   thing ([ad_1], إعلان, an embedded tweet's pic.twitter.com line) take their own line only.
 * - **Repeated lines.** A line that repeats one above it in the same document (a title printed
 *   twice) is proposed the second time.
 *
 * A proposal runs from its first line's start to the start of the next line that is not blank, so
 * that proposed lines with blank lines between them make one stretch. What the layer already left
 * out, or turned down, is not proposed.
 */
import { CodePointIndex } from '../../text/codepoints.ts';
import type { Db } from '../database.ts';
import { LineCounts, linesOf } from './lines.ts';
import { subtract, union, type Range } from './ranges.ts';

export interface ScopeProposal {
  /** Code points, half-open. */
  readonly start: number;
  readonly end: number;
  /** Why, for the analyst: the cue that ends the article, or the line found elsewhere. */
  readonly why: string;
}

/** Cues after which the article is over (folded; a colon, dash or the line's end follows). */
const ENDING_CUES = [
  'كلمات دلاليه',
  'الكلمات الدلاليه',
  'وسوم',
  'الوسوم',
  'اقرا ايضا',
  'اقرا كذلك',
  'اقرا المزيد',
  'اقرا اكثر',
  'شاهد ايضا',
  'مقالات مشابهه',
  'مقالات ذات صله',
  'مقالات متعلقه',
  'مواضيع ذات صله',
  'مواضيع متعلقه',
  'اخبار ذات صله',
  'اخبار متعلقه',
  'المزيد من الاخبار',
  'المصدر',
  'مصدر الخبر',
];
const ENDING = new RegExp(`^(?:${ENDING_CUES.join('|')})\\s*(?:$|[:：\\-–—|])`, 'u');
/** Markers that stand for one thing: the line alone goes. */
const ONE_LINE: readonly { readonly marker: RegExp; readonly what: string }[] = [
  { marker: /^\[ad_\d+\]$/u, what: 'an ad marker' },
  { marker: /^اعلان$/u, what: 'an ad label' },
  { marker: /pic\.twitter\.com\//u, what: 'an embedded tweet' },
];

/** Per library: its statements, prepared once. */
const prepared = new WeakMap<Db, { text: (id: string) => string | undefined; counts: LineCounts }>();

function preparedFor(db: Db) {
  let found = prepared.get(db);
  if (!found) {
    const text = db.prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck();
    prepared.set(db, (found = { text: (id) => text.get(id), counts: new LineCounts(db) }));
  }
  return found;
}

/**
 * The stretches of the document proposed as out of scope, in text order, less `known` (what the
 * layer already left out, and what it turned down). Exported for suggestions (`hamish suggest`).
 */
export function proposeScope(db: Db, documentId: string, known: readonly Range[] = []): ScopeProposal[] {
  const { text: textOf, counts: counter } = preparedFor(db);
  const text = textOf(documentId);
  if (text === undefined) return [];
  const index = new CodePointIndex(text);
  const lines = linesOf(text);
  const counts = counter.of(lines.filter((line) => line.short).map((line) => line.key));
  const found: { range: Range; why: string }[] = [];
  const earlier = new Set<string>();
  for (const line of lines) {
    const shown = `«${text.slice(line.start, line.end).trim().slice(0, 40)}»`;
    if (ENDING.test(line.key)) {
      found.push({ range: [line.start, text.length], why: `${shown} and what follows it: the article ends there` });
      break;
    }
    const marker = ONE_LINE.find(({ marker }) => marker.test(line.key));
    if (marker) {
      found.push({ range: [line.start, line.next], why: `${shown}: ${marker.what}` });
      continue;
    }
    if (line.short && earlier.has(line.key)) {
      found.push({ range: [line.start, line.next], why: `${shown} repeats a line above it` });
      continue;
    }
    earlier.add(line.key);
    const seen = counts.get(line.key) ?? 0;
    if (seen >= 2 && line.short) {
      found.push({ range: [line.start, line.next], why: `${shown} recurs in ${seen} documents` });
    }
  }
  const ranges = union(found.map(({ range }) => [index.toCodePoint(range[0]), index.toCodePoint(range[1])] as const));
  return subtract(ranges, known)
    .filter(([start, end]) => /[\p{L}\p{N}]/u.test(index.slice(start, end)))
    .map(([start, end]) => ({ start, end, why: reasons(found, index, start, end) }));
}

/** The reasons behind the proposals a merged stretch holds, the first two said. */
function reasons(found: readonly { range: Range; why: string }[], index: CodePointIndex, start: number, end: number): string {
  const inside = found.filter(({ range }) => index.toCodePoint(range[0]) < end && start < index.toCodePoint(range[1])).map(({ why }) => why);
  return inside.length <= 2 ? inside.join('; ') : `${inside.slice(0, 2).join('; ')}; and ${inside.length - 2} more lines`;
}
