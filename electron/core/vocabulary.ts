import { CorpusMark } from './corpus-mark.ts';
import type { Db } from './database.ts';

const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The whole words of the corpus, for the proclitic rule: رويترز after ل stands alone because the
 * corpus has it as a word of its own. They are kept in the library (the words table); the texts
 * imported since it was last brought up to date are read, once, at the next question.
 */
export class Vocabulary {
  private readonly db: Db;
  private readonly mark: CorpusMark;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    this.mark = new CorpusMark(db, 'words_through');
    this.statements = {
      add: db.prepare<[string]>('INSERT INTO words (word) VALUES (?) ON CONFLICT DO NOTHING'),
      forget: db.prepare('DELETE FROM words'),
      // One query for all the candidates: the renderer asks with every stem of a document at once.
      known: db.prepare<[string], string>('SELECT value FROM json_each(?) WHERE value IN (SELECT word FROM words)').pluck(),
      all: db.prepare<[], string>('SELECT word FROM words').pluck(),
    };
  }

  /** The candidates that occur in the corpus as whole words. */
  known(candidates: readonly string[]): string[] {
    if (this.mark.behind()) {
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
    if (this.mark.behind()) for (const text of this.mark.textsAfter(this.mark.start())) addWords(text, words);
    return (candidates) => candidates.filter((word) => words.has(word));
  }

  private catchUp(): void {
    const from = this.mark.start();
    if (from === 0) this.statements.forget.run();
    const words = new Set<string>();
    for (const text of this.mark.textsAfter(from)) addWords(text, words);
    for (const word of words) this.statements.add.run(word);
    this.mark.caughtUp();
  }
}

function addWords(text: string, into: Set<string>): void {
  for (const [word] of text.matchAll(WORD)) into.add(word);
}
