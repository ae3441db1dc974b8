/**
 * Stretches of a document's text as scope keeps them: half-open [start, end) in code points, like
 * spans. A layer's out-of-scope ranges are kept sorted, disjoint and not touching, so that one
 * stretch marked in two goes is one range, and bringing part of it back splits it.
 */
export type Range = readonly [start: number, end: number];

/** The ranges merged: sorted, overlapping and touching ones made one. */
export function union(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** What of `ranges` lies outside every range of `cut` (both merged first). */
export function subtract(ranges: readonly Range[], cut: readonly Range[]): Range[] {
  const cuts = union(cut);
  const left: Range[] = [];
  for (const [start, end] of union(ranges)) {
    let at = start;
    for (const [cs, ce] of cuts) {
      if (ce <= at || cs >= end) continue;
      if (cs > at) left.push([at, cs]);
      at = Math.max(at, ce);
    }
    if (at < end) left.push([at, end]);
  }
  return left;
}

/** The first of the ranges that [start, end) overlaps, if any. */
export function overlapping(ranges: readonly Range[], start: number, end: number): Range | undefined {
  return ranges.find(([s, e]) => s < end && start < e);
}

/**
 * Whether [start, end) lies wholly in scope, given the out-of-scope ranges: what suggestions and
 * propagation ask before offering a span (the core refuses a span that is not).
 */
export function inScope(out: readonly Range[], start: number, end: number): boolean {
  return overlapping(out, start, end) === undefined;
}
