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
  AgreementDisagreements,
  AgreementLabel,
  AgreementReport,
  AgreementSection,
  AgreementSummary,
  OverallScores,
  PairScores,
} from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
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
import { alphaOf, Continuum, mergeOverlaps, pairsOf, pooledAlpha, type Pair, type Extent, type Unitizing } from './unitizing.ts';

/** Offsets in code points, half-open. */
export interface AgreementSpan {
  readonly annotator: string;
  readonly label: Label;
  readonly start: number;
  readonly end: number;
}

export interface AgreementDocument extends AgreementSource {
  readonly text: string;
}

export interface Matches {
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
function tokenRatings(units: readonly (readonly Extent[])[], tokens: readonly Token[], index: CodePointIndex): Uint8Array[] {
  return units.map((spans) => {
    const inside = new Uint8Array(tokens.length);
    for (const span of spans) {
      const { first, last } = tokensOverlapping(tokens, index.toUtf16(span.start), index.toUtf16(span.end));
      inside.fill(1, first, last);
    }
    return inside;
  });
}

function countLabel(units: readonly (readonly Extent[])[], ratings: readonly Uint8Array[], pairs: readonly Pair[]): Counts {
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

export function spanScores({ matched, first, second }: Matches) {
  return {
    matched,
    first,
    second,
    precision: first === 0 ? null : matched / first,
    recall: second === 0 ? null : matched / second,
    f1: first + second === 0 ? null : (2 * matched) / (first + second),
  };
}

export function mean(values: readonly (number | null)[]): number | null {
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

/** A span not every annotator made, with who made it (rater indices, ascending). */
interface Unmade {
  readonly label: Label;
  readonly start: number;
  readonly end: number;
  readonly by: readonly number[];
}

/** Each label's spans by each rater (label, then rater), leaving out other annotators and labels. */
function unitsOf(document: AgreementSource, rater: ReadonlyMap<string, number>, labelIndex: ReadonlyMap<Label, number>): Extent[][][] {
  const units: Extent[][][] = [...labelIndex.keys()].map(() => [...rater.keys()].map(() => []));
  for (const span of document.spans) {
    const r = rater.get(span.annotator);
    const l = labelIndex.get(span.label);
    if (r !== undefined && l !== undefined) units[l]![r]!.push(span);
  }
  return units;
}

/** The spans of one document that not every annotator made, in reading order. */
function unmadeIn(units: readonly (readonly (readonly Extent[])[])[], labels: readonly Label[], raters: number): Unmade[] {
  const found: Unmade[] = [];
  labels.forEach((label, l) => {
    const holders = new Map<string, { start: number; end: number; by: number[] }>();
    units[l]!.forEach((spans, r) => {
      for (const { start, end } of spans) {
        const key = `${start}:${end}`;
        const entry = holders.get(key);
        if (entry === undefined) holders.set(key, { start, end, by: [r] });
        else if (entry.by.at(-1) !== r) entry.by.push(r);
      }
    });
    for (const entry of holders.values()) if (entry.by.length < raters) found.push({ label, ...entry });
  });
  return found.sort((x, y) => x.start - y.start || y.end - x.end || labels.indexOf(x.label) - labels.indexOf(y.label));
}

/** Whether one of the pair made the span and the other did not. */
const splits = ({ by }: Unmade, [a, b]: Pair) => by.includes(a) !== by.includes(b);

/**
 * The names behind a disagreement's raters. The arrays are shared between disagreements with the
 * same annotators (a few hundred thousand of them hold only 2^R different pairs of lists).
 */
function whoMade(names: readonly string[]): (by: readonly number[]) => { by: string[]; missing: string[] } {
  const known = new Map<string, { by: string[]; missing: string[] }>();
  return (by) => {
    const key = by.join(',');
    let who = known.get(key);
    if (who === undefined) {
      who = { by: by.map((r) => names[r]!), missing: names.filter((_, r) => !by.includes(r)) };
      known.set(key, who);
    }
    return who;
  };
}

/** A disagreement as the contract gives it, its text cut from the document. */
function disagreementOf(document: string, { label, start, end, by }: Unmade, index: CodePointIndex, who: ReturnType<typeof whoMade>): AgreementDisagreement {
  return { document, label, start, end, text: index.slice(start, end), ...who(by) };
}

/** What one document adds to the report. */
interface Measured {
  readonly units: readonly (readonly (readonly Extent[])[])[];
  readonly counts: readonly Counts[];
  readonly unitizing: readonly Unitizing[];
  readonly unmade: readonly Unmade[];
  readonly index: CodePointIndex;
}

/**
 * Measures the documents one after another, handing each document's measures to `each`, and
 * returns the corpus section. Only the sums are kept, so a library need not be held at once.
 */
function measureDocuments(
  documents: Iterable<AgreementDocument>,
  annotators: readonly string[],
  labels: readonly Label[],
  each: (document: AgreementDocument, measured: Measured) => void,
): AgreementSection {
  const pairs = pairsOf(annotators.length);
  const rater = new Map(annotators.map((name, r) => [name, r]));
  const labelIndex = new Map(labels.map((label, l) => [label, l]));
  const corpusCounts = labels.map(() => emptyCounts(pairs.length, annotators.length));
  const corpusUnitizing = labels.map(() => new Continuum(annotators.length, pairs));

  for (const document of documents) {
    const index = new CodePointIndex(document.text);
    const tokens = tokenize(document.text);
    const units = unitsOf(document, rater, labelIndex);
    const counts = units.map((byRater) => countLabel(byRater, tokenRatings(byRater, tokens, index), pairs));
    const unitizing = units.map((byRater, l) => {
      const merged = byRater.map(mergeOverlaps);
      const continuum = new Continuum(annotators.length, pairs);
      continuum.append(merged, index.length);
      corpusUnitizing[l]!.append(merged, index.length);
      return continuum.disagreements();
    });
    counts.forEach((c, l) => addCounts(corpusCounts[l]!, c));
    each(document, { units, counts, unitizing, unmade: unmadeIn(units, labels, annotators.length), index });
  }
  return section(labels, annotators, pairs, corpusCounts, corpusUnitizing.map((c) => c.disagreements()));
}

/** Who and what was measured, as the report and the summary both begin. */
function heading(annotators: readonly string[], labels: readonly Label[], pairs: readonly Pair[]) {
  return { annotators: [...annotators], labels: [...labels], pairs: pairs.map(([a, b]): [string, string] => [annotators[a]!, annotators[b]!]) };
}

/**
 * The report for `annotators` (two or more) over `documents`, for `labels`. Spans by other
 * annotators or of other labels are left out.
 */
export function computeAgreement(
  documents: Iterable<AgreementDocument>,
  annotators: readonly string[],
  labels: readonly Label[],
): Omit<AgreementReport, 'cards'> {
  const pairs = pairsOf(annotators.length);
  const who = whoMade(annotators);
  const sections: AgreementReport['documents'] = [];
  const disagreements: AgreementDisagreement[] = [];
  const corpus = measureDocuments(documents, annotators, labels, (document, { counts, unitizing, unmade, index }) => {
    sections.push({ id: document.id, ...section(labels, annotators, pairs, counts, unitizing) });
    for (const u of unmade) disagreements.push(disagreementOf(document.id, u, index, who));
  });
  return { ...heading(annotators, labels, pairs), corpus, documents: sections, disagreements };
}

/**
 * What the Agreement panel opens with: the corpus scores, who tagged which documents, and how many
 * disagreements are behind each number; the disagreements themselves come a page at a time.
 */
export function summarizeAgreement(
  documents: Iterable<AgreementDocument>,
  annotators: readonly string[],
  labels: readonly Label[],
): Omit<AgreementSummary, 'cards'> {
  const pairs = pairsOf(annotators.length);
  const tagged = annotators.map(() => 0);
  const common: string[] = [];
  let measured = 0;
  // Per label, then all labels; per pair.
  const behind = [...labels, 'all'].map(() => pairs.map(() => 0));
  const corpus = measureDocuments(documents, annotators, labels, (document, { units, unmade }) => {
    measured++;
    const marked = annotators.map((_, r) => units.some((byRater) => byRater[r]!.length > 0));
    marked.forEach((m, r) => m && tagged[r]!++);
    if (marked.every(Boolean)) common.push(document.id);
    for (const u of unmade) {
      const l = labels.indexOf(u.label);
      pairs.forEach((pair, p) => {
        if (!splits(u, pair)) return;
        behind[l]![p]!++;
        behind[labels.length]![p]!++;
      });
    }
  });
  return {
    ...heading(annotators, labels, pairs),
    corpus,
    documents: measured,
    tagged,
    common,
    disagreements: behind.map((counts, l) => ({ label: labels[l] ?? 'all', pairs: counts })),
  };
}

/** A document's spans, its text read only when a disagreement in it is shown. */
export interface AgreementSource {
  readonly id: string;
  readonly spans: readonly AgreementSpan[];
}

export interface DisagreementChoice {
  readonly label: AgreementLabel;
  /** Two of the annotators. */
  readonly pair: readonly [string, string];
  readonly offset: number;
  readonly limit: number;
}

/**
 * The disagreements behind one number of the panel (a label, or all, and a pair: the spans one of
 * the two made and the other did not), `limit` of them from `offset`, with how many there are.
 */
export function disagreementPage(
  documents: Iterable<AgreementSource>,
  textOf: (id: string) => string,
  annotators: readonly string[],
  labels: readonly Label[],
  { label, pair: [first, second], offset, limit }: DisagreementChoice,
): AgreementDisagreements {
  const rater = new Map(annotators.map((name, r) => [name, r]));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const pair = [rater.get(first), rater.get(second)] as const;
  if (pair[0] === undefined || pair[1] === undefined || first === second) {
    throw new HamishError('invalid_input', `agreementDisagreements: pair: two of the annotators measured (${annotators.join(', ')})`);
  }
  const who = whoMade(annotators);
  const page: AgreementDisagreement[] = [];
  let total = 0;
  for (const document of documents) {
    let index: CodePointIndex | undefined;
    for (const u of unmadeIn(unitsOf(document, rater, labelIndex), labels, annotators.length)) {
      if ((label !== 'all' && u.label !== label) || !splits(u, [pair[0], pair[1]])) continue;
      if (total >= offset && page.length < limit) {
        index ??= new CodePointIndex(textOf(document.id));
        page.push(disagreementOf(document.id, u, index, who));
      }
      total++;
    }
  }
  return { total, disagreements: page };
}
