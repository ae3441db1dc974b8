/**
 * Each layer's scope of a document, as stored: the ranges it leaves out of the article, and the
 * proposed ranges it turned down (so that they are not proposed again). One row per document and
 * layer, read and written whole: a document has a handful of ranges, and the history keeps the
 * row before and after each change, so undo puts it back as it was.
 */
import type { Db } from '../database.ts';
import type { Range } from './ranges.ts';

/** A scope row exactly as stored (out and rejected: JSON lists of [start, end], merged). */
export interface StoredScope {
  readonly id: number;
  readonly document_id: string;
  readonly annotator_id: number;
  readonly out: string;
  readonly rejected: string;
}

export interface LayerScope {
  readonly out: readonly Range[];
  readonly rejected: readonly Range[];
}

const EMPTY: LayerScope = { out: [], rejected: [] };

export class Scopes {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      row: db.prepare<[string, number], StoredScope>('SELECT * FROM scopes WHERE document_id = ? AND annotator_id = ?'),
      insert: db.prepare<[{ document: string; layer: number; out: string; rejected: string }], StoredScope>(`
        INSERT INTO scopes (document_id, annotator_id, out, rejected) VALUES (@document, @layer, @out, @rejected)
        ON CONFLICT (document_id, annotator_id) DO UPDATE SET out = excluded.out, rejected = excluded.rejected
        RETURNING *`),
      put: db.prepare<[StoredScope]>(`
        INSERT OR REPLACE INTO scopes (id, document_id, annotator_id, out, rejected)
        VALUES (@id, @document_id, @annotator_id, @out, @rejected)`),
      delete: db.prepare<[number]>('DELETE FROM scopes WHERE id = ?'),
      named: db.prepare<[string, string], { name: string; out: string }>(`
        SELECT n.name, s.out FROM scopes s JOIN annotators n ON n.id = s.annotator_id
        WHERE s.document_id = ? AND n.name IN (SELECT value FROM json_each(?)) AND s.out <> '[]'
        ORDER BY n.name`),
      everyone: db.prepare<[string], { name: string; out: string }>(`
        SELECT n.name, s.out FROM scopes s JOIN annotators n ON n.id = s.annotator_id
        WHERE s.document_id = ? AND s.out <> '[]' ORDER BY n.name`),
    };
  }

  /** The layer's scope of the document (nothing left out when it has none). */
  of(documentId: string, layer: number): LayerScope {
    const row = this.statements.row.get(documentId, layer);
    return row ? parsed(row) : EMPTY;
  }

  /** The out-of-scope ranges of the named layers that have any, by name. */
  outByName(documentId: string, names: readonly string[]): { annotator: string; out: Range[] }[] {
    return this.statements.named.all(documentId, JSON.stringify(names)).map((row) => ({ annotator: row.name, out: JSON.parse(row.out) as Range[] }));
  }

  /** The out-of-scope ranges of every layer of the document that has any (gold's too), by name. */
  outOfEveryone(documentId: string): { annotator: string; out: Range[] }[] {
    return this.statements.everyone.all(documentId).map((row) => ({ annotator: row.name, out: JSON.parse(row.out) as Range[] }));
  }

  /** Stores the layer's new scope; returns the row before (null: there was none) and after. */
  change(documentId: string, layer: number, scope: LayerScope): { before: StoredScope | null; after: StoredScope } {
    const before = this.statements.row.get(documentId, layer) ?? null;
    const after = this.statements.insert.get({ document: documentId, layer, out: JSON.stringify(scope.out), rejected: JSON.stringify(scope.rejected) })!;
    return { before, after };
  }

  /** Puts a row back exactly as it was stored (undo and redo), or takes it away (null). */
  restore(id: number, row: StoredScope | null): void {
    if (row) this.statements.put.run(row);
    else this.statements.delete.run(id);
  }
}

export function parsed(row: Pick<StoredScope, 'out' | 'rejected'>): LayerScope {
  return { out: JSON.parse(row.out) as Range[], rejected: JSON.parse(row.rejected) as Range[] };
}
