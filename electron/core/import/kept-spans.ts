import type { StoredSpan } from '../annotations.ts';
import type { Db } from '../database.ts';
import type { StoredFields } from './spans.ts';

/**
 * Hamish's own export carries each span's id, note and times. A span imported from it keeps them,
 * so that a library exported and imported again is the same library: the analyst's notes above
 * all. Its id is kept only if this library never issued it (span ids are never reused: the
 * history refers to them); else the span keeps the new id it was given.
 */
export class KeptSpans {
  private readonly statements;
  /** The largest span id the library had issued when this file's import began. */
  private issuedBefore: number | undefined;

  constructor(db: Db) {
    this.statements = {
      issued: db
        .prepare<[], number>(
          `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'annotations'), 0),
                      coalesce((SELECT max(id) FROM annotations), 0))`,
        )
        .pluck(),
      present: db.prepare<[number], 1>('SELECT 1 FROM annotations WHERE id = ?').pluck(),
      keep: db.prepare<[{ from: number; id: number; note: string | null; createdAt: string; updatedAt: string }]>(`
        UPDATE annotations SET id = @id, note = @note, created_at = @createdAt, updated_at = @updatedAt
        WHERE id = @from`),
    };
  }

  /** Each file reads the library afresh, inside its own transaction. */
  startFile(): void {
    this.issuedBefore = undefined;
  }

  /** Before the file's first span is created: what was issued before is the library's, not the file's. */
  beforeCreate(): void {
    this.issuedBefore ??= this.statements.issued.get()!;
  }

  /** Gives the span just created (`row`) what the export said of it; returns it as now stored. */
  keep(row: StoredSpan, stored: StoredFields): StoredSpan {
    const issuedBefore = this.issuedBefore!; // read by beforeCreate()
    const free = stored.id !== undefined && stored.id > issuedBefore && !this.statements.present.get(stored.id);
    const kept: StoredSpan = {
      ...row,
      id: free ? stored.id! : row.id,
      note: stored.note,
      created_at: stored.createdAt ?? row.created_at,
      updated_at: stored.updatedAt ?? row.updated_at,
    };
    this.statements.keep.run({ from: row.id, id: kept.id, note: kept.note, createdAt: kept.created_at, updatedAt: kept.updated_at });
    return kept;
  }
}
