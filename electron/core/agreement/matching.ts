/**
 * Span matches between two raters' spans of one label in one document. Both are counts of
 * one-to-one pairs, so neither storage order nor a span overlapping several others changes them.
 */
import type { Extent } from './unitizing.ts';

/** Spans with the same start and end (the label is the same by construction). */
export function exactMatches(first: readonly Extent[], second: readonly Extent[]): number {
  const ranges = new Set(first.map((u) => `${u.start}:${u.end}`));
  let matched = 0;
  for (const u of second) if (ranges.has(`${u.start}:${u.end}`)) matched++;
  return matched;
}

const overlaps = (a: Extent, b: Extent) => a.start < b.end && b.start < a.end;

/**
 * The most pairs of overlapping spans that can be made with each span in at most one pair: a
 * maximum bipartite matching (Kuhn's augmenting paths). Greedy pairing undercounts: with
 * first = [0,10), [10,12) and second = [8,11), [0,2), pairing [0,10) with [8,11) first strands
 * [10,12), though both can be paired.
 */
export function partialMatches(first: readonly Extent[], second: readonly Extent[]): number {
  const neighbours = first.map((a) => second.flatMap((b, j) => (overlaps(a, b) ? [j] : [])));
  const partnerOf = new Array<number>(second.length).fill(-1);
  let matched = 0;
  for (let i = 0; i < first.length; i++) {
    if (augment(i, neighbours, partnerOf, new Uint8Array(second.length))) matched++;
  }
  return matched;
}

function augment(i: number, neighbours: readonly number[][], partnerOf: number[], seen: Uint8Array): boolean {
  for (const j of neighbours[i]!) {
    if (seen[j]) continue;
    seen[j] = 1;
    if (partnerOf[j] === -1 || augment(partnerOf[j]!, neighbours, partnerOf, seen)) {
      partnerOf[j] = i;
      return true;
    }
  }
  return false;
}
