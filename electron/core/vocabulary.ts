import type { Db } from './database.ts';

const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The whole words of the corpus, for the proclitic rule: رويترز after ل stands alone because the
 * corpus has it as a word of its own. They are kept in the library (the words table); the texts
 * imported since it was last brought up to date are read, once, at the next question.
 */
export class Vocabulary {
  private readonly db: Db;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    this.statements = {
      newest: db.prepare<[], number | null>('SELECT max(rowid) FROM documents').pluck(),
      through: db.prepare<[], number>('SELECT through FROM words_through').pluck(),
      textsAfter: db.prepare<[number], string>('SELECT text FROM documents WHERE rowid > ? ORDER BY rowid').pluck(),
      add: db.prepare<[string]>('INSERT INTO words (word) VALUES (?) ON CONFLICT DO NOTHING'),
      setThrough: db.prepare<[number]>('UPDATE words_through SET through = ?'),
      forget: db.prepare('DELETE FROM words'),
      // One query for all the candidates: the renderer asks with every stem of a document at once.
      known: db.prepare<[string], string>('SELECT value FROM json_each(?) WHERE value IN (SELECT word FROM words)').pluck(),
      all: db.prepare<[], string>('SELECT word FROM words').pluck(),
    };
  }

  /** The candidates that occur in the corpus as whole words. */
  known(candidates: readonly string[]): string[] {
    if (this.behind()) {
      // A library that can only be read cannot keep its words: they are read from the texts.
      if (this.db.readonly) return this.frozen()(candidates);
      this.db.transaction(() => this.catchUp()).immediate();
    }
    return this.statements.known.all(JSON.stringify(candidates));
  }

  /**
   * The words as they are now, for a reader inside one read transaction (an export's snapshot),
   * which cannot write: the words of texts not yet in the table are held in memory instead.
   */
  frozen(): (candidates: readonly string[]) => string[] {
    // Read once into memory: an export asks with every stem of every document.
    const words = new Set(this.statements.all.iterate());
    if (this.behind()) for (const text of this.statements.textsAfter.iterate(this.start())) addWords(text, words);
    return (candidates) => candidates.filter((word) => words.has(word));
  }

  private behind(): boolean {
    return (this.statements.newest.get() ?? 0) !== this.statements.through.get();
  }

  /** Where the table's words stop: a mark beyond the last document (never expected) starts over. */
  private start(): number {
    const through = this.statements.through.get()!;
    return through > (this.statements.newest.get() ?? 0) ? 0 : through;
  }

  private catchUp(): void {
    const from = this.start();
    if (from === 0) this.statements.forget.run();
    const words = new Set<string>();
    for (const text of this.statements.textsAfter.iterate(from)) addWords(text, words);
    for (const word of words) this.statements.add.run(word);
    this.statements.setThrough.run(this.statements.newest.get() ?? 0);
  }
}

function addWords(text: string, into: Set<string>): void {
  for (const [word] of text.matchAll(WORD)) into.add(word);
}
