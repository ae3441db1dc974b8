import Database from 'better-sqlite3';
import type { Db } from './database.ts';

/**
 * How far a table kept from the corpus texts (their words, their short lines) has read: the rowid
 * of the last document it took in, kept in a one-row table. Texts are only added, never changed,
 * so bringing the table up to date reads only the texts imported since.
 */
export class CorpusMark {
  private readonly db: Db;
  private readonly statements;

  /** `table` is the one-row table holding the mark, in a column named `through`. */
  constructor(db: Db, table: 'words_through' | 'scope_lines_through') {
    this.db = db;
    this.statements = {
      newest: db.prepare<[], number | null>('SELECT max(rowid) FROM documents').pluck(),
      through: db.prepare<[], number>(`SELECT through FROM ${table}`).pluck(),
      textsAfter: db.prepare<[number], string>('SELECT text FROM documents WHERE rowid > ? ORDER BY rowid').pluck(),
      textsBetween: db.prepare<[number, number], string>('SELECT text FROM documents WHERE rowid > ? AND rowid <= ? ORDER BY rowid').pluck(),
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

  /**
   * Brings the table up to date in two steps, so that the write lock is held only to write: what
   * the table takes from the texts after the mark is gathered in a read transaction (one snapshot;
   * the app's saves go on meanwhile), then stored in a short write transaction (a savepoint within
   * a change's). `store` is told to start over when the mark was beyond the last document. Nothing
   * is stored when another program brought the table up to date meanwhile, or holds the write lock
   * (an import, a restore): a question from the app then takes the table as it stands, and it is
   * brought up to date next time. `gather` must not run statements on this connection.
   */
  catchUp<T>(gather: (texts: Iterable<string>) => T, store: (gathered: T, startOver: boolean) => void): void {
    const { through, newest, gathered } = this.db
      .transaction(() => {
        const through = this.statements.through.get()!;
        const newest = this.statements.newest.get() ?? 0;
        const from = through > newest ? 0 : through;
        return { through, newest, gathered: gather(this.statements.textsBetween.iterate(from, newest)) };
      })
      .deferred();
    try {
      this.db
        .transaction(() => {
          if (this.statements.through.get() !== through) return;
          store(gathered, through > newest || through === 0);
          this.statements.setThrough.run(newest);
        })
        .immediate();
    } catch (error) {
      if (!(error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY'))) throw error;
    }
  }
}
