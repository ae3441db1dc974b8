/**
 * Agreement on claim cards, pooled over the documents: exact F1 of role links per role and for all
 * roles, via-chain order, and the stance (Cohen's kappa per pair over the claims both marked,
 * Fleiss' over those all marked). Plain functions over card lists; load.ts reads them.
 */
import { ROLES, STANCES, type Role, type Stance } from '../../contract/claims.ts';
import type { CardAgreement } from '../../contract/contract.ts';
import { cohenKappaNominal, fleissKappaNominal } from './coding.ts';
import { mean, spanScores, type Matches } from './report.ts';
import { pairsOf, type Pair } from './unitizing.ts';

/** A card as agreement needs it: offsets only, in code points. */
export interface AgreementCard {
  readonly annotator: string;
  readonly start: number;
  readonly end: number;
  readonly stance: Stance;
  /** Within a role, in the card's order. */
  readonly roles: readonly { readonly role: Role; readonly start: number; readonly end: number }[];
}

/** One document's claims (every annotator's claim spans, carded or not) and cards. */
export interface CardSource {
  readonly claims: readonly { readonly annotator: string; readonly start: number; readonly end: number }[];
  readonly cards: readonly AgreementCard[];
}

const DEFAULT_STANCE: Stance = 'asserted';
const range = ({ start, end }: { start: number; end: number }) => `${start}-${end}`;

interface Counts {
  /** Per role, per pair. */
  readonly links: Matches[][];
  readonly chains: { chains: number; same: number }[];
  /** Per pair: stance by stance (first's, second's). */
  readonly stances: number[][][];
  /** Per claim every annotator marked: how many gave each stance. */
  readonly items: number[][];
}

export function cardAgreement(documents: Iterable<CardSource>, annotators: readonly string[]): CardAgreement {
  const pairs = pairsOf(annotators.length);
  const rater = new Map(annotators.map((name, r) => [name, r]));
  const counts: Counts = {
    links: ROLES.map(() => pairs.map(() => ({ matched: 0, first: 0, second: 0 }))),
    chains: pairs.map(() => ({ chains: 0, same: 0 })),
    stances: pairs.map(() => STANCES.map(() => STANCES.map(() => 0))),
    items: [],
  };
  for (const document of documents) count(document, rater, pairs, counts);
  const named = ([a, b]: Pair): [string, string] => [annotators[a]!, annotators[b]!];
  const roleRow = (role: Role | 'all', links: readonly Matches[]) => {
    const scores = links.map((m, p) => ({ annotators: named(pairs[p]!), ...spanScores(m) }));
    return { role, pairs: scores, meanF1: mean(scores.map((s) => s.f1)) };
  };
  const total = pairs.map((_, p) => {
    const sum = { matched: 0, first: 0, second: 0 };
    for (const role of counts.links) {
      sum.matched += role[p]!.matched;
      sum.first += role[p]!.first;
      sum.second += role[p]!.second;
    }
    return sum;
  });
  const stancePairs = pairs.map((pair, p) => {
    const matrix = counts.stances[p]!;
    const claims = matrix.flat().reduce((s, v) => s + v, 0);
    const agreeing = matrix.reduce((s, row, i) => s + row[i]!, 0);
    return { annotators: named(pair), claims, observed: claims === 0 ? null : agreeing / claims, kappa: cohenKappaNominal(matrix) };
  });
  return {
    roles: [...ROLES.map((role, i) => roleRow(role, counts.links[i]!)), roleRow('all', total)],
    viaOrder: counts.chains.map(({ chains, same }, p) => ({ annotators: named(pairs[p]!), chains, same, agreement: chains === 0 ? null : same / chains })),
    stance: {
      pairs: stancePairs,
      meanKappa: mean(stancePairs.map((s) => s.kappa)),
      fleissKappa: fleissKappaNominal(counts.items),
      claims: counts.items.length,
    },
  };
}

function count(document: CardSource, rater: ReadonlyMap<string, number>, pairs: readonly Pair[], counts: Counts): void {
  const raters = rater.size;
  const claims = Array.from({ length: raters }, () => new Set<string>());
  for (const claim of document.claims) {
    const r = rater.get(claim.annotator);
    if (r !== undefined) claims[r]!.add(range(claim));
  }
  const cards = Array.from({ length: raters }, () => new Map<string, AgreementCard>());
  for (const card of document.cards) {
    const r = rater.get(card.annotator);
    if (r !== undefined) cards[r]!.set(range(card), card);
  }
  /** Per rater, per role: its links as "claim|span". */
  const links = cards.map((byClaim) =>
    ROLES.map((role) => new Set([...byClaim.values()].flatMap((card) => card.roles.filter((l) => l.role === role).map((l) => `${range(card)}|${range(l)}`)))),
  );
  const stanceOf = (r: number, claim: string) => cards[r]!.get(claim)?.stance ?? DEFAULT_STANCE;
  const via = (r: number, claim: string) => cards[r]!.get(claim)?.roles.filter((l) => l.role === 'via').map(range) ?? [];
  pairs.forEach(([a, b], p) => {
    ROLES.forEach((_, i) => {
      const first = links[a]![i]!;
      const second = links[b]![i]!;
      const m = counts.links[i]![p]!;
      m.first += first.size;
      m.second += second.size;
      for (const link of first) if (second.has(link)) m.matched++;
    });
    for (const claim of claims[a]!) {
      if (!claims[b]!.has(claim)) continue;
      counts.stances[p]![STANCES.indexOf(stanceOf(a, claim))]![STANCES.indexOf(stanceOf(b, claim))]!++;
      const [x, y] = [via(a, claim), via(b, claim)];
      if (x.length < 2 || x.length !== y.length || !x.every((span) => y.includes(span))) continue;
      counts.chains[p]!.chains++;
      if (x.every((span, k) => span === y[k])) counts.chains[p]!.same++;
    }
  });
  for (const claim of claims[0] ?? []) {
    if (!claims.every((mine) => mine.has(claim))) continue;
    const item = STANCES.map(() => 0);
    for (let r = 0; r < raters; r++) item[STANCES.indexOf(stanceOf(r, claim))]!++;
    counts.items.push(item);
  }
}
