import type { Db } from './database.ts';

/**
 * How far a table kept from the corpus texts (their words, their short lines) has read: the rowid
 * of the last document it took in, kept in a one-row table. Texts are only added, never changed,
 * so bringing the table up to date reads only the texts imported since.
 */
export class CorpusMark {
  private readonly statements;

  /** `table` is the one-row table holding the mark, in a column named `through`. */
  constructor(db: Db, table: 'words_through' | 'scope_lines_through') {
    this.statements = {
      newest: db.prepare<[], number | null>('SELECT max(rowid) FROM documents').pluck(),
      through: db.prepare<[], number>(`SELECT through FROM ${table}`).pluck(),
      textsAfter: db.prepare<[number], string>('SELECT text FROM documents WHERE rowid > ? ORDER BY rowid').pluck(),
      setThrough: db.prepare<[number]>(`UPDATE ${table} SET through = ?`),
    };
  }

  behind(): boolean {
    return (this.statements.newest.get() ?? 0) !== this.statements.through.get();
  }

  /** Where the table stops: 0 (read everything again) when the mark is beyond the last document, a library restored, say. */
  start(): number {
    const through = this.statements.through.get()!;
    return through > (this.statements.newest.get() ?? 0) ? 0 : through;
  }

  textsAfter(from: number): IterableIterator<string> {
    return this.statements.textsAfter.iterate(from);
  }

  /** The table now holds every text there is. */
  caughtUp(): void {
    this.statements.setThrough.run(this.statements.newest.get() ?? 0);
  }
}
