/**
 * The agreement report: every measure for each pair of annotators and overall, per label and for
 * all labels, per document and for the corpus, and the spans behind the disagreements. Plain
 * functions over span lists; load.ts reads them from the library.
 *
 * Pooling for the corpus: span matches and token tables are summed over documents; αU sees the
 * documents one after another as one continuum of code points. "All labels" sums matches and
 * token tables over the labels (each token is judged once per label, so a claim holding an actor
 * counts for both), and pools αU over the labels as DKPro does.
 */
import type {
  AgreementDisagreement,
  AgreementLabel,
  AgreementReport,
  AgreementSection,
  OverallScores,
  PairScores,
} from '../../contract/contract.ts';
import type { Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import { tokenize, tokensOverlapping, type Token } from '../../text/tokens.ts';
import {
  addHistogram,
  addTable,
  cohenKappa,
  emptyHistogram,
  emptyTable,
  fleissKappa,
  histogramOf,
  nominalAlpha,
  type Histogram,
  type PairTable,
} from './coding.ts';
import { exactMatches, partialMatches } from './matching.ts';
import { alphaOf, mergeOverlaps, pooledAlpha, unitizingDisagreement, type Disagreement, type Unit } from './unitizing.ts';

/** Offsets in code points, half-open. */
export interface AgreementSpan {
  readonly annotator: string;
  readonly label: Label;
  readonly start: number;
  readonly end: number;
}

export interface AgreementDocument {
  readonly id: string;
  readonly text: string;
  readonly spans: readonly AgreementSpan[];
}

interface Matches {
  matched: number;
  first: number;
  second: number;
}

/** What adds up over documents and labels, for one label in one scope. */
interface Counts {
  /** Per pair, in pair order. */
  readonly exact: Matches[];
  readonly partial: Matches[];
  readonly tables: PairTable[];
  readonly histogram: Histogram;
}

/** αU's disagreements for one label in one scope: per pair, and among all annotators. */
interface Unitizing {
  readonly pairs: Disagreement[];
  readonly all: Disagreement;
}

type Pair = readonly [number, number];

function pairsOf(raters: number): Pair[] {
  const pairs: Pair[] = [];
  for (let a = 0; a < raters; a++) for (let b = a + 1; b < raters; b++) pairs.push([a, b]);
  return pairs;
}

const emptyCounts = (pairs: number, raters: number): Counts => ({
  exact: Array.from({ length: pairs }, () => ({ matched: 0, first: 0, second: 0 })),
  partial: Array.from({ length: pairs }, () => ({ matched: 0, first: 0, second: 0 })),
  tables: Array.from({ length: pairs }, emptyTable),
  histogram: emptyHistogram(raters),
});

function addCounts(into: Counts, counts: Counts): void {
  counts.exact.forEach((m, p) => addMatches(into.exact[p]!, m));
  counts.partial.forEach((m, p) => addMatches(into.partial[p]!, m));
  counts.tables.forEach((t, p) => addTable(into.tables[p]!, t));
  addHistogram(into.histogram, counts.histogram);
}

function addMatches(into: Matches, m: Matches): void {
  into.matched += m.matched;
  into.first += m.first;
  into.second += m.second;
}

/** Which tokens each rater put in the label: a token is in when a span of the label overlaps it. */
function tokenRatings(units: readonly (readonly Unit[])[], tokens: readonly Token[], index: CodePointIndex): Uint8Array[] {
  return units.map((spans) => {
    const inside = new Uint8Array(tokens.length);
    for (const span of spans) {
      const { first, last } = tokensOverlapping(tokens, index.toUtf16(span.start), index.toUtf16(span.end));
      inside.fill(1, first, last);
    }
    return inside;
  });
}

function countLabel(units: readonly (readonly Unit[])[], ratings: readonly Uint8Array[], pairs: readonly Pair[]): Counts {
  const counts = emptyCounts(pairs.length, units.length);
  pairs.forEach(([a, b], p) => {
    const first = units[a]!;
    const second = units[b]!;
    counts.exact[p] = { matched: exactMatches(first, second), first: first.length, second: second.length };
    counts.partial[p] = { matched: partialMatches(first, second), first: first.length, second: second.length };
    const x = ratings[a]!;
    const y = ratings[b]!;
    const table = counts.tables[p]!;
    for (let k = 0; k < x.length; k++) {
      if (x[k]) y[k] ? table.both++ : table.onlyFirst++;
      else y[k] ? table.onlySecond++ : table.neither++;
    }
  });
  const tokens = ratings[0]?.length ?? 0;
  for (let k = 0; k < tokens; k++) {
    let ins = 0;
    for (const r of ratings) ins += r[k]!;
    counts.histogram[ins]!++;
  }
  return counts;
}

function unitizingOf(merged: readonly (readonly Unit[])[], length: number, pairs: readonly Pair[]): Unitizing {
  return {
    pairs: pairs.map(([a, b]) => unitizingDisagreement([merged[a]!, merged[b]!], length)),
    all: unitizingDisagreement(merged, length),
  };
}

function spanScores({ matched, first, second }: Matches) {
  return {
    matched,
    first,
    second,
    precision: first === 0 ? null : matched / first,
    recall: second === 0 ? null : matched / second,
    f1: first + second === 0 ? null : (2 * matched) / (first + second),
  };
}

function mean(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((s, v) => s + v, 0) / defined.length;
}

interface RowInput {
  readonly counts: Counts;
  readonly alphaU: { readonly pairs: (number | null)[]; readonly all: number | null };
}

function row(label: AgreementLabel, names: readonly string[], pairs: readonly Pair[], { counts, alphaU }: RowInput) {
  const pairScores: PairScores[] = pairs.map(([a, b], p) => ({
    annotators: [names[a]!, names[b]!],
    exact: spanScores(counts.exact[p]!),
    partial: spanScores(counts.partial[p]!),
    kappa: cohenKappa(counts.tables[p]!),
    alpha: nominalAlpha(histogramOf(counts.tables[p]!)),
    alphaU: alphaU.pairs[p]!,
  }));
  const overall: OverallScores = {
    mean: {
      exactF1: mean(pairScores.map((s) => s.exact.f1)),
      partialF1: mean(pairScores.map((s) => s.partial.f1)),
      kappa: mean(pairScores.map((s) => s.kappa)),
      alpha: mean(pairScores.map((s) => s.alpha)),
      alphaU: mean(pairScores.map((s) => s.alphaU)),
    },
    fleissKappa: fleissKappa(counts.histogram),
    alpha: nominalAlpha(counts.histogram),
    alphaU: alphaU.all,
  };
  return { label, pairs: pairScores, overall };
}

/** One scope's rows: each label, then all of them. */
function section(labels: readonly Label[], names: readonly string[], pairs: readonly Pair[], counts: readonly Counts[], unitizing: readonly Unitizing[]): AgreementSection {
  const rows = labels.map((label, l) =>
    row(label, names, pairs, {
      counts: counts[l]!,
      alphaU: { pairs: unitizing[l]!.pairs.map(alphaOf), all: alphaOf(unitizing[l]!.all) },
    }),
  );
  const total = emptyCounts(pairs.length, names.length);
  for (const c of counts) addCounts(total, c);
  const all = row('all', names, pairs, {
    counts: total,
    alphaU: {
      pairs: pairs.map((_, p) => pooledAlpha(unitizing.map((u) => u.pairs[p]!))),
      all: pooledAlpha(unitizing.map((u) => u.all)),
    },
  });
  return { labels: [...rows, all] };
}

/** The spans of one document that not every annotator made, in reading order. */
function disagreementsIn(
  document: AgreementDocument,
  index: CodePointIndex,
  labels: readonly Label[],
  names: readonly string[],
  units: readonly (readonly (readonly Unit[])[])[],
): AgreementDisagreement[] {
  const found: AgreementDisagreement[] = [];
  labels.forEach((label, l) => {
    const holders = new Map<string, { start: number; end: number; by: Set<number> }>();
    units[l]!.forEach((spans, r) => {
      for (const { start, end } of spans) {
        const key = `${start}:${end}`;
        const entry = holders.get(key) ?? { start, end, by: new Set<number>() };
        entry.by.add(r);
        holders.set(key, entry);
      }
    });
    for (const { start, end, by } of holders.values()) {
      if (by.size === names.length) continue;
      found.push({
        document: document.id,
        label,
        start,
        end,
        text: index.slice(start, end),
        by: names.filter((_, r) => by.has(r)),
        missing: names.filter((_, r) => !by.has(r)),
      });
    }
  });
  return found.sort((x, y) => x.start - y.start || y.end - x.end || labels.indexOf(x.label) - labels.indexOf(y.label));
}

/**
 * The report for `annotators` (two or more) over `documents`, for `labels`. Spans by other
 * annotators or of other labels are left out.
 */
export function computeAgreement(documents: readonly AgreementDocument[], annotators: readonly string[], labels: readonly Label[]): AgreementReport {
  const pairs = pairsOf(annotators.length);
  const rater = new Map(annotators.map((name, r) => [name, r]));
  const labelIndex = new Map(labels.map((label, l) => [label, l]));
  const corpusCounts = labels.map(() => emptyCounts(pairs.length, annotators.length));
  const corpusUnits: Unit[][][] = labels.map(() => annotators.map(() => []));
  let corpusLength = 0;
  const sections: AgreementReport['documents'] = [];
  const disagreements: AgreementDisagreement[] = [];

  for (const document of documents) {
    const index = new CodePointIndex(document.text);
    const tokens = tokenize(document.text);
    const units: Unit[][][] = labels.map(() => annotators.map(() => []));
    for (const span of document.spans) {
      const r = rater.get(span.annotator);
      const l = labelIndex.get(span.label);
      if (r !== undefined && l !== undefined) units[l]![r]!.push({ start: span.start, end: span.end });
    }
    const counts = units.map((byRater) => countLabel(byRater, tokenRatings(byRater, tokens, index), pairs));
    const merged = units.map((byRater) => byRater.map(mergeOverlaps));
    const unitizing = merged.map((byRater) => unitizingOf(byRater, index.length, pairs));
    sections.push({ id: document.id, ...section(labels, annotators, pairs, counts, unitizing) });
    disagreements.push(...disagreementsIn(document, index, labels, annotators, units));

    counts.forEach((c, l) => addCounts(corpusCounts[l]!, c));
    merged.forEach((byRater, l) =>
      byRater.forEach((spans, r) => {
        const into = corpusUnits[l]![r]!;
        for (const { start, end } of spans) into.push({ start: corpusLength + start, end: corpusLength + end });
      }),
    );
    corpusLength += index.length;
  }

  const corpusUnitizing = corpusUnits.map((byRater) => unitizingOf(byRater, corpusLength, pairs));
  return {
    annotators: [...annotators],
    labels: [...labels],
    pairs: pairs.map(([a, b]) => [annotators[a]!, annotators[b]!]),
    corpus: section(labels, annotators, pairs, corpusCounts, corpusUnitizing),
    documents: sections,
    disagreements,
  };
}
