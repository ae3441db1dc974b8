import Database from 'better-sqlite3';
import { GOLD } from '../contract/annotators.ts';
import type { DocumentSummary } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import type { Handlers } from '../contract/dispatch.ts';
import { Annotations } from './annotations.ts';
import { Annotators } from './annotators.ts';
import { Cards, edits } from './claims/cards.ts';
import { openDatabase, readOnlyError, type Db } from './database.ts';
import { Documents } from './documents.ts';
import { History, type Step } from './history.ts';
import { Vocabulary } from './vocabulary.ts';
import { LibraryWatch } from './library-watch.ts';
import { agreementDisagreements, agreementReport, agreementSummary } from './agreement/load.ts';
import { runExport } from './export/job.ts';
import { importFiles } from './import/import-files.ts';
import { listBackups, restoreFromBackup, rollingBackup, type BackupSettings } from './backup/backups.ts';
import { writeSnapshot } from './backup/snapshot.ts';
import { seedsDir } from './paths.ts';
import { Review } from './review/review.ts';
import { Session, type Annotator } from './session.ts';
import { HubLink, type HubLinkOptions } from '../hub/link.ts';

export interface HamishOptions {
  readonly database: string;
  /** Who is tagging; defaults to $HAMISH_ANNOTATOR, then the name chosen in the library, then the login name. */
  readonly annotator?: string;
  /** Fill a newly created library with the bundled sample articles (default true). */
  readonly seed?: boolean;
  /** Take a rolling automatic backup now if one is due (the app does, when it starts). */
  readonly autoBackup?: BackupSettings | undefined;
  /** The app's link to the team's hub: its keychain, and how often to sync on its own (none: only when asked). */
  readonly hub?: HubLinkOptions | undefined;
}

export interface Hamish {
  readonly db: Db;
  readonly handlers: Handlers;
  /** The library's path, as given (db.name is not it when a library that can only be read is read into memory). */
  readonly library: string;
  /** Why the library can only be read (a read-only disk or folder, say); null when it can be written. */
  readonly readOnly: string | null;
  close(): void;
}

/** Opens the core: the database, and the handlers every door dispatches to. */
export function openHamish(options: HamishOptions): Hamish {
  const opened = openDatabase(options.database);
  const { db } = opened;
  let session: Session;
  try {
    session = new Session(db, options.annotator);
  } catch (error) {
    db.close();
    throw error;
  }
  const documents = new Documents(db);
  // Not const: a restore (here or by another process) may give a document id another text, and
  // the edge checks keep texts indexed by document id.
  let annotations = new Annotations(db);

  if (opened.access === 'read-write' && opened.created && options.seed !== false) {
    db.transaction(() => importFiles(db, [seedsDir], { annotator: session.annotator.name })).immediate();
  }
  // A library that cannot be written changes under nobody's hands: there is nothing to back up.
  if (options.autoBackup && opened.access === 'read-write') {
    try {
      rollingBackup(db, options.autoBackup);
    } catch (error) {
      // A backup that cannot be written must not keep the analyst from working; it is said, though.
      console.error(`hamish: no automatic backup: ${(error as Error).message}`);
    }
  }

  const history = new History(db);
  const cards = new Cards(db);
  const vocabulary = new Vocabulary(db);
  const annotators = new Annotators(db);
  const watch = new LibraryWatch(db);
  const goldId = () => annotators.idOf(GOLD);
  const review = new Review({ db, annotations: () => annotations, documents, history, goldId });
  const hub = new HubLink(db, () => session.annotator.name, options.hub);
  /** The layer a change goes to: the session annotator's own, or gold. */
  const layerOf = (layer: 'gold' | undefined) => (layer === GOLD ? goldId() : session.id());
  const origin = () => ({ by: session.id() });
  const step = (taken: Step | null) => {
    if (!taken) return null;
    for (const { spanId, becomes } of taken.spans) annotations.restore(spanId, becomes);
    for (const { cardId, becomes } of taken.cards) cards.restore(cardId, becomes);
    return {
      spans: taken.spans.map(({ spanId, becomes }) => ({ spanId, span: becomes && annotations.get(spanId) })),
      decisions: [...taken.decisions],
      ...(taken.cards.length > 0 && {
        cards: taken.cards.map(({ cardId, becomes }) => ({ cardId, card: becomes && cards.shown(becomes.claim_id) })),
      }),
    };
  };
  /** The document as the library shows it to whoever is annotating: their status, their spans' count. */
  const summaryOf = (id: string): DocumentSummary => ({ ...documents.summary(id, session.annotator.name), review: review.statusOf(id) });

  /** Refuses any write to a library that can only be read, with the reason. */
  const writable = () => {
    if (opened.access === 'read-only') throw readOnlyError(options.database, opened.why);
  };
  /** Before a write: the library is still the file opened, and what is kept about it is fresh. */
  const freshen = () => {
    if (watch.beforeWrite()) annotations = new Annotations(db);
  };
  // Write transactions are IMMEDIATE: they take the write lock before their first read. A deferred
  // one that reads first fails at once (SQLITE_BUSY, no busy timeout) when another process (a
  // second app instance, a CLI import) wrote in between; an immediate one waits its turn. Under
  // the lock nobody else can commit, so what freshen() checks holds until this one commits.
  const write = <T>(change: () => T): T => {
    writable();
    return db.transaction(() => {
      freshen();
      return change();
    }).immediate();
  };

  const handlers: Handlers = {
    session: () => describe(session.annotator),
    setAnnotator: ({ name }) =>
      opened.access === 'read-only' ? describe(session.choose(name)) : write(() => describe(session.switchTo(name))),
    listAnnotators: () => annotators.names(session.annotator.confirmed ? session.annotator.name : undefined),
    listDocuments: () => {
      const status = review.statuses();
      return documents.list(session.annotator.name).map((summary) => ({ ...summary, review: status(summary.id) }));
    },
    openDocument: ({ id, layers = [session.annotator.name] }) => {
      const { text, meta, viewOffset } = documents.content(id);
      // The session's own layer is there even before their name is (a library only read, or restored since).
      if (layers !== 'all') review.checkAnnotators(layers.filter((name) => name !== session.annotator.name));
      const spans = annotations.forDocument(id).filter((span) => layers === 'all' || layers.includes(span.annotator));
      const read = new Set(spans.map((span) => span.id));
      return { summary: summaryOf(id), text, meta, viewOffset, spans, cards: cards.forDocument(id).filter((card) => read.has(card.claim)) };
    },
    createSpan: ({ layer, ...input }) =>
      write(() => {
        const { row, created } = annotations.create({ ...input, annotatorId: layerOf(layer) });
        if (created) history.record('create', null, row, origin());
        // The analyst's progress through the document; the gold layer's is its review.
        if (layer === undefined) documents.markStarted(input.documentId, session.id());
        return annotations.get(row.id);
      }),
    deleteSpan: ({ id, layer }) =>
      write(() => {
        history.record('delete', annotations.delete(id, layerOf(layer)), null, origin());
        return { id };
      }),
    updateSpan: ({ id, layer, ...changes }) =>
      write(() => {
        const { before, after } = annotations.update(id, layerOf(layer), changes);
        history.record('update', before, after, origin());
        return annotations.get(id);
      }),
    setStance: ({ claim, stance, layer }) => changeCard(claim, layer, edits.stance(stance)),
    linkRole: ({ claim, role, span, order, layer }) =>
      changeCard(claim, layer, (card, claimSpan) => {
        cards.filler(claimSpan, role, span);
        return edits.link(role, span, order)(card, claimSpan);
      }),
    unlinkRole: ({ claim, role, span, layer }) => changeCard(claim, layer, edits.unlink(role, span)),
    reorderVia: ({ claim, spans, layer }) => changeCard(claim, layer, edits.reorderVia(spans)),
    knownWords: ({ words }) => vocabulary.known(words),
    undo: ({ documentId, layer }) => write(() => step(history.undo(documentId, layerOf(layer)))),
    redo: ({ documentId, layer }) => write(() => step(history.redo(documentId, layerOf(layer)))),
    setDocumentStatus: ({ id, status }) =>
      write(() => {
        documents.setStatus(id, session.id(), status);
        return summaryOf(id);
      }),
    saveViewOffset: ({ id, offset }) =>
      write(() => {
        documents.setViewOffset(id, offset);
        return {};
      }),
    importFiles: ({ paths, annotator, ...read }) => {
      // Each file goes in in a transaction of its own (import-files.ts); the library is checked once, before the first.
      writable();
      freshen();
      return importFiles(db, paths, { ...read, annotator: annotator ?? session.annotator.name, by: session.annotator.name });
    },
    exportDataset: ({ out, ...request }) => ({ out, ...runExport(db, { ...request, destination: out }) }),
    backupLibrary: ({ out }) => writeSnapshot(db, out, options.database),
    listBackups: () => listBackups(options.database),
    restoreLibrary: ({ file }) => {
      writable();
      freshen();
      const restored = restoreFromBackup(db, file);
      // This connection's own commit does not move data_version: what is kept is dropped here.
      annotations = new Annotations(db);
      return restored;
    },
    agreement: (input) => agreementReport(db, input),
    agreementSummary: (input) => agreementSummary(db, input),
    agreementDisagreements: (input) => agreementDisagreements(db, input),
    reviewDocument: ({ documentId, annotators: names }) => review.document(documentId, names),
    decide: (request) => write(() => review.decide(request, session.id())),
    acceptAgreed: ({ documentId, annotators: names }) => write(() => review.acceptAgreed(documentId, names, session.id())),
    nextDisagreement: ({ fromDocument, fromOffset, direction, annotators: names }) =>
      review.nextDisagreement({ documentId: fromDocument, offset: fromOffset, direction }, names),
    syncStatus: () => hub.status(),
    syncNow: () => {
      writable();
      return hub.syncNow();
    },
    setHub: ({ url, password }) => write(() => hub.setHub(url, password)),
  };

  /** A change to a claim's card, saved and recorded like a span's. */
  function changeCard(claimId: number, layer: 'gold' | undefined, edit: Parameters<Cards['change']>[2]) {
    return write(() => {
      const { claim, before, after } = cards.change(claimId, layerOf(layer), edit);
      if (JSON.stringify(before) !== JSON.stringify(after)) history.recordCard(before, after, claim, origin());
      if (layer === undefined) documents.markStarted(claim.document_id, session.id());
      return cards.shown(claimId)!;
    });
  }

  return {
    db,
    handlers: withStorageErrors(handlers),
    library: options.database,
    readOnly: opened.access === 'read-only' ? opened.why : null,
    close: () => {
      hub.close();
      db.close();
    },
  };
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
