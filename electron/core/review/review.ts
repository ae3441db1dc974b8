/**
 * Review: the agreement units of a document's layers, the decisions that build the gold layer
 * from them, and where the open disagreements are. Every decision is a step of the gold layer's
 * history (its span change, or a bare 'decide' entry when it changed no span), so it is undone and
 * redone with the layer, and the history records who made it.
 */
import { createHash } from 'node:crypto';
import { GOLD } from '../../contract/annotators.ts';
import { Annotators } from '../annotators.ts';
import { ROLE_LABEL, type Stance } from '../../contract/claims.ts';
import type { CardAspect, Card, Decision as DecisionOut, ReviewedDocument, ReviewStatus, ReviewUnit, Span } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import type { Annotations, StoredSpan } from '../annotations.ts';
import { edits, type Cards } from '../claims/cards.ts';
import type { Clusters } from '../clusters/clusters.ts';
import type { Db } from '../database.ts';
import type { Documents } from '../documents.ts';
import type { Action, History } from '../history.ts';
import { bringIn, markOut } from '../scope/edit.ts';
import type { Range as ScopeRange } from '../scope/ranges.ts';
import type { Scopes } from '../scope/scopes.ts';
import { cardKey, cardUnitsOf, DEFAULT_STANCE, matesKey, sortedMates, versionValue, type CardUnit, type Claim } from './card-units.ts';
import { Decisions, type CardDecision, type Decision, type MateRange, type ScopeDecision, type Verdicted } from './decisions.ts';
import { scopeKey, scopeUnitsOf, type ScopeUnit } from './scope-units.ts';
import { unitsOf, versionKey, type Unit } from './units.ts';

export interface Range {
  readonly start: number;
  readonly end: number;
  readonly label: Label;
}

export interface DecideRequest {
  readonly documentId: string;
  readonly version: Range;
  readonly verdict: 'accept' | 'reject';
  readonly edit?: Range | undefined;
}

export interface ScopeDecideRequest {
  readonly documentId: string;
  readonly version: { readonly start: number; readonly end: number };
  readonly verdict: 'accept' | 'reject';
}

export interface CardDecideRequest {
  readonly documentId: string;
  readonly claim: Claim;
  readonly aspect: CardAspect;
  /** A role's span (its range; the label is the role's), a stance, or a cluster's other claims. */
  readonly version: { readonly start: number; readonly end: number } | { readonly stance: Stance } | { readonly mates: readonly MateRange[] };
  readonly verdict: 'accept' | 'reject';
}

interface ReviewContext {
  readonly db: Db;
  readonly cards: Cards;
  readonly clusters: Clusters;
  readonly scopes: Scopes;
  /** A getter: a restore replaces the library's Annotations. */
  readonly annotations: () => Annotations;
  readonly documents: Documents;
  readonly history: History;
  /** The gold layer's annotator id (registered on first use). */
  readonly goldId: () => number;
}

/**
 * Each version's decision in effect, by versionKey (spans), cardKey (cards) or scopeKey (scope),
 * with the other reviewer's it overrode (card and scope decisions are not on the hub: none).
 */
type VersionDecisions = Map<string, (Decision | ScopeDecision) & { readonly overrode: Decision | null }>;
/** Span and card decisions alone: each accepted one names its gold span. */
type SpanDecisions = Map<string, Decision & { readonly overrode: Decision | null }>;

type AnyUnit = Unit | CardUnit | ScopeUnit;

const sameRange = (a: Range, b: Range) => a.start === b.start && a.end === b.end && a.label === b.label;

export class Review {
  private readonly context: ReviewContext;
  private readonly decisions: Decisions;
  private readonly annotators: Annotators;

  constructor(context: ReviewContext) {
    this.context = context;
    this.decisions = new Decisions(context.db);
    this.annotators = new Annotators(context.db);
  }

  /** Refuses names the library has never seen (Annotators.unknown). */
  checkAnnotators(names: readonly string[]): void {
    const missing = this.annotators.unknown(names);
    if (missing.length > 0) {
      throw new HamishError('not_found', `no annotator ${missing.map((name) => JSON.stringify(name)).join(', ')} in the library`);
    }
  }

  document(documentId: string, annotators: readonly string[]): ReviewedDocument {
    this.checkAnnotators(annotators);
    const { text } = this.context.documents.content(documentId);
    const { units, gold, goldOut, decided } = this.read(documentId, annotators);
    const index = new CodePointIndex(text);
    return {
      documentId,
      annotators: [...annotators],
      units: units.map((unit) => describe(unit, decided, index)),
      gold,
      goldOut: goldOut.map(([start, end]) => [start, end]),
      review: this.statusOf(documentId),
    };
  }

  /** Records a decision, as one step of the gold layer's history. */
  decide(request: DecideRequest, reviewerId: number): DecisionOut {
    return this.context.history.inStep(() => this.decideInStep(request, reviewerId));
  }

  /** Records a decision about a claim card, as one step of the gold layer's history. */
  decideCard(request: CardDecideRequest, reviewerId: number): DecisionOut {
    this.context.documents.content(request.documentId);
    return this.context.history.inStep(() => this.decideCardInStep(request, reviewerId));
  }

  /** Records a decision about a range left out of the article, as one step of the gold layer's history. */
  decideScope(request: ScopeDecideRequest, reviewerId: number): DecisionOut {
    this.context.documents.content(request.documentId);
    return this.context.history.inStep(() => this.decideScopeInStep(request, reviewerId));
  }

  /**
   * Accepts every open agreed unit of the document, as one step: the spans and the ranges left out
   * of the article, then the cards' agreed roles and stances, but not those of a claim or span the
   * reviewer rejected from gold.
   */
  acceptAgreed(documentId: string, annotators: readonly string[], reviewerId: number): DecisionOut[] {
    this.checkAnnotators(annotators);
    this.context.documents.content(documentId);
    const { units, decided } = this.read(documentId, annotators);
    const open = units.filter((unit) => unit.kind === 'agreed' && stateOf(unit, decided) === 'open');
    const rejected = (range: Range) => decided.get(versionKey(range))?.verdict === 'reject';
    return this.context.history.inStep(() =>
      open.flatMap((unit) => {
        if (unit.group === 'scope') return [this.decideScopeInStep({ documentId, version: unit.versions[0]!, verdict: 'accept' }, reviewerId)];
        if (!('card' in unit)) return [this.decideInStep({ documentId, version: unit.versions[0]!, verdict: 'accept' }, reviewerId)];
        const version = unit.versions[0]!;
        const { claim, aspect } = unit.card;
        if (rejected({ ...claim, label: 'claim' }) || (aspect !== 'stance' && aspect !== 'cluster' && rejected(version))) return [];
        const value =
          aspect === 'stance'
            ? { stance: version.stance! }
            : aspect === 'cluster'
              ? { mates: version.mates! }
              : { start: version.start, end: version.end };
        return [this.decideCardInStep({ documentId, claim, aspect, version: value, verdict: 'accept' }, reviewerId)];
      }),
    );
  }

  /** The nearest open disagreement after (or before) an offset, across the library's documents. */
  nextDisagreement(
    from: { documentId: string; offset: number; direction: 'next' | 'previous' },
    annotators: readonly string[],
  ): { documentId: string; unit: ReviewUnit } | null {
    this.checkAnnotators(annotators);
    const ids = this.context.documents.ids();
    const at = ids.indexOf(from.documentId);
    if (at === -1) throw new HamishError('not_found', `no document "${from.documentId}"`);
    const forward = from.direction === 'next';
    const order = forward ? ids.slice(at) : ids.slice(0, at + 1).reverse();
    for (const documentId of order) {
      // The text is read only for the unit found: most documents are passed over.
      const { units, decided } = this.read(documentId, annotators);
      const open = units.filter((unit) => unit.kind !== 'agreed' && stateOf(unit, decided) === 'open');
      const candidates = documentId !== from.documentId
        ? open
        : open.filter((unit) => (forward ? unit.start > from.offset : unit.start < from.offset));
      const unit = forward ? candidates[0] : candidates.at(-1);
      if (unit) return { documentId, unit: describe(unit, decided, new CodePointIndex(this.context.documents.content(documentId).text)) };
    }
    return null;
  }

  /** Each document's review status, for the library's list: one query finds those with decisions. */
  statuses(): (documentId: string) => ReviewStatus {
    const reviewed = this.decisions.reviewedDocuments();
    return (documentId) => (reviewed.has(documentId) ? this.statusOf(documentId) : 'not_started');
  }

  /** Not started until a decision is in effect; adjudicated once every unit of everyone's layers is decided. */
  statusOf(documentId: string): ReviewStatus {
    if (this.decisions.inEffect(documentId).length === 0 && this.decisions.scopesInEffect(documentId).length === 0) return 'not_started';
    const spans = this.context.annotations().forDocument(documentId);
    const layers = [...spans.map((span) => span.annotator), ...this.context.scopes.outOfEveryone(documentId).map((layer) => layer.annotator)];
    const annotators = [...new Set(layers.filter((name) => name !== GOLD))].sort();
    const { units, decided } = this.read(documentId, annotators, spans);
    return units.every((unit) => stateOf(unit, decided) !== 'open') ? 'adjudicated' : 'in_review';
  }

  /** The units, span units in reading order, each claim's card units right after its own. */
  private read(
    documentId: string,
    annotators: readonly string[],
    spans = this.context.annotations().forDocument(documentId),
  ): { units: AnyUnit[]; gold: Span[]; goldOut: ScopeRange[]; decided: VersionDecisions } {
    const gold = goldOf(spans);
    const decided: VersionDecisions = decidedOf(this.decisions.inEffect(documentId), gold);
    const layers = this.context.scopes.outOfEveryone(documentId);
    const goldOut = layers.find((layer) => layer.annotator === GOLD)?.out ?? [];
    const scope = scopeUnitsOf(layers, annotators);
    for (const [key, decision] of scopeDecidedOf(this.decisions.scopesInEffect(documentId), goldOut)) decided.set(key, decision);
    const units: AnyUnit[] = unitsOf(spans, annotators);
    // Most documents have no card: their units are read without the cards' decisions.
    const cards = this.context.cards.forDocument(documentId);
    if (cards.length === 0) return { units: inReadingOrder(units, scope), gold, goldOut, decided };
    const mates = this.context.clusters.matesIn(documentId, GOLD);
    const goldCluster = (claimId: number) => ({
      stored: this.context.cards.stored(claimId)?.cluster ?? null,
      mates: mates.get(claimId) ?? [],
    });
    for (const [key, decision] of cardDecidedOf(this.decisions.cardsInEffect(documentId), gold, cards, goldCluster)) decided.set(key, decision);
    const byClaim = new Map<string, CardUnit[]>();
    for (const unit of cardUnitsOf(spans, cards, annotators, mates)) {
      const key = versionKey({ ...unit.card.claim, label: 'claim' });
      byClaim.set(key, [...(byClaim.get(key) ?? []), unit]);
    }
    const withCards = units.flatMap((unit) => (unit.kind === 'agreed' ? [unit, ...(byClaim.get(unit.id) ?? [])] : [unit]));
    return { units: inReadingOrder(withCards, scope), gold, goldOut, decided };
  }

  /** The gold span of `range`, brought in as an acceptance of that version if gold lacks it. */
  private inGold(documentId: string, range: Range, reviewerId: number): number {
    const spans = this.context.annotations().forDocument(documentId);
    const there = goldOf(spans).find((span) => sameRange(span, range));
    if (there) return there.id;
    if (decidedOf(this.decisions.inEffect(documentId), goldOf(spans)).get(versionKey(range))?.verdict === 'reject') {
      throw new HamishError(
        'invalid_input',
        `the ${range.label} ${range.start}–${range.end} was rejected from gold: accept it first, or decide this card unit no`,
      );
    }
    const made = this.decideInStep({ documentId, version: range, verdict: 'accept' }, reviewerId);
    if ('goldSpan' in made) return made.goldSpan.id;
    throw new Error(`accepting the ${range.label} ${range.start}–${range.end} made no gold span`);
  }

  private decideCardInStep({ documentId, claim, aspect, version, verdict }: CardDecideRequest, reviewerId: number): DecisionOut {
    const { annotations, history, cards } = this.context;
    const spans = annotations().forDocument(documentId);
    const byId = new Map(spans.map((span) => [span.id, span]));
    const claimRange: Range = { ...claim, label: 'claim' };
    const theirs = cards
      .forDocument(documentId)
      .filter((card) => card.annotator !== GOLD && sameRange(byId.get(card.claim) ?? { start: -1, end: -1, label: 'claim' }, claimRange));
    const claimed = spans.filter((span) => span.annotator !== GOLD && sameRange(span, claimRange));
    if (claimed.length === 0) {
      throw new HamishError('not_found', `no annotator marked a claim ${claim.start}–${claim.end} in document "${documentId}"`);
    }
    const gold = this.context.goldId();
    const goldCard = () => {
      const goldClaim = goldOf(annotations().forDocument(documentId)).find((span) => sameRange(span, claimRange));
      return goldClaim ? { claim: goldClaim, card: cards.shown(goldClaim.id) } : null;
    };
    let range: Range;
    let decided: Verdicted = { verdict: 'reject' };
    let edit: Parameters<Cards['change']>[2] | null = null;
    let claimId: number | null = null;
    if ('mates' in version) {
      const wanted = matesKey(version.mates);
      const mates = this.context.clusters.matesIn(documentId, GOLD);
      if (!claimed.some((span) => matesKey(mates.get(span.id) ?? []) === wanted)) {
        const those = version.mates.length === 0 ? 'in no cluster' : 'in a cluster with just those claims';
        throw new HamishError('not_found', `no annotator put the claim ${claim.start}–${claim.end} ${those}`);
      }
      range = claimRange;
      if (verdict === 'accept') {
        claimId = this.inGold(documentId, claimRange, reviewerId);
        decided = { verdict, goldSpanId: claimId };
        edit = edits.cluster(version.mates.length === 0 ? null : this.goldClusterOf(documentId, claim, version.mates));
      } else {
        // Rejecting takes gold's claim out of the cluster this version would put it in.
        const there = goldCard();
        const stored = there && this.context.cards.stored(there.claim.id)?.cluster;
        if (there && stored && version.mates.length > 0 && stored === this.goldClusterOf(documentId, claim, version.mates)) {
          claimId = there.claim.id;
          edit = edits.cluster(null);
        }
      }
    } else if ('stance' in version) {
      const { stance } = version;
      // An annotator without a card on the claim gave the default stance.
      const given = claimed.some((span) => (theirs.find((card) => card.claim === span.id)?.stance ?? DEFAULT_STANCE) === stance);
      if (!given) throw new HamishError('not_found', `no annotator gave the claim ${claim.start}–${claim.end} the stance ${stance}`);
      range = claimRange;
      if (verdict === 'accept') {
        claimId = this.inGold(documentId, claimRange, reviewerId);
        decided = { verdict, goldSpanId: claimId };
        edit = edits.stance(stance);
      } else {
        // Rejecting the stance gold has takes gold back to the default.
        const there = goldCard();
        if (there?.card?.stance === stance && stance !== DEFAULT_STANCE) {
          claimId = there.claim.id;
          edit = edits.stance(DEFAULT_STANCE);
        }
      }
    } else {
      const role = aspect as Exclude<CardAspect, 'stance' | 'cluster'>;
      range = { start: version.start, end: version.end, label: ROLE_LABEL[role] };
      const links = theirs.flatMap((card) => card.roles.filter((link) => link.role === role && sameRange(byId.get(link.span)!, range)));
      if (links.length === 0) {
        throw new HamishError(
          'not_found',
          `no annotator's card of the claim ${claim.start}–${claim.end} has the ${range.label} ${range.start}–${range.end} as ${role}`,
        );
      }
      if (verdict === 'accept') {
        claimId = this.inGold(documentId, claimRange, reviewerId);
        const filler = this.inGold(documentId, range, reviewerId);
        decided = { verdict, goldSpanId: filler };
        // The via chain keeps the place the (first) annotator gave it, as far as gold's chain reaches.
        const order = links[0]!.order;
        edit = (card, ref) => edits.link(role, filler, Math.min(order, card.roles.filter((r) => r.role === role).length + 1))(card, ref);
      } else {
        const there = goldCard();
        const goldFiller = goldOf(annotations().forDocument(documentId)).find((span) => sameRange(span, range));
        if (there && goldFiller && there.card?.roles.some((link) => link.role === role && link.span === goldFiller.id)) {
          claimId = there.claim.id;
          edit = edits.unlink(role, goldFiller.id);
        }
      }
    }
    const id = this.decisions.addCard(
      { documentId, ...pick(range), ...decided, reviewerId, at: new Date().toISOString() },
      {
        claimStart: claim.start,
        claimEnd: claim.end,
        aspect,
        stance: 'stance' in version ? version.stance : null,
        mates: 'mates' in version ? sortedMates(version.mates) : null,
      },
    );
    const origin = { by: reviewerId, decision: id };
    const changed = claimId === null || edit === null ? null : cards.change(claimId, gold, edit);
    if (changed && JSON.stringify(changed.before) !== JSON.stringify(changed.after)) {
      history.recordCard(changed.before, changed.after, changed.claim, origin);
    } else {
      history.recordDecision(documentId, gold, origin);
    }
    return {
      ...this.stored(id, documentId),
      card: {
        claim: { start: claim.start, end: claim.end },
        aspect,
        ...('stance' in version && { stance: version.stance }),
        ...('mates' in version && { mates: sortedMates(version.mates) }),
      },
    };
  }

  /**
   * The gold cluster that accepting `mates` puts the claim in: the one a mate in gold is in already
   * (the first in order), else one named by the whole set of claims, so that accepting the same
   * cluster in each mate's own document brings them together without touching other documents.
   */
  private goldClusterOf(documentId: string, claim: Claim, mates: readonly MateRange[]): string {
    const gold = this.context.goldId();
    for (const mate of sortedMates(mates)) {
      const there = this.context.clusters.claimAt(gold, mate);
      if (there?.cluster) return there.cluster;
    }
    const all = matesKey([...mates, { documentId, ...claim }]);
    return `gold-${createHash('sha256').update(all).digest('base64url').slice(0, 10)}`;
  }

  private decideInStep({ documentId, version, verdict, edit }: DecideRequest, reviewerId: number): DecisionOut {
    const { annotations, history } = this.context;
    const spans = annotations().forDocument(documentId);
    if (!spans.some((span) => span.annotator !== GOLD && sameRange(span, version))) {
      throw new HamishError(
        'not_found',
        `no annotator marked ${version.label} ${version.start}–${version.end} in document "${documentId}"`,
      );
    }
    const gold = this.context.goldId();
    const prior = decidedOf(this.decisions.inEffect(documentId), goldOf(spans)).get(versionKey(version));
    const accepted = prior?.verdict === 'accept' ? prior.goldSpanId : null;
    let change: { action: Action; before: StoredSpan | null; after: StoredSpan | null } | null = null;
    let decided: Verdicted = { verdict: 'reject' };
    if (verdict === 'accept') {
      const target = edit ?? version;
      if (accepted !== null) {
        // Accepted again (edited, say): its gold span becomes the new version.
        decided = { verdict, goldSpanId: accepted };
        if (!sameRange(annotations().get(accepted), target)) {
          const { before, after } = annotations().update(accepted, gold, target);
          change = { action: 'update', before, after };
        }
      } else {
        const { row, created } = annotations().create({ documentId, annotatorId: gold, ...target });
        decided = { verdict, goldSpanId: row.id };
        if (created) change = { action: 'create', before: null, after: row };
      }
    } else if (accepted !== null) {
      change = { action: 'delete', before: annotations().delete(accepted, gold), after: null };
    }
    const id = this.decisions.add({
      documentId,
      ...pick(version),
      ...decided,
      reviewerId,
      at: new Date().toISOString(),
    });
    const origin = { by: reviewerId, decision: id };
    if (change) history.record(change.action, change.before, change.after, origin);
    else history.recordDecision(documentId, gold, origin);
    return this.stored(id, documentId);
  }

  private decideScopeInStep({ documentId, version, verdict }: ScopeDecideRequest, reviewerId: number): DecisionOut {
    const { scopes, history, annotations } = this.context;
    const { start, end } = version;
    const theirs = scopes.outOfEveryone(documentId).filter((layer) => layer.annotator !== GOLD);
    if (!theirs.some((layer) => layer.out.some(([s, e]) => s === start && e === end))) {
      throw new HamishError('not_found', `no annotator left ${start}–${end} out of the article in document "${documentId}"`);
    }
    const gold = this.context.goldId();
    const before = scopes.of(documentId, gold);
    const decided = scopeDecidedOf(this.decisions.scopesInEffect(documentId), before.out);
    const accepted = (range: { start: number; end: number }) => decided.get(scopeKey(range))?.verdict === 'accept';
    let after = before;
    if (verdict === 'accept') {
      // Another version of the unit accepted before gives way to this one.
      for (const other of decided.values()) {
        if (other.verdict === 'accept' && other.start < end && start < other.end && !(other.start === start && other.end === end)) {
          after = bringIn(after, [other.start, other.end]);
        }
      }
      const { text } = this.context.documents.content(documentId);
      const index = new CodePointIndex(text);
      const goldSpans = goldOf(annotations().forDocument(documentId));
      try {
        after = markOut(after, [start, end], goldSpans, ([s, e]) => index.slice(s, e));
      } catch (error) {
        if (error instanceof HamishError) throw new HamishError(error.code, `gold: ${error.message}`);
        throw error;
      }
    } else if (accepted(version)) {
      after = bringIn(after, [start, end]);
    }
    const id = this.decisions.addScope({ documentId, start, end, verdict, reviewerId, at: new Date().toISOString() });
    // Always an entry of gold's scope, changed or not: the decision is in effect while it is done.
    const change = scopes.change(documentId, gold, after);
    history.recordScope(change.before, change.after, { by: reviewerId, scopeDecision: id });
    const stored = this.decisions.scopeDecision(id);
    return { id, documentId, scope: true, version: { start, end }, verdict, reviewer: stored.reviewer, at: stored.at };
  }

  /** Decision `id` as stored, with the gold span it made. */
  private stored(id: number, documentId: string): DecisionOut {
    const decision = this.decisions.get(id);
    const base = { id, documentId, version: pick(decision), reviewer: decision.reviewer, at: decision.at };
    return decision.verdict === 'accept'
      ? { ...base, verdict: 'accept', goldSpan: this.context.annotations().get(decision.goldSpanId) }
      : { ...base, verdict: 'reject' };
  }

}

const goldOf = (spans: readonly Span[]) => spans.filter((span) => span.annotator === GOLD);

/**
 * For each version, the last decision in effect. An acceptance counts while its gold span is
 * there: a reviewer who deleted it from gold has reopened the question.
 */
function decidedOf(inEffect: readonly Decision[], gold: readonly Span[]): SpanDecisions {
  const goldIds = new Set(gold.map((span) => span.id));
  const decided: SpanDecisions = new Map();
  for (const decision of inEffect) {
    const key = versionKey(decision);
    const before = decided.get(key);
    const overrode = before === undefined ? null : before.reviewer !== decision.reviewer ? before : before.overrode;
    decided.set(key, { ...decision, overrode });
  }
  for (const [key, decision] of decided) {
    if (decision.verdict === 'accept' && !goldIds.has(decision.goldSpanId)) decided.delete(key);
  }
  return decided;
}

/**
 * For each scope version, the last decision in effect. An acceptance counts while gold's scope
 * leaves the whole range out: a reviewer who brought it back into gold has reopened the question.
 */
function scopeDecidedOf(inEffect: readonly ScopeDecision[], goldOut: readonly ScopeRange[]): VersionDecisions {
  const decided: VersionDecisions = new Map();
  for (const decision of inEffect) decided.set(scopeKey(decision), { ...decision, overrode: null });
  for (const [key, decision] of decided) {
    if (decision.verdict === 'accept' && !goldOut.some(([s, e]) => s <= decision.start && decision.end <= e)) decided.delete(key);
  }
  return decided;
}

/** The scope units placed among the others by where they start; a claim's card units stay right after it. */
function inReadingOrder(units: readonly AnyUnit[], scope: readonly ScopeUnit[]): AnyUnit[] {
  if (scope.length === 0) return [...units];
  const ordered: AnyUnit[] = [];
  let next = 0;
  for (const unit of units) {
    if (!('card' in unit)) while (next < scope.length && scope[next]!.start <= unit.start) ordered.push(scope[next++]!);
    ordered.push(unit);
  }
  return [...ordered, ...scope.slice(next)];
}

function overrodeOf({ overrode }: { overrode: Decision | null }) {
  return overrode && { verdict: overrode.verdict, reviewer: overrode.reviewer, at: overrode.at };
}

function pick({ start, end, label }: Range): Range {
  return { start, end, label };
}

/**
 * For each card version, the last decision in effect. An acceptance counts while gold shows it:
 * the gold claim's card links the gold span in the role, or has the stance.
 */
function cardDecidedOf(
  inEffect: readonly CardDecision[],
  gold: readonly Span[],
  cards: readonly Card[],
  goldCluster: (claimId: number) => { stored: string | null; mates: readonly MateRange[] },
): VersionDecisions {
  const goldCards = new Map(cards.filter((card) => card.annotator === GOLD).map((card) => [card.claim, card]));
  const decided = new Map<string, CardDecision & { readonly overrode: null }>();
  for (const decision of inEffect) {
    const claim = { start: decision.claimStart, end: decision.claimEnd };
    const value = decision.aspect === 'stance' ? decision.stance! : decision.aspect === 'cluster' ? matesKey(decision.mates!) : decision;
    decided.set(cardKey(claim, decision.aspect, value), { ...decision, overrode: null });
  }
  for (const [key, decision] of decided) {
    if (decision.verdict !== 'accept') continue;
    const claim = gold.find((span) => span.label === 'claim' && span.start === decision.claimStart && span.end === decision.claimEnd);
    const card = claim && goldCards.get(claim.id);
    const shown =
      decision.aspect === 'stance'
        ? claim?.id === decision.goldSpanId && (card?.stance ?? DEFAULT_STANCE) === decision.stance
        : decision.aspect === 'cluster'
          ? claim?.id === decision.goldSpanId && clusterShown(decision.mates!, goldCluster(claim.id))
          : (card?.roles.some((link) => link.role === decision.aspect && link.span === decision.goldSpanId) ?? false);
    if (!shown) decided.delete(key);
  }
  return decided;
}

/**
 * Whether gold shows an accepted cluster: none, gold's claim is in none; else it is in a cluster,
 * whose other gold claims are among the mates accepted (those gold lacks join it later).
 */
function clusterShown(accepted: readonly MateRange[], gold: { stored: string | null; mates: readonly MateRange[] }): boolean {
  if (accepted.length === 0) return gold.mates.length === 0;
  const wanted = new Set(accepted.map((mate) => matesKey([mate])));
  return gold.stored !== null && gold.mates.every((mate) => wanted.has(matesKey([mate])));
}

/** Where a version's decision is kept in VersionDecisions. */
function keyOf(unit: AnyUnit, version: AnyUnit['versions'][number]): string {
  if (unit.group === 'scope') return scopeKey(version);
  if (!('card' in unit)) return versionKey(version as Range);
  const { claim, aspect } = unit.card;
  return cardKey(claim, aspect, versionValue(aspect, version as CardUnit['versions'][number]));
}

function stateOf(unit: AnyUnit, decided: VersionDecisions): ReviewUnit['state'] {
  const verdicts = unit.versions.map((version) => decided.get(keyOf(unit, version))?.verdict);
  if (verdicts.includes('accept')) return 'accepted';
  return verdicts.every((verdict) => verdict === 'reject') ? 'rejected' : 'open';
}

function describe(unit: AnyUnit, decided: VersionDecisions, index: CodePointIndex): ReviewUnit {
  const { id, group, kind, start, end } = unit;
  return {
    id,
    group,
    kind,
    start,
    end,
    ...('card' in unit && {
      card: { claim: { ...unit.card.claim, text: index.slice(unit.card.claim.start, unit.card.claim.end) }, aspect: unit.card.aspect },
    }),
    versions: unit.versions.map((version) => {
      const decision = decided.get(keyOf(unit, version));
      return {
        ...version,
        annotators: [...version.annotators],
        text: index.slice(version.start, version.end),
        decision: !decision
          ? null
          : decision.verdict === 'accept'
            ? {
                id: decision.id,
                verdict: 'accept',
                ...('goldSpanId' in decision && { goldSpanId: decision.goldSpanId }),
                reviewer: decision.reviewer,
                at: decision.at,
                overrode: overrodeOf(decision),
              }
            : { id: decision.id, verdict: 'reject', reviewer: decision.reviewer, at: decision.at, overrode: overrodeOf(decision) },
      };
    }),
    missing: [...unit.missing],
    state: stateOf(unit, decided),
  };
}
