/** The benches' long and news-length articles, made from the seed articles, and their nested spans (bench:editor, bench:open). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../../electron/core/paths.ts';

export const TARGET_LENGTH = 200_000;
export const CLAIMS = 500;
const ENTITIES_PER_CLAIM = 3;

/** The seeds one after another until `length` characters, cut after a word. */
export function longArticle(length = TARGET_LENGTH): string {
  const seeds = readdirSync(seedsDir)
    .sort()
    .map((name) => readFileSync(join(seedsDir, name), 'utf8').trim());
  const parts: string[] = [];
  for (let made = 0; made < length; ) {
    const next = seeds[parts.length % seeds.length]!;
    parts.push(next);
    made += next.length + 2;
  }
  return parts.join('\n\n').slice(0, length).replace(/\s+\S*$/, '');
}

/** A news-length article: the long one's first 5,000 characters, cut after a word. */
export function newsArticle(long: string): string {
  return long.slice(0, 5_000).replace(/\s+\S*$/, '');
}
/** Claims on a news-length article: 12 claims of 3 entities each. */
export const NEWS_CLAIMS = 12;

/** Claims over runs of 12 words spread through the text, each holding three one-word entities. */
export function nestedSpans(text: string, claims = CLAIMS): { start: number; end: number; label: 'claim' | 'actor' | 'location' | 'date' }[] {
  const words = [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const stride = Math.floor(words.length / claims);
  const spans = [];
  for (let c = 0; c < claims; c++) {
    const first = c * stride;
    const claimWords = words.slice(first, first + 12);
    spans.push({ start: claimWords[0]!.start, end: claimWords.at(-1)!.end, label: 'claim' as const });
    const entityLabels = ['actor', 'location', 'date'] as const;
    for (let e = 0; e < ENTITIES_PER_CLAIM; e++) {
      const word = claimWords[2 + e * 3]!;
      spans.push({ start: word.start, end: word.end, label: entityLabels[e]! });
    }
  }
  return spans; // the seeds hold no characters beyond the BMP, so UTF-16 offsets are code points
}
