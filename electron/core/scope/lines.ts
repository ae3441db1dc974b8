/**
 * The lines of a text as scope compares them, and how many documents of the corpus hold each short
 * line. The counts are kept in the library (scope_lines); the texts imported since they were last
 * brought up to date are read, once, at the next proposal, as the corpus words are (vocabulary.ts).
 */
import Database from 'better-sqlite3';
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
      try {
        // Within a change's transaction this is a savepoint of it.
        this.db.transaction(() => this.catchUp()).immediate();
      } catch (error) {
        // Another program holds the write lock (an import, say): opening a document must not wait
        // for it, so the counts are taken as they stand, and brought up to date next time.
        if (!(error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY'))) throw error;
      }
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

  private catchUp(): void {
    const from = this.mark.start();
    if (from === 0) this.statements.forget.run();
    // Read first, then written: the connection runs one statement at a time while iterating.
    const counts = new Map<string, number>();
    for (const text of this.mark.textsAfter(from)) for (const key of shortKeys(text)) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const [key, documents] of counts) this.statements.add.run({ key, documents });
    this.mark.caughtUp();
  }
}
