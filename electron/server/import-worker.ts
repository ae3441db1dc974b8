/**
 * One import, off the server's thread: its own connection, its progress posted as it goes, and a
 * 'cancel' message that stops it between articles (the file being read is rolled back).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HamishError } from '../contract/errors.ts';
import type { ImportLine } from '../contract/progress.ts';
import { openDatabase, readOnlyError } from '../core/database.ts';
import { importInSlices, importSteps, type ImportOptions } from '../core/import/import-files.ts';

export interface ImportJob extends Omit<ImportOptions, 'signal'> {
  readonly library: string;
  readonly paths: readonly string[];
}

const port = parentPort!;
/** The worker says what the server's answer says, in the same words. */
const post = (message: ImportLine) => port.postMessage(message);
const { library, paths, ...options } = workerData as ImportJob;
const stop = new AbortController();
port.on('message', (message) => {
  if (message === 'cancel') stop.abort();
});

try {
  const opened = openDatabase(library);
  const { db } = opened;
  try {
    // Said as the app's own saves say it, not as SQLite's refusal of each file.
    if (opened.access === 'read-only') throw readOnlyError(library, opened.why);
    post({ value: await importInSlices(importSteps(db, paths, { ...options, signal: stop.signal }), (progress) => post({ progress })) });
  } finally {
    db.close();
  }
} catch (error) {
  if (!(error instanceof HamishError)) throw error;
  post({ error: { code: error.code, message: error.message } });
}
// The port listens for a cancel; the import is over.
port.close();
