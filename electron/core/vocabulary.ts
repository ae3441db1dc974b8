import { CorpusMark } from './corpus-mark.ts';
import type { Db } from './database.ts';

/**
 * The whole words of the corpus, for the proclitic rule: رويترز after ل stands alone because the
 * corpus has it as a word of its own. They are kept in the library (the words table); the texts
 * added since it was last brought up to date are read once: by the import when it is done (on its
 * job's connection, not the thread that answers the app), else at the next question.
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
      this.catchUp();
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

  /** Reads the words of the texts added since (an import does it when it is done). */
  catchUp(): void {
    this.mark.catchUp(
      (texts) => {
        const words = new Set<string>();
        for (const text of texts) addWords(text, words);
        return words;
      },
      (words, startOver) => {
        if (startOver) this.statements.forget.run();
        for (const word of words) this.statements.add.run(word);
      },
    );
  }
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const ASTRAL_LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** For each UTF-16 unit outside the surrogates: 1 if it is a letter or a mark. Built at the first catch-up. */
let bmpLetters: Uint8Array | undefined;

function lettersTable(): Uint8Array {
  if (bmpLetters) return bmpLetters;
  bmpLetters = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) if (unit < 0xd800 || unit > 0xdfff) bmpLetters[unit] = LETTER_OR_MARK.test(String.fromCharCode(unit)) ? 1 : 0;
  return bmpLetters;
}

/**
 * Adds the whole words of `text`, its runs of letters and marks, to `into`. A loop over a table
 * rather than a Unicode-property regex: the first question after an import of 100,000 articles
 * reads 54 million characters, which took 5.1 s with matchAll and 1.9 s so.
 */
export function addWords(text: string, into: Set<string>): void {
  const letters = lettersTable();
  let start = -1;
  for (let at = 0; at <= text.length; at++) {
    const unit = at < text.length ? text.charCodeAt(at) : 0x20;
    // A letter outside the BMP (as a pair of surrogates) is rare enough to be asked of the regex.
    const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
    const letter = pair ? ASTRAL_LETTER_OR_MARK.test(text.slice(at, at + 2)) : letters[unit] === 1;
    if (letter) {
      if (start < 0) start = at;
    } else if (start >= 0) {
      into.add(text.slice(start, at));
      start = -1;
    }
    if (pair) at++;
  }
}
