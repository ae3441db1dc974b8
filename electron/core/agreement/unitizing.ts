/**
 * Krippendorff's unitizing alpha (αU) for one category, as DKPro Agreement computes it
 * (KrippendorffAlphaUnitizingAgreement, after Krippendorff 1995 and 2004): every rater cuts the
 * continuum [0, length) into units of the category and the gaps between them; observed
 * disagreement sums, over each pair of raters and each pair of their segments that overlap,
 *   a unit against a unit:               (start difference)² + (end difference)²
 *   a unit against a gap that holds it:  (unit length)²
 *   anything else:                       0
 * and expected disagreement is what the same units and gaps give when placed at random.
 */

/** Half-open [start, end); one rater's units are sorted and do not overlap (see mergeOverlaps). */
export interface Unit {
  readonly start: number;
  readonly end: number;
}

export interface Disagreement {
  readonly observed: number;
  readonly expected: number;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly unit: boolean;
}

/**
 * A rater's units as αU needs them: sorted, and overlapping ones (a claim nested in a claim of the
 * same rater) merged into their union, since the measure lets a rater give a stretch of text the
 * category once. Units that only touch stay two.
 */
export function mergeOverlaps(units: readonly Unit[]): Unit[] {
  const sorted = [...units].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const { start, end } of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && start < last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** The rater's cut of [0, length): units and the gaps between them, in order. */
function segments(units: readonly Unit[], length: number): Segment[] {
  const cut: Segment[] = [];
  let at = 0;
  for (const { start, end } of units) {
    if (start > at) cut.push({ start: at, end: start, unit: false });
    cut.push({ start, end, unit: true });
    at = end;
  }
  if (at < length) cut.push({ start: at, end: length, unit: false });
  return cut;
}

function distance(a: Segment, b: Segment): number {
  if (a.unit && b.unit) return (a.start - b.start) ** 2 + (a.end - b.end) ** 2;
  if (a.unit && b.start <= a.start && a.end <= b.end) return (a.end - a.start) ** 2;
  if (b.unit && a.start <= b.start && b.end <= a.end) return (b.end - b.start) ** 2;
  return 0;
}

/** Σ δ over the overlapping segments of two raters' cuts of the same continuum. */
function pairDistance(a: readonly Segment[], b: readonly Segment[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    // Two units that do not overlap never meet here: segments are visited only while they overlap.
    if (x.unit || y.unit) sum += distance(x, y);
    if (x.end <= y.end) i++;
    if (y.end <= x.end) j++;
  }
  return sum;
}

/**
 * Observed and expected disagreement of `raters` (each a list of units as mergeOverlaps gives
 * them) over [0, length). Both are 0 when nobody marked anything.
 */
export function unitizingDisagreement(raters: readonly (readonly Unit[])[], length: number): Disagreement {
  const R = raters.length;
  const L = length;
  if (L === 0) return { observed: 0, expected: 0 };
  const cuts = raters.map((units) => segments(units, L));

  let observed = 0;
  for (let r = 0; r < R; r++) {
    for (let s = r + 1; s < R; s++) observed += pairDistance(cuts[r]!, cuts[s]!);
  }
  observed = (2 * observed) / (R * (R - 1) * L * L);

  const lengths = raters.flatMap((units) => units.map((u) => u.end - u.start));
  const gaps = cuts.flatMap((cut) => cut.filter((g) => !g.unit).map((g) => g.end - g.start)).sort((x, y) => x - y);
  // suffix[k]: the sum of gaps[k..], so that Σ over gaps g ≥ l of (g − l + 1) is one lookup.
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
  const N = lengths.length;
  let sum = 0;
  let squared = 0;
  for (const l of lengths) {
    const first = firstAtLeast(gaps, l);
    const fitting = suffix[first]! - (l - 1) * (gaps.length - first);
    sum += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fitting;
    squared += l * (l - 1);
  }
  const expected = N === 0 ? 0 : ((2 / L) * sum) / (R * L * (R * L - 1) - squared);
  return { observed, expected };
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** αU = 1 − observed ⁄ expected; null when nothing could be expected to disagree (no units). */
export function alphaOf({ observed, expected }: Disagreement): number | null {
  return expected === 0 ? null : 1 - observed / expected;
}

/**
 * αU over several categories, as DKPro's calculateAgreement: 1 − mean observed ⁄ mean expected,
 * over the categories that have units.
 */
export function pooledAlpha(categories: readonly Disagreement[]): number | null {
  const present = categories.filter((c) => c.expected !== 0);
  if (present.length === 0) return null;
  const observed = present.reduce((s, c) => s + c.observed, 0);
  const expected = present.reduce((s, c) => s + c.expected, 0);
  return 1 - observed / expected;
}
