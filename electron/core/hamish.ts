import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Handlers } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import { Annotations } from './annotations.ts';
import { Annotators } from './annotators.ts';
import { openDatabase, type Db } from './database.ts';
import { Documents } from './documents.ts';
import { History, type Step } from './history.ts';
import { Vocabulary } from './vocabulary.ts';
import { exportJsonl } from './export-jsonl.ts';
import { importFiles } from './import-files.ts';
import { seedsDir } from './paths.ts';

export interface HamishOptions {
  readonly database: string;
  /** Who is tagging; defaults to $HAMISH_ANNOTATOR, then the login name. */
  readonly annotator?: string;
  /** Fill a newly created library with the bundled sample articles (default true). */
  readonly seed?: boolean;
}

export interface Hamish {
  readonly db: Db;
  readonly handlers: Handlers;
  close(): void;
}

export function defaultAnnotator(): string {
  return process.env.HAMISH_ANNOTATOR || userInfo().username || 'analyst';
}

/** Opens the core: the database, and the handlers every door dispatches to. */
export function openHamish(options: HamishOptions): Hamish {
  const { db, created } = openDatabase(options.database);
  const documents = new Documents(db);
  const annotations = new Annotations(db);
  const annotatorName = options.annotator ?? defaultAnnotator();
  const annotatorId = new Annotators(db).idOf(annotatorName);

  if (created && options.seed !== false) {
    db.transaction(() => importFiles(documents, [seedsDir]))();
  }

  const history = new History(db);
  const vocabulary = new Vocabulary(db);
  const step = (taken: Step | null) => {
    if (!taken) return null;
    annotations.restore(taken.spanId, taken.becomes);
    return { spanId: taken.spanId, span: taken.becomes && annotations.get(taken.spanId) };
  };

  const handlers: Handlers = {
    session: () => ({ annotator: annotatorName }),
    listDocuments: () => documents.list(),
    openDocument: ({ id }) => {
      const { text, meta, viewOffset } = documents.content(id);
      return { summary: documents.summary(id), text, meta, viewOffset, spans: annotations.forDocument(id) };
    },
    createSpan: (input) =>
      db.transaction(() => {
        const { row, created } = annotations.create({ ...input, annotatorId });
        if (created) history.record('create', null, row);
        documents.markStarted(input.documentId);
        return annotations.get(row.id);
      })(),
    deleteSpan: ({ id }) =>
      db.transaction(() => {
        history.record('delete', annotations.delete(id, annotatorId), null);
        return { id };
      })(),
    updateSpan: ({ id, ...changes }) =>
      db.transaction(() => {
        const { before, after } = annotations.update(id, annotatorId, changes);
        history.record('update', before, after);
        return annotations.get(id);
      })(),
    knownWords: ({ words }) => vocabulary.known(words),
    undo: ({ documentId }) => db.transaction(() => step(history.undo(documentId, annotatorId)))(),
    redo: ({ documentId }) => db.transaction(() => step(history.redo(documentId, annotatorId)))(),
    setDocumentStatus: ({ id, status }) => {
      documents.setStatus(id, status);
      return documents.summary(id);
    },
    saveViewOffset: ({ id, offset }) => {
      documents.setViewOffset(id, offset);
      return {};
    },
    importFiles: ({ paths }) => importFiles(documents, paths),
    exportDataset: ({ out }) => writeAtomically(out, db),
  };

  return { db, handlers, close: () => db.close() };
}

/** Writes the export beside its destination and renames it into place: never a half file. */
function writeAtomically(out: string, db: Db): { out: string; documents: number; spans: number } {
  const partial = `${out}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw new HamishError('io', `cannot write ${out}: ${(error as Error).message}`);
  }
  let documents = 0;
  let spans = 0;
  try {
    try {
      for (const entry of exportJsonl(db)) {
        writeSync(fd, entry.line + '\n');
        documents++;
        spans += entry.spans;
      }
    } finally {
      closeSync(fd);
    }
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof Error && 'syscall' in error) {
      throw new HamishError('io', `cannot write ${out}: ${error.message}`);
    }
    throw error;
  }
  return { out, documents, spans };
}
