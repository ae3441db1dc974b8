import Database from 'better-sqlite3';
import { GOLD } from '../contract/annotators.ts';
import type { DocumentSummary } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import type { Handlers } from '../contract/dispatch.ts';
import { Annotations } from './annotations.ts';
import { Annotators } from './annotators.ts';
import { openDatabase, type Db } from './database.ts';
import { Documents } from './documents.ts';
import { History, type Step } from './history.ts';
import { Vocabulary } from './vocabulary.ts';
import { agreementDisagreements, agreementReport, agreementSummary } from './agreement/load.ts';
import { runExport } from './export/job.ts';
import { importFiles } from './import/import-files.ts';
import { listBackups, restoreFromBackup, rollingBackup, type BackupSettings } from './backup/backups.ts';
import { writeSnapshot } from './backup/snapshot.ts';
import { seedsDir } from './paths.ts';
import { Review } from './review/review.ts';
import { Session, type Annotator } from './session.ts';

export interface HamishOptions {
  readonly database: string;
  /** Who is tagging; defaults to $HAMISH_ANNOTATOR, then the name chosen in the library, then the login name. */
  readonly annotator?: string;
  /** Fill a newly created library with the bundled sample articles (default true). */
  readonly seed?: boolean;
  /** Take a rolling automatic backup now if one is due (the app does, when it starts). */
  readonly autoBackup?: BackupSettings | undefined;
}

export interface Hamish {
  readonly db: Db;
  readonly handlers: Handlers;
  close(): void;
}

/** Opens the core: the database, and the handlers every door dispatches to. */
export function openHamish(options: HamishOptions): Hamish {
  const { db, created } = openDatabase(options.database);
  const documents = new Documents(db);
  // Not const: a restore replaces the texts its edge checks keep indexed by document id.
  let annotations = new Annotations(db);
  let session: Session;
  try {
    session = new Session(db, options.annotator);
  } catch (error) {
    db.close();
    throw error;
  }

  if (created && options.seed !== false) {
    db.transaction(() => importFiles(db, [seedsDir], { annotator: session.annotator.name })).immediate();
  }
  if (options.autoBackup) {
    try {
      rollingBackup(db, options.autoBackup);
    } catch (error) {
      // A backup that cannot be written must not keep the analyst from working; it is said, though.
      console.error(`hamish: no automatic backup: ${(error as Error).message}`);
    }
  }

  const history = new History(db);
  const vocabulary = new Vocabulary(db);
  const annotators = new Annotators(db);
  const goldId = () => annotators.idOf(GOLD);
  const review = new Review({ db, annotations: () => annotations, documents, history, goldId });
  /** The layer a change goes to: the session annotator's own, or gold. */
  const layerOf = (layer: 'gold' | undefined) => (layer === GOLD ? goldId() : session.annotator.id);
  const origin = () => ({ by: session.annotator.id });
  const step = (taken: Step | null) => {
    if (!taken) return null;
    for (const { spanId, becomes } of taken.spans) annotations.restore(spanId, becomes);
    return {
      spans: taken.spans.map(({ spanId, becomes }) => ({ spanId, span: becomes && annotations.get(spanId) })),
      decisions: [...taken.decisions],
    };
  };
  const summaryOf = (id: string): DocumentSummary => ({ ...documents.summary(id), review: review.statusOf(id) });

  // Write transactions are IMMEDIATE: they take the write lock before their first read. A deferred
  // one that reads first fails at once (SQLITE_BUSY, no busy timeout) when another process (a
  // second app instance, a CLI import) wrote in between; an immediate one waits its turn.
  const handlers: Handlers = {
    session: () => describe(session.annotator),
    setAnnotator: ({ name }) => db.transaction(() => describe(session.switchTo(name))).immediate(),
    listAnnotators: () => annotators.names(session.annotator.confirmed ? session.annotator.name : undefined),
    listDocuments: () => {
      const status = review.statuses();
      return documents.list().map((summary) => ({ ...summary, review: status(summary.id) }));
    },
    openDocument: ({ id, layers = [session.annotator.name] }) => {
      const { text, meta, viewOffset } = documents.content(id);
      if (layers !== 'all') review.checkAnnotators(layers);
      const spans = annotations.forDocument(id).filter((span) => layers === 'all' || layers.includes(span.annotator));
      return { summary: summaryOf(id), text, meta, viewOffset, spans };
    },
    createSpan: ({ layer, ...input }) =>
      db.transaction(() => {
        const { row, created } = annotations.create({ ...input, annotatorId: layerOf(layer) });
        if (created) history.record('create', null, row, origin());
        // The analyst's progress through the document; reviewing it is another matter.
        if (layer === undefined) documents.markStarted(input.documentId);
        return annotations.get(row.id);
      }).immediate(),
    deleteSpan: ({ id, layer }) =>
      db.transaction(() => {
        history.record('delete', annotations.delete(id, layerOf(layer)), null, origin());
        return { id };
      }).immediate(),
    updateSpan: ({ id, layer, ...changes }) =>
      db.transaction(() => {
        const { before, after } = annotations.update(id, layerOf(layer), changes);
        history.record('update', before, after, origin());
        return annotations.get(id);
      }).immediate(),
    knownWords: ({ words }) => vocabulary.known(words),
    undo: ({ documentId, layer }) => db.transaction(() => step(history.undo(documentId, layerOf(layer)))).immediate(),
    redo: ({ documentId, layer }) => db.transaction(() => step(history.redo(documentId, layerOf(layer)))).immediate(),
    setDocumentStatus: ({ id, status }) => {
      documents.setStatus(id, status);
      return summaryOf(id);
    },
    saveViewOffset: ({ id, offset }) => {
      documents.setViewOffset(id, offset);
      return {};
    },
    importFiles: ({ paths, annotator, ...read }) => importFiles(db, paths, { ...read, annotator: annotator ?? session.annotator.name, by: session.annotator.name }),
    exportDataset: ({ out, ...request }) => ({ out, ...runExport(db, { ...request, destination: out }) }),
    backupLibrary: ({ out }) => writeSnapshot(db, out),
    listBackups: () => listBackups(db),
    restoreLibrary: ({ file }) => {
      const restored = restoreFromBackup(db, file);
      annotations = new Annotations(db);
      // The backup numbers its annotators its own way: the session's id is looked up again.
      session.rejoin();
      return restored;
    },
    agreement: (input) => agreementReport(db, input),
    agreementSummary: (input) => agreementSummary(db, input),
    agreementDisagreements: (input) => agreementDisagreements(db, input),
    reviewDocument: ({ documentId, annotators: names }) => review.document(documentId, names),
    decide: (request) => db.transaction(() => review.decide(request, session.annotator.id)).immediate(),
    acceptAgreed: ({ documentId, annotators: names }) =>
      db.transaction(() => review.acceptAgreed(documentId, names, session.annotator.id)).immediate(),
    nextDisagreement: ({ fromDocument, fromOffset, direction, annotators: names }) =>
      review.nextDisagreement({ documentId: fromDocument, offset: fromOffset, direction }, names),
  };

  return { db, handlers: withStorageErrors(handlers), close: () => db.close() };
}

function describe({ name, confirmed }: Annotator): { annotator: string; confirmed: boolean } {
  return { annotator: name, confirmed };
}

/**
 * A write the disk or another process refuses (full, read-only, locked past the busy timeout) is
 * not the analyst's mistake: it is said as an 'io' error with SQLite's reason, so the UI keeps the
 * change on screen to try again rather than dropping it.
 */
function withStorageErrors(handlers: Handlers): Handlers {
  const guarded: Record<string, (input: never) => unknown> = {};
  for (const [operation, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
    guarded[operation] = (input) => {
      try {
        return handler(input);
      } catch (error) {
        if (error instanceof Database.SqliteError) {
          throw new HamishError('io', `the library cannot be written now (${error.code}): ${error.message}`, { cause: error });
        }
        throw error;
      }
    };
  }
  return guarded as unknown as Handlers;
}
