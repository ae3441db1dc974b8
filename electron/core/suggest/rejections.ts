/**
 * Suggestions the analyst turned down, per document and layer (migration 14): a rejected
 * suggestion does not come back, whichever source proposes it again. Offsets in code points, as
 * spans are stored.
 */
import type { Label } from '../../contract/labels.ts';
import type { Db } from '../database.ts';

export interface Proposed {
  readonly label: Label;
  readonly start: number;
  readonly end: number;
}

export class Rejections {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      add: db.prepare<[{ document: string; layer: number; now: string } & Proposed]>(`
        INSERT INTO suggestion_rejections (document_id, annotator_id, label, start, "end", rejected_at)
        VALUES (@document, @layer, @label, @start, @end, @now) ON CONFLICT DO NOTHING`),
      of: db.prepare<[string, number], Proposed>(
        'SELECT label, start, "end" FROM suggestion_rejections WHERE document_id = ? AND annotator_id = ?',
      ),
    };
  }

  add(document: string, layer: number, rejected: readonly Proposed[]): void {
    const now = new Date().toISOString();
    for (const one of rejected) this.statements.add.run({ document, layer, now, label: one.label, start: one.start, end: one.end });
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
