/**
 * A document with what was left out of the article taken out of it: the text that remains, joined,
 * and the spans moved onto it. Agreement measures on this, so that boilerplate counts neither as
 * text both annotators left untagged nor, where only one left it out, as a span disagreement.
 */
import { CodePointIndex } from '../../text/codepoints.ts';
import { overlapping, subtract, union, type Range } from './ranges.ts';

export function withoutOutOfScope<S extends { readonly start: number; readonly end: number }>(
  text: string,
  spans: readonly S[],
  out: readonly Range[],
): { text: string; spans: S[] } {
  if (out.length === 0) return { text, spans: [...spans] };
  const index = new CodePointIndex(text);
  const cut = union(out);
  const kept = subtract([[0, index.length]], cut);
  /** Code points left out before `at` (which lies in scope). */
  const before = (at: number) => cut.reduce((sum, [start, end]) => (end <= at ? sum + end - start : sum), 0);
  return {
    text: kept.map(([start, end]) => index.slice(start, end)).join(''),
    spans: spans
      .filter((span) => overlapping(cut, span.start, span.end) === undefined)
      .map((span) => {
        const shift = before(span.start);
        return { ...span, start: span.start - shift, end: span.end - shift };
      }),
  };
}
