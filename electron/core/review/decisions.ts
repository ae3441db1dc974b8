import type { Stance } from '../../contract/claims.ts';
import type { CardAspect } from '../../contract/contract.ts';
import type { Label } from '../../contract/labels.ts';
import type { Db } from '../database.ts';

export type Verdict = 'accept' | 'reject';

/** Accepted into gold, as the span the version became; or rejected, into nothing (the table's CHECK says the same). */
export type Verdicted = { readonly verdict: 'accept'; readonly goldSpanId: number } | { readonly verdict: 'reject' };

interface Decided {
  readonly id: number;
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  readonly reviewer: string;
  readonly at: string;
}

export type Decision = Decided & Verdicted;

export type NewDecision = Omit<Decided, 'id' | 'reviewer'> & Verdicted & { readonly reviewerId: number };

/** A decision as read: the gold span column is null exactly when it was rejected. */
type Row = Decided & { readonly verdict: Verdict; readonly goldSpanId: number | null };

function verdicted<R extends Row>({ verdict: _, goldSpanId, ...rest }: R): Omit<R, 'verdict' | 'goldSpanId'> & Verdicted {
  return goldSpanId === null ? { ...rest, verdict: 'reject' } : { ...rest, verdict: 'accept', goldSpanId };
}

/** The verdict with its gold span; null for an acceptance whose gold span is not here, which cannot stand. */
export function verdictWith(verdict: Verdict, goldSpanId: number | null | undefined): Verdicted | null {
  if (verdict === 'reject') return { verdict };
  return goldSpanId === null || goldSpanId === undefined ? null : { verdict, goldSpanId };
}

/** Where a claim of a cluster is. */
export interface MateRange {
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
}

/** What a card decision is about, beside its version (a role's span, or the claim for the stance and cluster). */
export interface CardAbout {
  readonly claimStart: number;
  readonly claimEnd: number;
  readonly aspect: CardAspect;
  readonly stance: Stance | null;
  /** A cluster decision's mates, sorted (empty: in no cluster). */
  readonly mates: readonly MateRange[] | null;
}

export type CardDecision = Decision & CardAbout;

/** A decision about a range some annotator left out of the article (migration 16). */
export interface ScopeDecision {
  readonly id: number;
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
  readonly verdict: Verdict;
  readonly reviewer: string;
  readonly at: string;
}

export type NewScopeDecision = Omit<ScopeDecision, 'id' | 'reviewer'> & { readonly reviewerId: number };

/** A decision about a card is no span decision: the span review and its exports leave it out. */
const NOT_CARD = 'NOT EXISTS (SELECT 1 FROM card_decisions c WHERE c.decision_id = d.id)';

const COLUMNS = `
  d.id, d.document_id AS documentId, d.start, d."end", d.label, d.verdict, d.gold_span_id AS goldSpanId,
  n.name AS reviewer, d.at`;

/** A decision is in effect while its history entries are: undo takes it back with them. */
export const inEffect = (decision: string) => `EXISTS (SELECT 1 FROM history h WHERE h.decision_id = ${decision}.id AND h.state = 'done')`;
const IN_EFFECT = inEffect('d');
const SCOPE_IN_EFFECT = `EXISTS (SELECT 1 FROM history h WHERE h.scope_decision_id = s.id AND h.state = 'done')`;
const SCOPE_COLUMNS = 's.id, s.document_id AS documentId, s.start, s."end", s.verdict, n.name AS reviewer, s.at';

export class Decisions {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      add: db
        .prepare<[Omit<NewDecision, 'goldSpanId'> & { goldSpanId: number | null }], number>(`
          INSERT INTO decisions (document_id, label, start, "end", verdict, gold_span_id, reviewer_id, at)
          VALUES (@documentId, @label, @start, @end, @verdict, @goldSpanId, @reviewerId, @at)
          RETURNING id`)
        .pluck(),
      inEffect: db.prepare<[string], Row>(`
        SELECT ${COLUMNS} FROM decisions d JOIN annotators n ON n.id = d.reviewer_id
        WHERE d.document_id = ? AND ${IN_EFFECT} AND ${NOT_CARD} ORDER BY d.hub_order IS NULL, d.hub_order, d.id`),
      cardsInEffect: db.prepare<[string], Row & Omit<CardAbout, 'mates'> & { mates: string | null }>(`
        SELECT ${COLUMNS}, c.claim_start AS claimStart, c.claim_end AS claimEnd, c.aspect, c.stance, c.mates
        FROM decisions d JOIN annotators n ON n.id = d.reviewer_id JOIN card_decisions c ON c.decision_id = d.id
        WHERE d.document_id = ? AND ${IN_EFFECT} ORDER BY d.id`),
      addCard: db.prepare<[Omit<CardAbout, 'mates'> & { id: number; mates: string | null }]>(`
        INSERT INTO card_decisions (decision_id, claim_start, claim_end, aspect, stance, mates)
        VALUES (@id, @claimStart, @claimEnd, @aspect, @stance, @mates)`),
      reviewed: db
        .prepare<[], string>(`
          SELECT DISTINCT d.document_id FROM decisions d WHERE ${IN_EFFECT}
          UNION SELECT DISTINCT s.document_id FROM scope_decisions s WHERE ${SCOPE_IN_EFFECT}`)
        .pluck(),
      addScope: db
        .prepare<[NewScopeDecision], number>(`
          INSERT INTO scope_decisions (document_id, start, "end", verdict, reviewer_id, at)
          VALUES (@documentId, @start, @end, @verdict, @reviewerId, @at) RETURNING id`)
        .pluck(),
      scopesInEffect: db.prepare<[string], ScopeDecision>(`
        SELECT ${SCOPE_COLUMNS} FROM scope_decisions s JOIN annotators n ON n.id = s.reviewer_id
        WHERE s.document_id = ? AND ${SCOPE_IN_EFFECT} ORDER BY s.id`),
      scopeById: db.prepare<[number], ScopeDecision>(`SELECT ${SCOPE_COLUMNS} FROM scope_decisions s JOIN annotators n ON n.id = s.reviewer_id WHERE s.id = ?`),
      exists: db
        .prepare<[Omit<Decided, 'id' | 'reviewer'> & { verdict: Verdict; reviewerId: number }], 1>(`
          SELECT 1 FROM decisions WHERE document_id = @documentId AND label = @label AND start = @start
            AND "end" = @end AND verdict = @verdict AND reviewer_id = @reviewerId AND at = @at`)
        .pluck(),
      byId: db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM decisions d JOIN annotators n ON n.id = d.reviewer_id WHERE d.id = ?`),
    };
  }

  add(decision: NewDecision): number {
    return this.statements.add.get({ ...decision, goldSpanId: decision.verdict === 'accept' ? decision.goldSpanId : null })!;
  }

  /** Records a decision about a card: its version as a decision, and what card it is about. */
  addCard(decision: NewDecision, about: CardAbout): number {
    const id = this.add(decision);
    this.statements.addCard.run({ id, ...about, mates: about.mates && JSON.stringify(about.mates) });
    return id;
  }

  /** The document's card decisions in effect, oldest first. */
  cardsInEffect(documentId: string): CardDecision[] {
    return this.statements.cardsInEffect
      .all(documentId)
      .map((row) => ({ ...verdicted(row), mates: row.mates === null ? null : (JSON.parse(row.mates) as MateRange[]) }));
  }

  /** Whether the library has this decision already (an import of the same file again). */
  has(decision: Omit<Decided, 'id' | 'reviewer'> & { readonly verdict: Verdict; readonly reviewerId: number }): boolean {
    return this.statements.exists.get(decision) !== undefined;
  }

  get(id: number): Decision {
    return verdicted(this.statements.byId.get(id)!);
  }

  /**
   * The document's span decisions in effect, oldest first: for each version, the last one counts.
   * First those the team's hub has ordered (migration 15), then this library's not yet synced.
   */
  inEffect(documentId: string): Decision[] {
    return this.statements.inEffect.all(documentId).map(verdicted);
  }

  addScope(decision: NewScopeDecision): number {
    return this.statements.addScope.get(decision)!;
  }

  /** The document's scope decisions in effect, oldest first: for each range, the last one counts. */
  scopesInEffect(documentId: string): ScopeDecision[] {
    return this.statements.scopesInEffect.all(documentId);
  }

  scopeDecision(id: number): ScopeDecision {
    return this.statements.scopeById.get(id)!;
  }

  /** The documents with a decision in effect. */
  reviewedDocuments(): Set<string> {
    return new Set(this.statements.reviewed.all());
  }
}
