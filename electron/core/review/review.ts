/**
 * Review: the agreement units of a document's layers, the decisions that build the gold layer
 * from them, and where the open disagreements are. Every decision is a step of the gold layer's
 * history (its span change, or a bare 'decide' entry when it changed no span), so it is undone and
 * redone with the layer, and the history records who made it.
 */
import { GOLD } from '../../contract/annotators.ts';
import type { Decision as DecisionOut, ReviewedDocument, ReviewStatus, ReviewUnit, Span } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import type { Annotations, StoredSpan } from '../annotations.ts';
import type { Db } from '../database.ts';
import type { Documents } from '../documents.ts';
import type { Action, History } from '../history.ts';
import { Decisions, type Decision } from './decisions.ts';
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

interface ReviewContext {
  readonly db: Db;
  /** A getter: a restore replaces the library's Annotations. */
  readonly annotations: () => Annotations;
  readonly documents: Documents;
  readonly history: History;
  /** The gold layer's annotator id (registered on first use). */
  readonly goldId: () => number;
}

/** Each version's decision in effect, by versionKey, with the other reviewer's it overrode. */
type VersionDecisions = Map<string, Decision & { readonly overrode: Decision | null }>;

const sameRange = (a: Range, b: Range) => a.start === b.start && a.end === b.end && a.label === b.label;

export class Review {
  private readonly context: ReviewContext;
  private readonly decisions: Decisions;
  private readonly knownName;

  constructor(context: ReviewContext) {
    this.context = context;
    this.decisions = new Decisions(context.db);
    this.knownName = context.db.prepare<[string], 1>('SELECT 1 FROM annotators WHERE name = ?').pluck();
  }

  /** Refuses names the library has never seen: a typo, not an empty layer. Gold is always there. */
  checkAnnotators(names: readonly string[]): void {
    const missing = names.filter((name) => name !== GOLD && !this.knownName.get(name));
    if (missing.length > 0) {
      throw new HamishError('not_found', `no annotator ${missing.map((name) => JSON.stringify(name)).join(', ')} in the library`);
    }
  }

  document(documentId: string, annotators: readonly string[]): ReviewedDocument {
    this.checkAnnotators(annotators);
    const { text } = this.context.documents.content(documentId);
    const { units, gold, decided } = this.read(documentId, annotators);
    const index = new CodePointIndex(text);
    return {
      documentId,
      annotators: [...annotators],
      units: units.map((unit) => describe(unit, decided, index)),
      gold,
      review: this.statusOf(documentId),
    };
  }

  /** Records a decision, as one step of the gold layer's history. */
  decide(request: DecideRequest, reviewerId: number): DecisionOut {
    return this.context.history.inStep(() => this.decideInStep(request, reviewerId));
  }

  /** Accepts every open agreed unit of the document, as one step. */
  acceptAgreed(documentId: string, annotators: readonly string[], reviewerId: number): DecisionOut[] {
    this.checkAnnotators(annotators);
    this.context.documents.content(documentId);
    const { units, decided } = this.read(documentId, annotators);
    const open = units.filter((unit) => unit.kind === 'agreed' && stateOf(unit, decided) === 'open');
    return this.context.history.inStep(() =>
      open.map((unit) => this.decideInStep({ documentId, version: unit.versions[0]!, verdict: 'accept' }, reviewerId)),
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
    const inEffect = this.decisions.inEffect(documentId);
    if (inEffect.length === 0) return 'not_started';
    const spans = this.context.annotations().forDocument(documentId);
    const annotators = [...new Set(spans.map((span) => span.annotator).filter((name) => name !== GOLD))].sort();
    const decided = decidedOf(inEffect, goldOf(spans));
    return unitsOf(spans, annotators).every((unit) => stateOf(unit, decided) !== 'open') ? 'adjudicated' : 'in_review';
  }

  private read(documentId: string, annotators: readonly string[]): { units: Unit[]; gold: Span[]; decided: VersionDecisions } {
    const spans = this.context.annotations().forDocument(documentId);
    const gold = goldOf(spans);
    return { units: unitsOf(spans, annotators), gold, decided: decidedOf(this.decisions.inEffect(documentId), gold) };
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
    const accepted = prior?.verdict === 'accept' ? prior.goldSpanId! : null;
    let change: { action: Action; before: StoredSpan | null; after: StoredSpan | null } | null = null;
    let goldSpanId: number | null = null;
    if (verdict === 'accept') {
      const target = edit ?? version;
      if (accepted !== null) {
        // Accepted again (edited, say): its gold span becomes the new version.
        goldSpanId = accepted;
        if (!sameRange(annotations().get(accepted), target)) {
          const { before, after } = annotations().update(accepted, gold, target);
          change = { action: 'update', before, after };
        }
      } else {
        const { row, created } = annotations().create({ documentId, annotatorId: gold, ...target });
        goldSpanId = row.id;
        if (created) change = { action: 'create', before: null, after: row };
      }
    } else if (accepted !== null) {
      change = { action: 'delete', before: annotations().delete(accepted, gold), after: null };
    }
    const id = this.decisions.add({
      documentId,
      ...pick(version),
      verdict,
      goldSpanId,
      reviewerId,
      at: new Date().toISOString(),
    });
    const origin = { by: reviewerId, decision: id };
    if (change) history.record(change.action, change.before, change.after, origin);
    else history.recordDecision(documentId, gold, origin);
    const decision = this.decisions.get(id);
    return {
      id,
      documentId,
      version: pick(decision),
      verdict: decision.verdict,
      goldSpan: goldSpanId === null ? null : annotations().get(goldSpanId),
      reviewer: decision.reviewer,
      at: decision.at,
    };
  }
}

const goldOf = (spans: readonly Span[]) => spans.filter((span) => span.annotator === GOLD);

/**
 * For each version, the last decision in effect. An acceptance counts while its gold span is
 * there: a reviewer who deleted it from gold has reopened the question.
 */
function decidedOf(inEffect: readonly Decision[], gold: readonly Span[]): VersionDecisions {
  const goldIds = new Set(gold.map((span) => span.id));
  const decided: VersionDecisions = new Map();
  for (const decision of inEffect) {
    const key = versionKey(decision);
    const before = decided.get(key);
    const overrode = before === undefined ? null : before.reviewer !== decision.reviewer ? before : before.overrode;
    decided.set(key, { ...decision, overrode });
  }
  for (const [key, decision] of decided) {
    if (decision.verdict === 'accept' && !goldIds.has(decision.goldSpanId!)) decided.delete(key);
  }
  return decided;
}

function overrodeOf({ overrode }: { overrode: Decision | null }) {
  return overrode && { verdict: overrode.verdict, reviewer: overrode.reviewer, at: overrode.at };
}

function pick({ start, end, label }: Range): Range {
  return { start, end, label };
}

function stateOf(unit: Unit, decided: VersionDecisions): ReviewUnit['state'] {
  const verdicts = unit.versions.map((version) => decided.get(versionKey(version))?.verdict);
  if (verdicts.includes('accept')) return 'accepted';
  return verdicts.every((verdict) => verdict === 'reject') ? 'rejected' : 'open';
}

function describe(unit: Unit, decided: VersionDecisions, index: CodePointIndex): ReviewUnit {
  return {
    ...unit,
    versions: unit.versions.map((version) => {
      const decision = decided.get(versionKey(version));
      return {
        ...version,
        annotators: [...version.annotators],
        text: index.slice(version.start, version.end),
        decision: !decision
          ? null
          : decision.verdict === 'accept'
            ? { id: decision.id, verdict: 'accept', goldSpanId: decision.goldSpanId!, reviewer: decision.reviewer, at: decision.at, overrode: overrodeOf(decision) }
            : { id: decision.id, verdict: 'reject', reviewer: decision.reviewer, at: decision.at, overrode: overrodeOf(decision) },
      };
    }),
    missing: [...unit.missing],
    state: stateOf(unit, decided),
  };
}
