import type { Db } from './database.ts';

const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The whole words of the corpus, for the proclitic rule: رويترز after ل stands alone because the
 * corpus has it as a word of its own. Built on first use and again after the library changes.
 */
export class Vocabulary {
  private readonly texts;
  private readonly version;
  private words: Set<string> | null = null;
  private builtFor = '';

  constructor(db: Db) {
    this.texts = db.prepare<[], { text: string }>('SELECT text FROM documents');
    this.version = db.prepare<[], { stamp: string }>(
      `SELECT count(*) || ':' || coalesce(max(imported_at), '') AS stamp FROM documents`,
    );
  }

  known(candidates: readonly string[]): string[] {
    const stamp = this.version.get()!.stamp;
    if (this.words === null || stamp !== this.builtFor) {
      const words = new Set<string>();
      for (const { text } of this.texts.iterate()) for (const [word] of text.matchAll(WORD)) words.add(word);
      this.words = words;
      this.builtFor = stamp;
    }
    return candidates.filter((word) => this.words!.has(word));
  }

  /**
   * The words as they are now, for a reader that sees one snapshot of the library (an export's
   * read transaction): `known` checks for changes at every call, a count over every document,
   * which an export asking once a document would pay once a document.
   */
  frozen(): (candidates: readonly string[]) => string[] {
    this.known([]);
    const words = this.words!;
    return (candidates) => candidates.filter((word) => words.has(word));
  }
}
