/**
 * An import: every file named (folders recursively), each in a transaction of its own, so that a
 * file goes in whole or not at all. It runs as a generator that yields progress after every
 * article: a door can drain it at once (the contract) or a slice at a time, staying responsive to
 * a cancel (the CLI's Ctrl+C).
 */
import type { ImportReport } from '../../contract/contract.ts';
import type { ImportProgress } from '../../contract/progress.ts';
import type { Encoding } from '../../contract/encodings.ts';
import { GOLD, layerName } from '../../contract/annotators.ts';
import { HamishError } from '../../contract/errors.ts';
import { Annotations } from '../annotations.ts';
import { Annotators } from '../annotators.ts';
import { Cards } from '../claims/cards.ts';
import type { Db } from '../database.ts';
import { Documents } from '../documents.ts';
import { History } from '../history.ts';
import { union } from '../scope/ranges.ts';
import { Scopes } from '../scope/scopes.ts';
import type { ScopeDraft } from './scope.ts';
import { Decisions, verdictWith } from '../review/decisions.ts';
import { atRecord, BadInput, reasonOf } from './bad-input.ts';
import type { ClaimDraft } from './claims.ts';
import type { DecisionDraft } from './decisions.ts';
import { KeptSpans } from './kept-spans.ts';
import { LineCounts } from '../scope/lines.ts';
import { Vocabulary } from '../vocabulary.ts';
import { placeOf, type ArticleParts, type PreparedArticle } from './prepared.ts';
import { readAhead, readsAhead } from './read-ahead.ts';
import { filesAt, openPrepared, type FoundFile, type ReadOptions } from './sources.ts';

export type { ImportProgress };

export interface ImportOptions extends ReadOptions {
  /** Whose the spans in a file are when the file does not say. */
  readonly annotator: string;
  /** Who runs the import, as the history records it (default: `annotator`). */
  readonly by?: string | undefined;
  /** Stops the import: the file being read is rolled back, the files before it stay. */
  readonly signal?: AbortSignal | undefined;
}

type Entry = ImportReport['imported'][number];
type Conflict = ImportReport['conflicts'][number];
type Added = { kind: 'imported' | 'duplicate'; entry: Entry } | { kind: 'conflict'; conflict: Conflict };

/** A path named for import that cannot be: missing, unreadable, not an importable file. */
interface Unreadable {
  readonly file: string;
  readonly error: unknown;
}

class Cancelled extends Error {}

/**
 * Every file to import, found first for the progress total; a path that cannot be read keeps its
 * place, to be reported in its turn.
 */
function findFiles(paths: readonly string[]): (FoundFile | Unreadable)[] {
  return paths.flatMap((path): (FoundFile | Unreadable)[] => {
    try {
      return filesAt(path);
    } catch (error) {
      return [{ file: path, error }];
    }
  });
}

export function* importSteps(db: Db, paths: readonly string[], options: ImportOptions): Generator<ImportProgress, ImportReport, undefined> {
  const report: ImportReport = { imported: [], duplicates: [], conflicts: [], failed: [], cancelled: false };
  const found = findFiles(paths);
  const files = found.filter((item): item is FoundFile => !('error' in item));
  const progress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((sum, { size }) => sum + size, 0),
    documents: 0,
  };
  const store = new Store(db, options.annotator, options.by ?? options.annotator);
  for (const item of found) {
    if ('error' in item) {
      report.failed.push({ file: item.file, reason: reasonOf(item.error) });
      continue;
    }
    const { file, size } = item;
    const before = {
      bytes: progress.bytesDone,
      imported: report.imported.length,
      duplicates: report.duplicates.length,
      conflicts: report.conflicts.length,
    };
    try {
      if (options.signal?.aborted) throw new Cancelled();
      store.startFile();
      yield* inTransaction(db, function* () {
        // A big file of records is read on another thread meanwhile: the inserts wait less.
        const { encoding, articles } = readsAhead(file, size) ? readAhead(file, options) : openPrepared(file, options);
        for (const read of articles) {
          if (options.signal?.aborted) throw new Cancelled();
          const added = store.add(file, read, encoding);
          if (added.kind === 'conflict') report.conflicts.push(added.conflict);
          else (added.kind === 'imported' ? report.imported : report.duplicates).push(added.entry);
          progress.documents++;
          progress.bytesDone = before.bytes + read.bytesRead;
          yield { ...progress };
        }
      });
    } catch (error) {
      // The file's transaction is rolled back: so are its lines in the report.
      report.imported.length = before.imported;
      report.duplicates.length = before.duplicates;
      report.conflicts.length = before.conflicts;
      if (error instanceof Cancelled) {
        report.failed.push({ file, reason: 'cancelled; nothing from this file was kept' });
        report.cancelled = true;
        break;
      }
      report.failed.push({ file, ...(error instanceof BadInput ? { line: error.line } : {}), reason: reasonOf(error) });
    }
    progress.filesDone++;
    progress.bytesDone = before.bytes + size;
    yield { ...progress };
  }
  return report;
}

/**
 * After an import, what is kept from the texts (their words, their short lines) is brought up to
 * date by the importer, on its connection (a job's, off the thread that answers the app), rather
 * than at the app's next question, which after 100,000 articles waited 7.8 s for it. The texts are
 * read without the write lock (corpus-mark.ts). Returns the report.
 */
export function keepUpWithImport(db: Db, report: ImportReport): ImportReport {
  if (report.imported.length > 0) for (const kept of [new Vocabulary(db), new LineCounts(db)]) kept.catchUp();
  return report;
}

/** Runs an import to the end at once. */
export function importFiles(db: Db, paths: readonly string[], options: ImportOptions): ImportReport {
  const steps = importSteps(db, paths, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs an import a slice of `sliceMs` at a time, letting the event loop run between slices (a
 * signal handler can cancel it). Only for a connection nothing else writes through meanwhile:
 * the file being read holds its transaction open across the slices.
 */
export async function importInSlices(
  steps: Generator<ImportProgress, ImportReport, undefined>,
  onProgress: (progress: ImportProgress) => void,
  sliceMs = 25,
): Promise<ImportReport> {
  for (;;) {
    const until = performance.now() + sliceMs;
    let step = steps.next();
    while (!step.done && performance.now() < until) step = steps.next();
    if (step.done) return step.value;
    onProgress(step.value);
    await new Promise((resume) => setImmediate(resume));
  }
}

/**
 * The body's writes commit together or not at all. Inside a transaction already (the samples of a
 * new library go in as one), a savepoint. BEGIN IMMEDIATE takes the write lock before the first
 * read, so that the duplicate check and the insert see the same library as another writer's.
 */
function* inTransaction<P, T>(db: Db, body: () => Generator<P, T, undefined>): Generator<P, T, undefined> {
  const nested = db.inTransaction;
  db.exec(nested ? 'SAVEPOINT import_file' : 'BEGIN IMMEDIATE');
  let committed = false;
  try {
    const result = yield* body();
    db.exec(nested ? 'RELEASE import_file' : 'COMMIT');
    committed = true;
    return result;
  } finally {
    // Also when the generator is abandoned half way: nothing of the file stays.
    if (!committed && db.inTransaction) db.exec(nested ? 'ROLLBACK TO import_file; RELEASE import_file' : 'ROLLBACK');
  }
}

/** Puts articles and their spans into the library. */
class Store {
  private readonly documents: Documents;
  private readonly annotations: Annotations;
  private readonly annotators: Annotators;
  private readonly history: History;
  private readonly kept: KeptSpans;
  private readonly decisions: Decisions;
  private readonly cards: Cards;
  private readonly scopes: Scopes;
  /** The largest card id the library had issued when this file's import began (read at its first card). */
  private cardsIssuedBefore: number | undefined;
  /** Annotator ids by name: a file rolled back takes its new names along, so they last one file. */
  private readonly annotatorIds = new Map<string, number>();

  private readonly defaultAnnotator: string;
  private readonly by: string;

  constructor(db: Db, defaultAnnotator: string, by: string) {
    this.defaultAnnotator = defaultAnnotator;
    this.by = by;
    this.documents = new Documents(db);
    this.annotations = new Annotations(db);
    this.annotators = new Annotators(db);
    this.history = new History(db);
    this.kept = new KeptSpans(db);
    this.decisions = new Decisions(db);
    this.cards = new Cards(db);
    this.scopes = new Scopes(db);
  }

  add(file: string, read: PreparedArticle, encoding: Encoding): Added {
    const { article, row, line } = read;
    return atRecord(placeOf(read), (): Added => {
      const outcome = this.documents.addRow(row, article.libraryId);
      if (outcome.kind === 'conflict') {
        const conflict: Conflict = { file, id: outcome.id, reason: 'text differs from the library\'s; its spans were not merged' };
        if (line !== undefined) conflict.line = line;
        return { kind: 'conflict', conflict };
      }
      // Before the spans: they are checked against it, as every door's are.
      this.addScope(outcome.id, article.scope);
      let spans = 0;
      /** Each span's id in the file, as stored here: what the decisions refer to. */
      const storedIds = new Map<number, number>();
      /** Each span's id here, by its place in the article: what the cards refer to. */
      const placed: number[] = [];
      // A text already in the library still takes the spans: that is how a colleague's tags merge.
      for (const span of article.spans) {
        const annotatorId = this.annotatorId(span.annotator ?? this.defaultAnnotator);
        const { start, end, label } = span;
        if (span.stored) this.kept.beforeCreate();
        const { row, created } = this.annotations.create({ documentId: outcome.id, annotatorId, label, start, end });
        const stored = created && span.stored ? this.kept.keep(row, span.stored) : row;
        if (span.stored?.id !== undefined) storedIds.set(span.stored.id, stored.id);
        placed.push(stored.id);
        if (created) {
          this.history.record('create', null, stored, { by: this.annotatorId(this.by) });
          spans++;
        }
      }
      this.addDecisions(outcome.id, article.decisions, storedIds);
      this.addStatuses(outcome.id, article);
      this.addCards(article.claims, placed);
      const entry: Entry = { file, id: outcome.id, spans };
      if (line !== undefined) entry.line = line;
      if (encoding !== 'utf-8') entry.encoding = encoding;
      return { kind: outcome.kind, entry };
    });
  }

  /**
   * The review decisions of the document, each recorded in the gold layer's history so it is in
   * effect (and can be undone) as if made here. One the library has already is left alone.
   */
  private addDecisions(documentId: string, decisions: readonly DecisionDraft[], storedIds: ReadonlyMap<number, number>): void {
    for (const { goldSpan, reviewer, ...decision } of decisions) {
      const found = { documentId, ...decision, reviewerId: this.annotatorId(reviewer) };
      // An acceptance whose gold span is not in the file (taken out of gold since) no longer stands.
      const verdict = verdictWith(decision.verdict, goldSpan === null ? null : storedIds.get(goldSpan));
      if (verdict === null || this.decisions.has(found)) continue;
      const id = this.decisions.add({ ...found, ...verdict });
      this.history.recordDecision(documentId, this.annotatorId(GOLD), { by: found.reviewerId, decision: id });
    }
  }

  /**
   * How far each annotator got, as the file says, where the library does not say already (its
   * own word wins, as for the text); then everyone whose spans came in has begun the document.
   */
  private addStatuses(documentId: string, { statuses, spans }: ArticleParts): void {
    for (const { annotator, status } of statuses) {
      this.documents.setStatusIfNone(documentId, this.annotatorId(annotator ?? this.defaultAnnotator), status);
    }
    for (const annotator of new Set(spans.map((span) => span.annotator ?? this.defaultAnnotator))) {
      if (annotator !== GOLD) this.documents.markStarted(documentId, this.annotatorId(annotator));
    }
  }

  /** What each layer left out of the article, joined to what it leaves out here: one step of its history. */
  private addScope(documentId: string, drafts: readonly ScopeDraft[]): void {
    for (const draft of drafts) {
      const layer = this.annotatorId(draft.annotator ?? this.defaultAnnotator);
      const scope = this.scopes.of(documentId, layer);
      const out = union([...scope.out, ...draft.out]);
      if (JSON.stringify(out) === JSON.stringify(scope.out)) continue;
      const { before, after } = this.scopes.change(documentId, layer, { ...scope, out });
      this.history.recordScope(before, after, { by: this.annotatorId(this.by) });
    }
  }

  /** The claim cards of the document, over its spans as stored here; a claim with a card keeps it. */
  private addCards(claims: readonly ClaimDraft[], placed: readonly number[]): void {
    for (const claim of claims) {
      this.cardsIssuedBefore ??= this.cards.issued();
      const roles = claim.roles.map(({ role, span }, i) => ({ role, span_id: placed[span]!, position: i }));
      const card = { id: claim.id, claim_id: placed[claim.claim]!, stance: claim.stance, cluster: claim.cluster, roles };
      const added = this.cards.add(card, this.cardsIssuedBefore);
      if (added) this.history.recordCard(null, added.card, added.claim, { by: this.annotatorId(this.by) });
    }
  }

  /** Forgets what a file rolled back may have taken along (new annotator names, span ids). */
  startFile(): void {
    this.annotatorIds.clear();
    this.kept.startFile();
    this.cardsIssuedBefore = undefined;
  }

  /** A name from the file is checked as any other door's: a bad one fails the record. */
  private annotatorId(name: string): number {
    let id = this.annotatorIds.get(name);
    if (id === undefined) {
      const checked = layerName(name);
      if (!checked.ok) throw new HamishError('invalid_input', checked.problem);
      this.annotatorIds.set(name, (id = this.annotators.idOf(checked.name)));
    }
    return id;
  }
}
