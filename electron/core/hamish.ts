import { GOLD } from '../contract/annotators.ts';
import type { DocumentScope, DocumentSummary } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import type { Handlers } from '../contract/dispatch.ts';
import { Annotations } from './annotations.ts';
import { Annotators } from './annotators.ts';
import { Cards, edits } from './claims/cards.ts';
import { openDatabase, readOnlyError } from './database.ts';
import { Documents } from './documents.ts';
import { LibraryPages } from './library-page.ts';
import { History, type Step } from './history.ts';
import { Jobs } from './jobs/jobs.ts';
import { Vocabulary } from './vocabulary.ts';
import { LibraryWatch } from './library-watch.ts';
import { agreementDisagreements, agreementReport, agreementSummary } from './agreement/load.ts';
import { clusterAgreement } from './agreement/clusters.ts';
import { CandidateIndex } from './clusters/candidates.ts';
import { Clusters } from './clusters/clusters.ts';
import { runExport } from './export/job.ts';
import { BadInput } from './import/bad-input.ts';
import { importFiles, keepUpWithImport } from './import/import-files.ts';
import { readText } from './import/lines.ts';
import { listBackups, restoreFromBackup, rollingBackup, type BackupSettings } from './backup/backups.ts';
import { writeSnapshot } from './backup/snapshot.ts';
import { seedsDir } from './paths.ts';
import { Review } from './review/review.ts';
import { bringIn, markOut, reject } from './scope/edit.ts';
import { proposeScope } from './scope/propose.ts';
import { inScope, type Range } from './scope/ranges.ts';
import { Scopes, type LayerScope } from './scope/scopes.ts';
import { CodePointIndex } from '../text/codepoints.ts';
import { AnnotatorChoice, type Annotator } from './annotator-choice.ts';
import { parseGazetteer, Gazetteer } from './suggest/gazetteer.ts';
import { Suggester } from './suggest/suggestions.ts';
import { storageError } from './storage-errors.ts';
import { keepConnection } from './connection-of.ts';
import { HubLink, type HubLinkOptions } from './hub/link.ts';
import { syncAs, type SyncReport } from './hub/sync.ts';
import { uploadCorpus, type Upload } from './hub/upload.ts';
import type { HubUrl } from '../hub/connect.ts';
import type pg from 'pg';

export type { Jobs };
export type { ExportResult } from './export/job.ts';
export { backupSettings, backupsDir } from './backup/backups.ts';
export { BUSY_TIMEOUT_MS, readOnlyError } from './database.ts';
export { defaultDatabasePath } from './paths.ts';
export { SYNC_EVERY, type SecretStore } from './hub/link.ts';

/** A text file read as import reads one (BOM, UTF-16, legacy Arabic code pages); a refusal names the file and line. */
export function readTextFile(file: string): string {
  try {
    return readText(file, undefined).text;
  } catch (error) {
    if (error instanceof BadInput) throw new HamishError('invalid_input', `${file}:${error.line}: ${error.message}`);
    throw error;
  }
}

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
  readonly handlers: Handlers;
  /** The long operations, each off this thread on a connection of its own. */
  readonly jobs: Jobs;
  /** The hub as the CLI reaches it, with a URL given on the command line rather than the one set in the library. */
  readonly hub: {
    /** One sync of this library with `hub`, as the session's annotator. */
    sync(hub: HubUrl): Promise<SyncReport>;
    /** (A lead) puts every document of this library on the hub `client` is connected to. */
    upload(client: pg.Client): Promise<Upload>;
  };
  /** The library's path, as given (db.name is not it when a library that can only be read is read into memory). */
  readonly library: string;
  /**
   * From now on a write that finds the library's lock taken is refused at once (an 'io' error
   * caused by SQLITE_BUSY) rather than SQLite sleeping this thread until it is free: for a door
   * whose one thread answers every request and waits its own way (server/lock-wait.ts).
   */
  refuseWhenBusy(): void;
  /** Why the library can only be read (a read-only disk or folder, say); null when it can be written. */
  readonly readOnly: string | null;
  close(): void;
}

/** Opens the core: the database, and the handlers every door dispatches to. */
export function openHamish(options: HamishOptions): Hamish {
  const opened = openDatabase(options.database);
  const { db } = opened;
  let session: AnnotatorChoice;
  try {
    session = new AnnotatorChoice(db, options.annotator);
  } catch (error) {
    db.close();
    throw error;
  }
  const documents = new Documents(db);
  // Not const: a restore (here or by another process) may give a document id another text, and
  // the edge checks keep texts indexed by document id, the list's search its matches by rowid.
  let libraryPages = new LibraryPages(db);
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
  const clusters = new Clusters(db);
  const candidates = new CandidateIndex(db);
  const scopes = new Scopes(db);
  const vocabulary = new Vocabulary(db);
  const annotators = new Annotators(db);
  const watch = new LibraryWatch(db);
  const goldId = () => annotators.idOf(GOLD);
  // Suggestions leave out what the layer left out of the article.
  const suggester = new Suggester(db, (documentId, layer) => {
    const { out } = scopes.of(documentId, layer);
    return ({ start, end }) => inScope(out, start, end);
  });
  const gazetteer = new Gazetteer(db);
  const review = new Review({ db, cards, clusters, scopes, annotations: () => annotations, documents, history, goldId });
  const hub = new HubLink(db, () => session.annotator.name, options.hub);
  /** The layer a change goes to: the session annotator's own, or gold. */
  const layerOf = (layer: 'gold' | undefined) => (layer === GOLD ? goldId() : session.id());
  const origin = () => ({ by: session.id() });
  const step = (taken: Step | null, documentId: string, layer: 'gold' | undefined) => {
    if (!taken) return null;
    for (const { spanId, becomes } of taken.spans) annotations.restore(spanId, becomes);
    for (const { cardId, becomes } of taken.cards) cards.restore(cardId, becomes);
    for (const { scopeId, becomes } of taken.scopes) scopes.restore(scopeId, becomes);
    for (const { row, rejected } of taken.rejections) suggester.rejections.restore(row.id, rejected ? row : null);
    return {
      spans: taken.spans.map(({ spanId, becomes }) => ({ spanId, span: becomes && annotations.get(spanId) })),
      decisions: [...taken.decisions],
      ...(taken.cards.length > 0 && {
        cards: taken.cards.map(({ cardId, becomes }) => ({ cardId, card: becomes && cards.shown(becomes.claim_id) })),
      }),
      ...(taken.scopes.length > 0 && { scope: scopeShown(documentId, layer === GOLD ? GOLD : session.annotator.name, layerOf(layer)) }),
      ...(taken.rejections.length > 0 && {
        rejections: taken.rejections.map(({ row: { label, start, end }, rejected }) => ({ label, start, end, rejected })),
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
    const result = db.transaction(() => {
      freshen();
      return change();
    }).immediate();
    // Claims and cards may have changed: cluster candidates are ranked over them anew.
    candidates.changed();
    return result;
  };
  /** The layer a read names (default: the session annotator's), or null when it has nothing yet. */
  const readLayer = (name: string | undefined) => clusters.layerOf(name ?? session.annotator.name);

  const handlers: Handlers = {
    session: () => describe(session.annotator),
    setAnnotator: ({ name }) =>
      opened.access === 'read-only' ? describe(session.choose(name)) : write(() => describe(session.switchTo(name))),
    listAnnotators: () => annotators.names(session.annotator.confirmed ? session.annotator.name : undefined),
    listDocuments: () => {
      const status = review.statuses();
      return documents.list(session.annotator.name).map((summary) => ({ ...summary, review: status(summary.id) }));
    },
    libraryPage: (input) => {
      const page = libraryPages.page(session.annotator.name, input);
      const status = review.statuses();
      return { ...page, documents: page.documents.map((summary) => ({ ...summary, review: status(summary.id) })) };
    },
    openDocument: ({ id, layers = [session.annotator.name] }) => {
      const { text, meta, viewOffset } = documents.content(id);
      // The session's own layer is there even before their name is (a library only read, or restored since).
      if (layers !== 'all') review.checkAnnotators(layers.filter((name) => name !== session.annotator.name));
      const spans = annotations.forDocument(id).filter((span) => layers === 'all' || layers.includes(span.annotator));
      const read = new Set(spans.map((span) => span.id));
      const scopeLayer = layers === 'all' ? session.annotator.name : layers[0]!;
      const scope = scopeShown(id, scopeLayer, annotators.existing(scopeLayer));
      return { summary: summaryOf(id), text, meta, viewOffset, spans, cards: cards.forDocument(id).filter((card) => read.has(card.claim)), scope };
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
    clusterCandidates: ({ spanId, limit }) => candidates.rank(spanId, limit),
    joinCluster: ({ spanId, withSpanId, layer }) =>
      write(() => {
        const layerId = layerOf(layer);
        const { cluster, moves } = clusters.joinPlan(spanId, withSpanId, layerId);
        // Each claim's change is a step of its own document's history: undo there takes it back.
        for (const claim of moves) editCard(claim, layer, edits.cluster(cluster));
        return clusters.read(layerId, layer ?? session.annotator.name, cluster)[0]!;
      }),
    leaveCluster: ({ spanId, layer }) =>
      write(() => {
        const layerId = layerOf(layer);
        const left = clusters.shownOf(spanId, layerId, 'spanId');
        if (left === null) throw new HamishError('invalid_input', `spanId: claim ${spanId} is in no cluster`);
        editCard(spanId, layer, edits.cluster(null));
        return { left, cluster: clusters.read(layerId, layer ?? session.annotator.name, left)[0] ?? null };
      }),
    clusters: ({ documentId, annotator }) => {
      const name = annotator ?? session.annotator.name;
      const layerId = readLayer(annotator);
      const all = layerId === null ? [] : clusters.read(layerId, name);
      return documentId === undefined ? all : all.filter((cluster) => cluster.members.some((m) => m.document.id === documentId));
    },
    cluster: ({ clusterId, annotator }) => {
      const layerId = readLayer(annotator);
      const found = layerId === null ? undefined : clusters.read(layerId, annotator ?? session.annotator.name, clusterId)[0];
      if (!found) throw new HamishError('not_found', `clusterId: no cluster ${clusterId} in ${annotator ?? session.annotator.name}'s layer`);
      return found;
    },
    clusterMatrix: ({ annotator }) => {
      const name = annotator ?? session.annotator.name;
      const layerId = readLayer(annotator);
      return layerId === null ? { annotator: name, documents: [], rows: [] } : clusters.matrix(layerId, name);
    },
    clusterAgreement: (input) => clusterAgreement(db, input),
    reorderVia: ({ claim, spans, layer }) => changeCard(claim, layer, edits.reorderVia(spans)),
    setScope: ({ documentId, start, end, inScope, layer }) =>
      changeScope(documentId, layer, start, end, (scope, range, layerName) => {
        if (inScope) return bringIn(scope, range);
        const index = new CodePointIndex(documents.content(documentId).text);
        const spans = annotations.forDocument(documentId).filter((span) => span.annotator === layerName);
        return markOut(scope, range, spans, ([s, e]) => index.slice(s, e));
      }),
    rejectScope: ({ documentId, start, end, layer }) => changeScope(documentId, layer, start, end, (scope, range) => reject(scope, range)),
    knownWords: ({ words }) => vocabulary.known(words),
    undo: ({ documentId, layer }) => write(() => step(history.undo(documentId, layerOf(layer)), documentId, layer)),
    redo: ({ documentId, layer }) => write(() => step(history.redo(documentId, layerOf(layer)), documentId, layer)),
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
    setDocumentMeta: ({ documentId, ...change }) => write(() => ({ meta: documents.setOutletMeta(documentId, change) })),
    importFiles: ({ paths, annotator, ...read }) => {
      // Each file goes in in a transaction of its own (import-files.ts); the library is checked once, before the first.
      writable();
      freshen();
      try {
        return keepUpWithImport(db, importFiles(db, paths, { ...read, annotator: annotator ?? session.annotator.name, by: session.annotator.name }));
      } finally {
        candidates.changed();
      }
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
      libraryPages.close();
      libraryPages = new LibraryPages(db);
      candidates.reset();
      return restored;
    },
    agreement: (input) => agreementReport(db, input),
    agreementSummary: (input) => agreementSummary(db, input),
    agreementDisagreements: (input) => agreementDisagreements(db, input),
    reviewDocument: ({ documentId, annotators: names }) => review.document(documentId, names),
    decide: (request) => write(() => review.decide(request, session.id())),
    decideCard: (request) => write(() => review.decideCard(request, session.id())),
    decideScope: (request) => write(() => review.decideScope(request, session.id())),
    acceptAgreed: ({ documentId, annotators: names }) => write(() => review.acceptAgreed(documentId, names, session.id())),
    nextDisagreement: ({ fromDocument, fromOffset, direction, annotators: names }) =>
      review.nextDisagreement({ documentId: fromDocument, offset: fromOffset, direction }, names),
    suggest: ({ documentId, layer, learnFrom }) => ({ suggestions: suggester.forDocument(documentId, layerOf(layer), learnFrom) }),
    propagate: ({ span, library }) => suggester.propagate(span, library),
    acceptSuggestions: ({ documentId, layer, suggestions }) =>
      write(() =>
        history.inStep(() => {
          const annotatorId = layerOf(layer);
          const spans = suggestions.map((suggestion) => {
            const { row, created } = annotations.create({ ...suggestion, documentId, annotatorId });
            if (created) history.record('create', null, row, origin());
            return annotations.get(row.id);
          });
          if (layer === undefined) documents.markStarted(documentId, session.id());
          return { spans };
        }),
      ),
    rejectSuggestions: ({ documentId, layer, suggestions }) =>
      write(() => {
        documents.content(documentId); // refused by its id when there is no such document
        // One step of the layer's history: Ctrl+Z offers them all again.
        history.inStep(() => {
          for (const row of suggester.rejections.add(documentId, layerOf(layer), suggestions)) history.recordRejection(row, origin());
        });
        return { rejected: suggestions.length };
      }),
    importGazetteer: ({ file, text }) =>
      write(() => {
        const { entries, problems } = parseGazetteer(file, text);
        return { entries: entries.length, forms: gazetteer.add(entries), problems };
      }),
    syncStatus: () => hub.status(),
    syncNow: () => {
      writable();
      return hub.syncNow();
    },
    setHub: ({ url, password }) => write(() => hub.setHub(url, password)),
  };

  /** A change to a claim's card, saved and recorded like a span's. */
  function changeCard(claimId: number, layer: 'gold' | undefined, edit: Parameters<Cards['change']>[2]) {
    return write(() => editCard(claimId, layer, edit));
  }

  /** The change itself, within a write: recorded in the history of the claim's document and layer. */
  function editCard(claimId: number, layer: 'gold' | undefined, edit: Parameters<Cards['change']>[2]) {
    const { claim, before, after } = cards.change(claimId, layerOf(layer), edit);
    if (JSON.stringify(before) !== JSON.stringify(after)) history.recordCard(before, after, claim, origin());
    if (layer === undefined) documents.markStarted(claim.document_id, session.id());
    return cards.shown(claimId)!;
  }

  /** The layer's scope with what is proposed beside it (less what it left out or turned down). */
  function scopeShown(documentId: string, layerName: string, layer: number | undefined): DocumentScope {
    const { out, rejected } = layer === undefined ? { out: [], rejected: [] } : scopes.of(documentId, layer);
    return { layer: layerName, out: out.map(([s, e]) => [s, e]), proposals: proposeScope(db, documentId, [...out, ...rejected]) };
  }

  /** A change to a layer's scope of a document, saved and recorded like a span's. */
  function changeScope(
    documentId: string,
    layer: 'gold' | undefined,
    start: number,
    end: number,
    edit: (scope: LayerScope, range: Range, layerName: string) => LayerScope,
  ): DocumentScope {
    return write(() => {
      const length = documents.summary(documentId, session.annotator.name).length;
      if (end > length) throw new HamishError('invalid_input', `${start}–${end} runs past the end of document "${documentId}" (${length} code points)`);
      const id = layerOf(layer);
      const before = scopes.of(documentId, id);
      const layerName = layer === GOLD ? GOLD : session.annotator.name;
      const after = edit(before, [start, end], layerName);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const change = scopes.change(documentId, id, after);
        history.recordScope(change.before, change.after, origin());
        if (layer === undefined) documents.markStarted(documentId, session.id());
      }
      return scopeShown(documentId, layerName, id);
    });
  }

  const core: Hamish = {
    handlers: withStorageErrors(handlers),
    jobs: new Jobs(options.database, () => session.annotator.name),
    refuseWhenBusy: () => void db.pragma('busy_timeout = 0'),
    library: options.database,
    readOnly: opened.access === 'read-only' ? opened.why : null,
    hub: {
      sync: (url: HubUrl) => {
        writable();
        return syncAs(db, url, session.annotator.name);
      },
      upload: (client: pg.Client) => uploadCorpus(client, db),
    },
    close: () => {
      hub.close();
      libraryPages.close();
      db.close();
    },
  };
  return keepConnection(core, db);
}

function describe({ name, confirmed }: Annotator): { annotator: string; confirmed: boolean } {
  return { annotator: name, confirmed };
}

/** Every handler's storage failures said as storage-errors.ts says them. */
function withStorageErrors(handlers: Handlers): Handlers {
  const guarded: Record<string, (input: never) => unknown> = {};
  for (const [operation, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
    guarded[operation] = (input) => {
      try {
        return handler(input);
      } catch (error) {
        throw storageError(error);
      }
    };
  }
  return guarded as unknown as Handlers;
}
