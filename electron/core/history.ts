import type { Db } from './database.ts';
import type { StoredSpan } from './annotations.ts';
import type { StoredCard } from './claims/cards.ts';
import type { StoredScope } from './scope/scopes.ts';
import type { StoredRejection } from './suggest/rejections.ts';

export type Action = 'create' | 'delete' | 'update';

/** One change taken back or put back: which span, and how it must be stored afterwards (null: gone). */
export interface SpanStep {
  readonly spanId: number;
  readonly becomes: StoredSpan | null;
}

/** A claim card taken back or put back: how it must be stored afterwards (null: gone). */
export interface CardStep {
  readonly cardId: number;
  readonly becomes: StoredCard | null;
}

/** A layer's scope of a document taken back or put back: how its row must be stored afterwards (null: gone). */
export interface ScopeStep {
  readonly scopeId: number;
  readonly becomes: StoredScope | null;
}

/** A suggestion's rejection taken back (rejected false: its row goes) or put back (the row as it was). */
export interface RejectionStep {
  readonly row: StoredRejection;
  readonly rejected: boolean;
}

/** One undo or redo: every span change of the step, in the order to apply them, and its decisions. */
export interface Step {
  readonly spans: readonly SpanStep[];
  readonly decisions: readonly number[];
  readonly cards: readonly CardStep[];
  readonly scopes: readonly ScopeStep[];
  readonly rejections: readonly RejectionStep[];
}

interface Entry {
  seq: number;
  span_id: number | null;
  decision_id: number | null;
  card_id: number | null;
  scope_id: number | null;
  rejection_id: number | null;
  before: string | null;
  after: string | null;
}

/** Who made a change (`by`) and why: a review decision (of spans or cards, or of scope), when it was one. */
export interface Origin {
  readonly by: number;
  readonly decision?: number | undefined;
  readonly scopeDecision?: number | undefined;
}

/**
 * Every span change, per document and layer, in SQLite: undo and redo survive a reload and a
 * restart, and the table doubles as the audit trail (who, when, what, before and after). A layer
 * is an annotator's; in the gold layer, which reviewers share, `by` says who acted. Changes made
 * within one `inStep` are undone and redone together.
 */
export class History {
  private readonly statements;
  /** The seq of the first entry of the step being recorded, once it has one. */
  private step: { first: number | null } | null = null;

  constructor(db: Db) {
    this.statements = {
      record: db.prepare<[Record<string, unknown>], number>(`
        INSERT INTO history (document_id, annotator_id, by_id, step, span_id, decision_id, card_id, scope_id, rejection_id, scope_decision_id, action, before, after, at)
        VALUES (@document, @layer, @by, @step, @span, @decision, @card, @scope, @rejection, @scopeDecision, @action, @before, @after, @at)
        RETURNING seq`).pluck(),
      // A new change ends the redo branch.
      drop: db.prepare<[string, number]>(`
        UPDATE history SET state = 'dropped'
        WHERE document_id = ? AND annotator_id = ? AND state = 'undone'`),
      lastDone: db.prepare<[string, number], { key: number }>(`
        SELECT coalesce(step, seq) AS key FROM history
        WHERE document_id = ? AND annotator_id = ? AND state = 'done' ORDER BY seq DESC LIMIT 1`),
      firstUndone: db.prepare<[string, number], { key: number }>(`
        SELECT coalesce(step, seq) AS key FROM history
        WHERE document_id = ? AND annotator_id = ? AND state = 'undone' ORDER BY seq LIMIT 1`),
      entries: db.prepare<[number, number, string, number], Entry>(`
        SELECT seq, span_id, decision_id, card_id, scope_id, rejection_id, before, after FROM history
        WHERE (seq = ? OR step = ?) AND document_id = ? AND annotator_id = ? ORDER BY seq`),
      setState: db.prepare<['done' | 'undone', number]>('UPDATE history SET state = ? WHERE seq = ?'),
    };
  }

  /** Runs `body`, recording what it changes as one step of undo. */
  inStep<T>(body: () => T): T {
    if (this.step) return body();
    this.step = { first: null };
    try {
      return body();
    } finally {
      this.step = null;
    }
  }

  record(action: Action, before: StoredSpan | null, after: StoredSpan | null, origin: Origin): void {
    const span = (after ?? before)!;
    this.insert(span.document_id, span.annotator_id, origin, {
      span: span.id,
      action,
      before: before && JSON.stringify(before),
      after: after && JSON.stringify(after),
    });
  }

  /** A change to a claim's card (before null: made; after null: taken away), in the claim's layer. */
  recordCard(before: StoredCard | null, after: StoredCard | null, claim: Pick<StoredSpan, 'id' | 'document_id' | 'annotator_id'>, origin: Origin): void {
    this.insert(claim.document_id, claim.annotator_id, origin, {
      span: claim.id,
      card: (after ?? before)!.id,
      action: before === null ? 'create' : after === null ? 'delete' : 'update',
      before: before && JSON.stringify(before),
      after: after && JSON.stringify(after),
    });
  }

  /** A change to a layer's scope of a document (before null: its first). */
  recordScope(before: StoredScope | null, after: StoredScope, origin: Origin): void {
    this.insert(after.document_id, after.annotator_id, origin, {
      span: after.id,
      scope: after.id,
      action: before === null ? 'create' : 'update',
      before: before && JSON.stringify(before),
      after: JSON.stringify(after),
    });
  }

  /** A suggestion turned down in its layer: undo takes the rejection back, and it is offered again. */
  recordRejection(row: StoredRejection, origin: Origin): void {
    this.insert(row.document_id, row.annotator_id, origin, { span: row.id, rejection: row.id, action: 'create', before: null, after: JSON.stringify(row) });
  }

  /** A decision that changed no span (a rejection, or an acceptance of what gold already had). */
  recordDecision(documentId: string, layer: number, origin: Origin & { decision: number }): void {
    this.insert(documentId, layer, origin, { span: null, action: 'decide', before: null, after: null });
  }

  /** The latest step in the layer of the document still in effect, marked undone. */
  undo(documentId: string, layer: number): Step | null {
    const last = this.statements.lastDone.get(documentId, layer);
    if (!last) return null;
    const entries = this.entriesOf(last.key, documentId, layer).reverse();
    for (const entry of entries) this.statements.setState.run('undone', entry.seq);
    return stepOf(entries, 'before');
  }

  /** The step undone last, marked done again. */
  redo(documentId: string, layer: number): Step | null {
    const first = this.statements.firstUndone.get(documentId, layer);
    if (!first) return null;
    const entries = this.entriesOf(first.key, documentId, layer);
    for (const entry of entries) this.statements.setState.run('done', entry.seq);
    return stepOf(entries, 'after');
  }

  private entriesOf(key: number, documentId: string, layer: number): Entry[] {
    return this.statements.entries.all(key, key, documentId, layer);
  }

  private insert(
    document: string,
    layer: number,
    origin: Origin,
    change: {
      span: number | null;
      card?: number;
      scope?: number;
      rejection?: number;
      action: Action | 'decide';
      before: string | null;
      after: string | null;
    },
  ): void {
    if (!this.step || this.step.first === null) this.statements.drop.run(document, layer);
    const seq = this.statements.record.get({
      document,
      layer,
      by: origin.by,
      step: this.step?.first ?? null,
      decision: origin.decision ?? null,
      scopeDecision: origin.scopeDecision ?? null,
      card: null,
      scope: null,
      rejection: null,
      ...change,
      at: new Date().toISOString(),
    })!;
    if (this.step && this.step.first === null) this.step.first = seq;
  }
}

function stepOf(entries: readonly Entry[], side: 'before' | 'after'): Step {
  const spans: SpanStep[] = [];
  const cards: CardStep[] = [];
  const scopes: ScopeStep[] = [];
  const rejections: RejectionStep[] = [];
  const decisions = new Set<number>();
  for (const entry of entries) {
    if (entry.decision_id !== null) decisions.add(entry.decision_id);
    if (entry.span_id === null) continue;
    const json = entry[side];
    if (entry.rejection_id !== null) {
      // A rejection's entry is its making: the row is its after, whichever way the step goes.
      rejections.push({ row: JSON.parse(entry.after!) as StoredRejection, rejected: json !== null });
      continue;
    }
    if (entry.scope_id !== null) {
      scopes.push({ scopeId: entry.scope_id, becomes: json === null ? null : (JSON.parse(json) as StoredScope) });
      continue;
    }
    if (entry.card_id !== null) {
      cards.push({ cardId: entry.card_id, becomes: json === null ? null : (JSON.parse(json) as StoredCard) });
      continue;
    }
    spans.push({ spanId: entry.span_id, becomes: json === null ? null : (JSON.parse(json) as StoredSpan) });
  }
  return { spans, decisions: [...decisions], cards, scopes, rejections };
}
