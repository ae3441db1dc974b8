import type { Db } from './database.ts';
import type { StoredSpan } from './annotations.ts';

export type Action = 'create' | 'delete' | 'update';

/** One step taken back or forward: which span, and how it must be stored afterwards (null: gone). */
export interface Step {
  readonly spanId: number;
  readonly becomes: StoredSpan | null;
}

interface Entry {
  seq: number;
  span_id: number;
  before: string | null;
  after: string | null;
}

/**
 * Every span change, per document and annotator, in SQLite: undo and redo survive a reload and a
 * restart, and the table doubles as the audit trail (who, when, what, before and after).
 */
export class History {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      record: db.prepare<[string, number, number, Action, string | null, string | null, string]>(`
        INSERT INTO history (document_id, annotator_id, span_id, action, before, after, at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      // A new change ends the redo branch.
      drop: db.prepare<[string, number]>(`
        UPDATE history SET state = 'dropped'
        WHERE document_id = ? AND annotator_id = ? AND state = 'undone'`),
      lastDone: db.prepare<[string, number], Entry>(`
        SELECT seq, span_id, before, after FROM history
        WHERE document_id = ? AND annotator_id = ? AND state = 'done' ORDER BY seq DESC LIMIT 1`),
      firstUndone: db.prepare<[string, number], Entry>(`
        SELECT seq, span_id, before, after FROM history
        WHERE document_id = ? AND annotator_id = ? AND state = 'undone' ORDER BY seq LIMIT 1`),
      setState: db.prepare<['done' | 'undone', number]>('UPDATE history SET state = ? WHERE seq = ?'),
    };
  }

  record(action: Action, before: StoredSpan | null, after: StoredSpan | null): void {
    const span = (after ?? before)!;
    this.statements.drop.run(span.document_id, span.annotator_id);
    this.statements.record.run(
      span.document_id,
      span.annotator_id,
      span.id,
      action,
      before && JSON.stringify(before),
      after && JSON.stringify(after),
      new Date().toISOString(),
    );
  }

  /** The annotator's latest change in the document still in effect, marked undone. */
  undo(documentId: string, annotatorId: number): Step | null {
    const entry = this.statements.lastDone.get(documentId, annotatorId);
    if (!entry) return null;
    this.statements.setState.run('undone', entry.seq);
    return { spanId: entry.span_id, becomes: entry.before === null ? null : (JSON.parse(entry.before) as StoredSpan) };
  }

  /** The change undone last, marked done again. */
  redo(documentId: string, annotatorId: number): Step | null {
    const entry = this.statements.firstUndone.get(documentId, annotatorId);
    if (!entry) return null;
    this.statements.setState.run('done', entry.seq);
    return { spanId: entry.span_id, becomes: entry.after === null ? null : (JSON.parse(entry.after) as StoredSpan) };
  }
}
