/**
 * Chance-corrected agreement on items every rater judged in or out (here: tokens, in a label or
 * not). Each measure is null where it is undefined: when chance alone would already agree on
 * everything (expected agreement 1, e.g. nobody put any token in), never NaN.
 */

/** How two raters judged the same items. */
export interface PairTable {
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
}

export const emptyTable = (): PairTable => ({ both: 0, onlyFirst: 0, onlySecond: 0, neither: 0 });

export function addTable(into: PairTable, table: PairTable): void {
  into.both += table.both;
  into.onlyFirst += table.onlyFirst;
  into.onlySecond += table.onlySecond;
  into.neither += table.neither;
}

/** Cohen's kappa (1960): (observed − expected) ⁄ (1 − expected), each rater with their own rates. */
export function cohenKappa({ both, onlyFirst, onlySecond, neither }: PairTable): number | null {
  const n = both + onlyFirst + onlySecond + neither;
  if (n === 0) return null;
  const observed = (both + neither) / n;
  const first = (both + onlyFirst) / n;
  const second = (both + onlySecond) / n;
  const expected = first * second + (1 - first) * (1 - second);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/**
 * `histogram[k]`: how many items exactly k of the R = histogram.length − 1 raters put in. Every
 * rater judged every item, so this is all Fleiss' kappa and nominal alpha need.
 */
export type Histogram = number[];

export const emptyHistogram = (raters: number): Histogram => new Array<number>(raters + 1).fill(0);

export function addHistogram(into: Histogram, histogram: Histogram): void {
  histogram.forEach((count, k) => (into[k]! += count));
}

/** A pair's table as a histogram: for kappa's multi-rater cousins over two raters. */
export function histogramOf({ both, onlyFirst, onlySecond, neither }: PairTable): Histogram {
  return [neither, onlyFirst + onlySecond, both];
}

function totals(histogram: Histogram) {
  const R = histogram.length - 1;
  let items = 0;
  let ins = 0;
  histogram.forEach((count, k) => {
    items += count;
    ins += k * count;
  });
  return { R, items, ins, values: items * R };
}

/** Fleiss' kappa (1971), Scott's pi for many raters ("multi-π"); with two raters, Scott's pi. */
export function fleissKappa(histogram: Histogram): number | null {
  const { R, items, ins, values } = totals(histogram);
  if (items === 0 || R < 2) return null;
  let agreeing = 0;
  histogram.forEach((count, k) => (agreeing += count * (k * (k - 1) + (R - k) * (R - k - 1))));
  const observed = agreeing / (items * R * (R - 1));
  const p = ins / values;
  const expected = p * p + (1 - p) * (1 - p);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/** Krippendorff's alpha (1980), nominal, no missing values: 1 − (n − 1)·o(in,out) ⁄ (n_in·n_out). */
export function nominalAlpha(histogram: Histogram): number | null {
  const { R, ins, values } = totals(histogram);
  const outs = values - ins;
  if (R < 2 || ins === 0 || outs === 0) return null;
  let coincidences = 0;
  histogram.forEach((count, k) => (coincidences += (count * k * (R - k)) / (R - 1)));
  return 1 - ((values - 1) * coincidences) / (ins * outs);
}

/**
 * Cohen's kappa over categories: `matrix[i][j]` counts the items the first rater put in category
 * i and the second in j. With two categories it is cohenKappa.
 */
export function cohenKappaNominal(matrix: readonly (readonly number[])[]): number | null {
  const n = matrix.reduce((sum, row) => sum + row.reduce((s, v) => s + v, 0), 0);
  if (n === 0) return null;
  let observed = 0;
  let expected = 0;
  matrix.forEach((row, i) => {
    observed += row[i]! / n;
    const first = row.reduce((s, v) => s + v, 0) / n;
    const second = matrix.reduce((s, r) => s + r[i]!, 0) / n;
    expected += first * second;
  });
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/**
 * Fleiss' kappa over categories: `items[i][k]` is how many of the R raters put item i in category
 * k, every item judged by all R. With two categories it is fleissKappa.
 */
export function fleissKappaNominal(items: readonly (readonly number[])[]): number | null {
  const R = items[0]?.reduce((s, v) => s + v, 0) ?? 0;
  if (items.length === 0 || R < 2) return null;
  const categories = items[0]!.length;
  const shares = new Array<number>(categories).fill(0);
  let agreeing = 0;
  for (const item of items) {
    item.forEach((count, k) => {
      agreeing += count * (count - 1);
      shares[k]! += count;
    });
  }
  const observed = agreeing / (items.length * R * (R - 1));
  const expected = shares.reduce((s, count) => s + (count / (items.length * R)) ** 2, 0);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}
