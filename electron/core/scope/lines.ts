/**
 * The lines of a text as scope compares them, and how many documents of the corpus hold each short
 * line. The counts are kept in the library (scope_lines); the texts imported since they were last
 * brought up to date are read once: by the import when it is done, else at the next proposal, as
 * the corpus words are (vocabulary.ts).
 */
import { fold } from '../../text/normalise.ts';
import { CorpusMark } from '../corpus-mark.ts';
import type { Db } from '../database.ts';

/** A recurring line longer than this many words is article text an outlet took over, not boilerplate. */
export const RECURRING_WORDS = 16;

export interface Line {
  /** UTF-16, the line without its break. */
  readonly start: number;
  readonly end: number;
  /** UTF-16: where the next line that is not blank starts (the text's end after the last). */
  next: number;
  /** Folded, spaces collapsed, trimmed; '' for a blank line (and for a long one, unless asked for). */
  readonly key: string;
  /** Short enough (and with a letter or digit) to be counted across the corpus. */
  readonly short: boolean;
  readonly blank: boolean;
}

const WORDS_BREAK = /\s+/gu;

/** `everyKey`: fold long lines too (a proposal looks at every line; the corpus counts only short ones). */
export function linesOf(text: string, everyKey = true): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf('\n', start);
    const end = at === -1 ? text.length : at;
    const raw = text.slice(start, end);
    // Counted before folding: most lines of an article are paragraphs, never compared.
    const short = (raw.trim().match(WORDS_BREAK)?.length ?? 0) < RECURRING_WORDS && /[\p{L}\p{N}]/u.test(raw);
    const key = short || everyKey ? fold(raw).replace(WORDS_BREAK, ' ').trim() : '';
    lines.push({ start, end, next: text.length, key, short, blank: !/\S/u.test(raw) });
    if (at === -1) break;
    start = at + 1;
  }
  let next = text.length;
  for (let k = lines.length - 1; k >= 0; k--) {
    lines[k]!.next = next;
    if (!lines[k]!.blank) next = lines[k]!.start;
  }
  return lines;
}

function shortKeys(text: string): Set<string> {
  return new Set(linesOf(text, false).filter((line) => line.short).map((line) => line.key));
}

export class LineCounts {
  private readonly db: Db;
  private readonly mark: CorpusMark;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    this.mark = new CorpusMark(db, 'scope_lines_through');
    this.statements = {
      add: db.prepare<[{ key: string; documents: number }]>(
        'INSERT INTO scope_lines (key, documents) VALUES (@key, @documents) ON CONFLICT DO UPDATE SET documents = documents + @documents',
      ),
      forget: db.prepare('DELETE FROM scope_lines'),
      counts: db.prepare<[string], { key: string; documents: number }>(
        'SELECT key, documents FROM scope_lines WHERE key IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  /** In how many documents of the corpus each of `keys` occurs (absent: none counted, or not short). */
  of(keys: readonly string[]): Map<string, number> {
    if (this.mark.behind()) {
      if (this.db.readonly) return this.fromTexts(keys);
      this.catchUp();
    }
    return new Map(this.statements.counts.all(JSON.stringify(keys)).map(({ key, documents }) => [key, documents]));
  }

  /** A library that can only be read counts from the texts. */
  private fromTexts(keys: readonly string[]): Map<string, number> {
    const wanted = new Set(keys);
    const counts = new Map<string, number>();
    for (const text of this.mark.textsAfter(0)) {
      for (const key of shortKeys(text)) if (wanted.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Counts the short lines of the texts imported since (an import does it when it is done). */
  catchUp(): void {
    this.mark.catchUp(
      (texts) => {
        const counts = new Map<string, number>();
        for (const text of texts) for (const key of shortKeys(text)) counts.set(key, (counts.get(key) ?? 0) + 1);
        return counts;
      },
      (counts, startOver) => {
        if (startOver) this.statements.forget.run();
        for (const [key, documents] of counts) this.statements.add.run({ key, documents });
      },
    );
  }
}
