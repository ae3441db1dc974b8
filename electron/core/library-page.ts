import type { Input } from '../contract/contract.ts';
import { foldedWords } from '../text/normalise.ts';
import { searchForm } from '../text/search-form.ts';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.ts';
import { SUMMARY_COLUMNS, type StoredSummary } from './documents.ts';
import type { FirstLettersData } from './first-letters-worker.ts';
import { has, matchesOf, type FirstLetters, type Matches } from './library-matches.ts';

/** What a word may carry in front of it in a text: a search for بغداد finds وبغداد and لبغداد. */
const PROCLITICS = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل'];
/** ل before the article takes its alef: ل + العراق is للعراق. */
const BEFORE_ARTICLE = ['لل', 'ولل', 'فلل'];

/**
 * The FTS5 query of each word the analyst typed, in the index's search form (none: nothing to
 * search for): the word as the start of an indexed word, bare or after a proclitic. A document
 * matches if it matches every word's. Words are letters and digits only, so no quote or operator
 * of FTS5's can get in.
 */
export function wordQueries(query: string): string[] {
  return foldedWords(query).map(searchForm).map((word) => {
    const forms = PROCLITICS.map((proclitic) => proclitic + word);
    if (word.startsWith('ال') && word.length > 2) forms.push(...BEFORE_ARTICLE.map((proclitic) => proclitic + word.slice(2)));
    // A form that starts with another finds nothing more (بب after ب): the index is not asked it.
    const needed = forms.filter((form) => !forms.some((other) => other !== form && form.startsWith(other)));
    return needed.map((form) => `"${form}"*`).join(' OR ');
  });
}

/** How many searches' matches are kept: the words being typed, and the last few before them. */
const KEPT = 16;

/**
 * From this many documents on, the first letters' matches are read ahead, off the thread that
 * answers (first-letters-worker.ts): below it, a first letter is read within a frame when typed.
 */
const READ_LETTERS_FROM = 10_000;
/** After the list's first page: the first screen is painted before another core is taken. */
const READ_LETTERS_AFTER_MS = 1000;
const LETTERS_WORKER = new URL('./first-letters-worker.js', import.meta.url);

/** Every letter and digit a word may begin with, folded (one form for the alefs, say), as FTS5 queries. */
const FIRST_LETTERS: readonly string[] = [
  ...new Set(
    [...Array.from({ length: 0x064a - 0x0621 + 1 }, (_, i) => String.fromCodePoint(0x0621 + i)), ...'abcdefghijklmnopqrstuvwxyz0123456789']
      .flatMap(wordQueries),
  ),
];

/** Matches read in a state of the library (LibraryPages.stateOf), by FTS5 query. */
interface ReadIn {
  readonly state: string;
  readonly matches: Map<string, Matches>;
}

type PageInput = Input<'libraryPage'>;

/**
 * Pages of the library's list, searched by title and text (the index of migration 18).
 *
 * A search's matches are read from the index once and kept as a bitmap while no document comes or
 * goes; a page walks the list in id order and keeps the documents whose bit is set. SQLite's own
 * way, the matches as an ephemeral set beside the walk, built that set again for each page: at
 * 100,000 documents, 35 ms for a first letter (87,208 matches) on top of counting them. Each word
 * typed is looked up on its own and the bitmaps intersected; the first letters of a large library
 * are read ahead in a worker once its list is first asked for, since merging a letter's forms in
 * the index takes longer than a frame however it is done.
 */
export class LibraryPages {
  private readonly statements;
  private readonly file: string | null;
  /** The searches asked since the library last changed, the latest last. */
  private kept: ReadIn = { state: '', matches: new Map() };
  /** Every first letter's, read ahead. */
  private letters: ReadIn = { state: '', matches: new Map() };
  private readingLetters:
    | { readonly kind: 'waiting'; readonly timer: NodeJS.Timeout }
    | { readonly kind: 'reading'; readonly worker: Worker; readonly read: Promise<void> }
    | null = null;

  constructor(db: Db) {
    this.file = db.memory ? null : db.name;
    this.statements = {
      total: db.prepare<[], number>('SELECT count(*) FROM documents').pluck(),
      lastRowid: db.prepare<[], number | null>('SELECT max(rowid) FROM documents').pluck(),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      matches: db.prepare<[string], number>('SELECT rowid FROM document_search WHERE document_search MATCH ?').pluck(),
      page: db.prepare<[{ annotator: string; limit: number; offset: number }], StoredSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.id LIMIT @limit OFFSET @offset`,
      ),
      listed: db.prepare<[], number>('SELECT rowid FROM documents INDEXED BY documents_listed ORDER BY id').pluck(),
      byRowids: db.prepare<[{ annotator: string; rowids: string }], StoredSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.rowid IN (SELECT value FROM json_each(@rowids)) ORDER BY d.id`,
      ),
      // Where a document is: how many come before it, if it is there.
      before: db.prepare<[{ id: string }], number>('SELECT count(*) FROM documents WHERE id < @id').pluck(),
      rowid: db.prepare<[{ id: string }], number>('SELECT rowid FROM documents WHERE id = @id').pluck(),
    };
  }

  page(annotator: string, { query, from, limit }: PageInput): { offset: number; documents: StoredSummary[]; matching: number; total: number } {
    const words = wordQueries(query);
    const total = this.statements.total.get()!;
    if (words.length === 0) {
      if (total >= READ_LETTERS_FROM) this.readLettersSoon(total);
      const offset = 'offset' in from ? from.offset : this.startAround(from.around, null, limit);
      return { offset, documents: offset >= total ? [] : this.statements.page.all({ annotator, limit, offset }), matching: total, total };
    }
    const matches = this.matchesOfAll(words, total);
    const offset = 'offset' in from ? from.offset : this.startAround(from.around, matches, limit);
    if (offset >= matches.size) return { offset, documents: [], matching: matches.size, total };
    const rowids: number[] = [];
    let skipped = 0;
    for (const rowid of this.statements.listed.iterate()) {
      if (!has(matches, rowid) || skipped++ < offset) continue;
      if (rowids.push(rowid) === limit) break;
    }
    return { offset, documents: this.statements.byRowids.all({ annotator, rowids: JSON.stringify(rowids) }), matching: matches.size, total };
  }

  /** A page's start that shows `id` a quarter of the way down; the top when it is not in the list. */
  private startAround(id: string, matches: Matches | null, limit: number): number {
    const rowid = this.statements.rowid.get({ id });
    if (rowid === undefined) return 0;
    let position: number;
    if (matches === null) position = this.statements.before.get({ id })!;
    else {
      if (!has(matches, rowid)) return 0;
      position = 0;
      for (const listed of this.statements.listed.iterate()) {
        if (listed === rowid) break;
        if (has(matches, listed)) position++;
      }
    }
    return Math.max(0, position - Math.floor(limit / 4));
  }

  /**
   * The documents every word's query finds. Each word's matches are looked up on their own, so
   * that a second word typed finds the first one's kept.
   */
  private matchesOfAll(words: readonly string[], total: number): Matches {
    const { state, last } = this.stateOf(total);
    if (this.kept.state !== state) this.kept = { state, matches: new Map() };
    const [first, ...rest] = words.map((word) => this.matchesOf(word, state, last));
    if (rest.length === 0) return first!;
    const bits = first!.bits.map((word, i) => rest.reduce((all, other) => all & other.bits[i]!, word));
    let size = 0;
    for (let word of bits) for (; word !== 0; size++) word &= word - 1;
    return { bits, size };
  }

  /** The documents `match` finds: kept, read ahead, or read now. */
  private matchesOf(match: string, state: string, last: number): Matches {
    const { matches } = this.kept;
    let found = matches.get(match);
    if (found) matches.delete(match);
    else {
      found = (this.letters.state === state ? this.letters.matches.get(match) : undefined) ?? matchesOf(this.statements.matches.all(match), last);
      if (matches.size === KEPT) matches.delete(matches.keys().next().value!);
    }
    matches.set(match, found);
    return found;
  }

  /**
   * What matches read in stay good for: until a document is added (the count and the last rowid
   * move: documents are never taken out but by a restore, which makes a new LibraryPages) or
   * another connection commits (data_version moves).
   */
  private stateOf(total: number): { state: string; last: number } {
    const last = this.statements.lastRowid.get() ?? 0;
    return { state: `${this.statements.dataVersion.get()} ${total} ${last}`, last };
  }

  private readLettersSoon(total: number): void {
    if (this.readingLetters || this.file === null || this.letters.state === this.stateOf(total).state) return;
    const timer = setTimeout(() => {
      this.readingLetters = null;
      // A library that cannot be read ahead leaves each letter to be read when it is typed.
      this.readLetters().catch(() => {});
    }, READ_LETTERS_AFTER_MS).unref();
    this.readingLetters = { kind: 'waiting', timer };
  }

  /**
   * Reads every first letter's matches in a worker, unless they are read in the library as it is
   * now; what it hands back is kept if the library is still the one it read (settles then).
   */
  readLetters(): Promise<void> {
    if (this.readingLetters?.kind === 'reading') return this.readingLetters.read;
    if (this.readingLetters) clearTimeout(this.readingLetters.timer);
    this.readingLetters = null;
    const total = this.statements.total.get()!;
    const before = this.stateOf(total);
    if (this.file === null || this.letters.state === before.state) return Promise.resolve();
    const worker = new Worker(LETTERS_WORKER, { workerData: { library: this.file, matches: FIRST_LETTERS } satisfies FirstLettersData });
    worker.unref();
    const read = new Promise<void>((resolve, reject) => {
      worker.once('message', (letters: FirstLetters) => {
        // Closed meanwhile (its connection may be too): what the worker read is not wanted.
        if (this.readingLetters?.kind !== 'reading' || this.readingLetters.worker !== worker) return resolve();
        const now = this.stateOf(this.statements.total.get()!);
        if (now.state === before.state && letters.total === total && letters.last === before.last) {
          this.letters = { state: now.state, matches: new Map(letters.found.map(([match, bits, size]) => [match, { bits, size }])) };
        }
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the first letters' worker stopped (${code})`)));
    }).finally(() => {
      this.readingLetters = null;
    });
    this.readingLetters = { kind: 'reading', worker, read };
    return read;
  }

  /** Stops reading ahead: the library is being closed, or restored. */
  close(): void {
    if (this.readingLetters?.kind === 'waiting') clearTimeout(this.readingLetters.timer);
    if (this.readingLetters?.kind === 'reading') void this.readingLetters.worker.terminate();
    this.readingLetters = null;
  }
}
