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

/** A stretch one rater marked: half-open [start, end); one rater's units are sorted and do not overlap (see mergeOverlaps). */
export interface Extent {
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
export function mergeOverlaps(units: readonly Extent[]): Extent[] {
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
function segments(units: readonly Extent[], length: number): Segment[] {
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

/** A pair of raters, by their indices. */
export type Pair = readonly [number, number];

export function pairsOf(raters: number): Pair[] {
  const pairs: Pair[] = [];
  for (let a = 0; a < raters; a++) for (let b = a + 1; b < raters; b++) pairs.push([a, b]);
  return pairs;
}

/** αU's disagreements for one category: per pair of raters, and among all of them. */
export interface Unitizing {
  readonly pairs: Disagreement[];
  readonly all: Disagreement;
}

/**
 * One rater's cut of a continuum as expected disagreement needs it: the lengths of the units and of
 * the gaps. Stretches appended one after another make one continuum, so a gap at the end of one
 * document and one at the start of the next are a single gap.
 */
class Lengths {
  readonly units: number[] = [];
  readonly gaps: number[] = [];
  private open = 0;

  append(units: readonly Extent[], length: number): void {
    let at = 0;
    for (const { start, end } of units) {
      this.open += start - at;
      if (this.open > 0) this.gaps.push(this.open);
      this.open = 0;
      this.units.push(end - start);
      at = end;
    }
    this.open += length - at;
  }

  /** The gaps, the one still open at the end of the continuum included, sorted, with suffix sums. */
  sortedGaps(): Gaps {
    const sorted = Float64Array.from(this.open > 0 ? [...this.gaps, this.open] : this.gaps).sort();
    // suffix[k]: the sum of sorted[k..], so that Σ over gaps g ≥ l of (g − l + 1) is one lookup.
    const suffix = new Float64Array(sorted.length + 1);
    for (let k = sorted.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sorted[k]!;
    return { sorted, suffix };
  }
}

interface Gaps {
  readonly sorted: Float64Array;
  readonly suffix: Float64Array;
}

/** Σ over the gaps g ≥ l of (g − l + 1): the places a unit of length l fits in them. */
function fitting({ sorted, suffix }: Gaps, l: number): number {
  const first = firstAtLeast(sorted, l);
  return suffix[first]! - (l - 1) * (sorted.length - first);
}

/**
 * The raters' units of one category along a continuum of code points, built stretch after stretch
 * (a document, or the corpus document after document) without keeping the units themselves:
 * observed disagreement adds up over stretches (segments never cross a stretch's end, and a unit
 * held by a gap is held by its part within the stretch), expected disagreement needs only lengths.
 */
export class Continuum {
  private length = 0;
  private readonly raters: Lengths[];
  /** Σ δ per pair, before normalising. */
  private readonly observed: number[];
  private readonly pairs: readonly Pair[];

  constructor(raters: number, pairs: readonly Pair[]) {
    this.pairs = pairs;
    this.raters = Array.from({ length: raters }, () => new Lengths());
    this.observed = pairs.map(() => 0);
  }

  /** The raters' units (each as mergeOverlaps gives them) in the next `length` code points. */
  append(units: readonly (readonly Extent[])[], length: number): void {
    if (length === 0) return;
    const cuts = units.map((spans) => segments(spans, length));
    this.pairs.forEach(([a, b], p) => (this.observed[p]! += pairDistance(cuts[a]!, cuts[b]!)));
    units.forEach((spans, r) => this.raters[r]!.append(spans, length));
    this.length += length;
  }

  disagreements(): Unitizing {
    const gaps = this.raters.map((rater) => rater.sortedGaps());
    return {
      pairs: this.pairs.map(([a, b], p) => this.disagreement([a, b], gaps, this.observed[p]!)),
      all: this.disagreement(
        this.raters.map((_, r) => r),
        gaps,
        this.observed.reduce((s, o) => s + o, 0),
      ),
    };
  }

  /** Observed and expected disagreement among `raters`, whose pairs' Σ δ is `observedSum`. */
  private disagreement(raters: readonly number[], gaps: readonly Gaps[], observedSum: number): Disagreement {
    const R = raters.length;
    const L = this.length;
    if (L === 0) return { observed: 0, expected: 0 };
    const observed = (2 * observedSum) / (R * (R - 1) * L * L);
    let N = 0;
    for (const r of raters) N += this.raters[r]!.units.length;
    // Unit lengths repeat (a word, two words): each is looked up in the gaps once.
    const fitsOf = new Map<number, number>();
    let sum = 0;
    let squared = 0;
    for (const r of raters) {
      for (const l of this.raters[r]!.units) {
        let fits = fitsOf.get(l);
        if (fits === undefined) {
          fits = 0;
          for (const g of raters) fits += fitting(gaps[g]!, l);
          fitsOf.set(l, fits);
        }
        sum += ((N - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * fits;
        squared += l * (l - 1);
      }
    }
    const expected = N === 0 ? 0 : ((2 / L) * sum) / (R * L * (R * L - 1) - squared);
    return { observed, expected };
  }
}

/**
 * Observed and expected disagreement of `raters` (each a list of units as mergeOverlaps gives
 * them) over [0, length). Both are 0 when nobody marked anything.
 */
export function unitizingDisagreement(raters: readonly (readonly Extent[])[], length: number): Disagreement {
  const continuum = new Continuum(raters.length, pairsOf(raters.length));
  continuum.append(raters, length);
  return continuum.disagreements().all;
}

function firstAtLeast(sorted: Float64Array, value: number): number {
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
