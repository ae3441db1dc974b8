/**
 * Suggestions the analyst turned down, per document and layer (migration 14): a rejected
 * suggestion does not come back, whichever source proposes it again. Offsets in code points, as
 * spans are stored. A rejection is a change of the layer (migration 16): its row goes into the
 * history, and undo takes it away again.
 */
import type { Label } from '../../contract/labels.ts';
import type { Db } from '../database.ts';

export interface Proposed {
  readonly label: Label;
  readonly start: number;
  readonly end: number;
}

/** A rejection's row exactly as stored. */
export interface StoredRejection {
  readonly id: number;
  readonly document_id: string;
  readonly annotator_id: number;
  readonly label: Label;
  readonly start: number;
  readonly end: number;
  readonly rejected_at: string;
}

export class Rejections {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      add: db.prepare<[{ document: string; layer: number; now: string } & Proposed], StoredRejection>(`
        INSERT INTO suggestion_rejections (document_id, annotator_id, label, start, "end", rejected_at)
        VALUES (@document, @layer, @label, @start, @end, @now) ON CONFLICT DO NOTHING RETURNING *`),
      of: db.prepare<[string, number], Proposed>(
        'SELECT label, start, "end" FROM suggestion_rejections WHERE document_id = ? AND annotator_id = ?',
      ),
      put: db.prepare<[StoredRejection]>(`
        INSERT OR REPLACE INTO suggestion_rejections (id, document_id, annotator_id, label, start, "end", rejected_at)
        VALUES (@id, @document_id, @annotator_id, @label, @start, @end, @rejected_at)`),
      delete: db.prepare<[number]>('DELETE FROM suggestion_rejections WHERE id = ?'),
    };
  }

  /** Records the rejections; returns the rows made (one rejected already makes none). */
  add(document: string, layer: number, rejected: readonly Proposed[]): StoredRejection[] {
    const now = new Date().toISOString();
    return rejected.flatMap((one) => this.statements.add.all({ document, layer, now, label: one.label, start: one.start, end: one.end }));
  }

  /** Puts a row back exactly as it was stored (redo), or takes it away (undo: null). */
  restore(id: number, row: StoredRejection | null): void {
    if (row) this.statements.put.run(row);
    else this.statements.delete.run(id);
  }

  /** Whether a suggestion was rejected in the layer, as one test for the document's suggestions. */
  of(document: string, layer: number): (proposed: Proposed) => boolean {
    const keys = new Set(this.statements.of.all(document, layer).map(keyOf));
    return (proposed) => keys.has(keyOf(proposed));
  }
}

function keyOf({ label, start, end }: Proposed): string {
  return `${label} ${start} ${end}`;
}
