/**
 * One job, run to its end on a connection of its own: the worker (worker.ts) runs it off the
 * thread that answers calls. Each reads or writes the library as its contract operation does
 * (core/hamish.ts runs the same code synchronously for callers inside the core).
 */
import type { z } from 'zod';
import type { Contract, Output } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { CountProgress, JobOperation, JobProgress } from '../../contract/jobs.ts';
import { agreementReport } from '../agreement/load.ts';
import { restoreFromBackup } from '../backup/backups.ts';
import { writeSnapshot } from '../backup/snapshot.ts';
import { openDatabase, readOnlyError, type Db } from '../database.ts';
import { startExport } from '../export/job.ts';
import { importInSlices, importSteps, keepUpWithImport } from '../import/import-files.ts';

export type JobInput<O extends JobOperation> = z.output<Contract[O]['input']>;

export interface JobContext<O extends JobOperation> {
  readonly library: string;
  /** The session's annotator: whose an imported file's spans are when it does not say, and who imported. */
  readonly annotator: string;
  readonly progress: (progress: JobProgress<O>) => void;
  /** Aborted: the job stops at its next step, keeping nothing of the step it was in. */
  readonly signal: AbortSignal;
}

/** The export writes this long between turns of the event loop, where a cancel is heard. */
const SLICE_MS = 50;
/** Progress is told at most this often. */
const PROGRESS_MS = 100;

type Runner<O extends JobOperation> = (input: JobInput<O>, context: JobContext<O>) => Promise<Output<O>> | Output<O>;

const RUNNERS: { readonly [O in JobOperation]: Runner<O> } = {
  importFiles: ({ paths, annotator, ...read }, context) =>
    onConnection(context.library, 'write', async (db) =>
      keepUpWithImport(
        db,
        await importInSlices(
          importSteps(db, paths, { ...read, annotator: annotator ?? context.annotator, by: context.annotator, signal: context.signal }),
          context.progress,
        ),
      ),
    ),
  exportDataset: ({ out, ...request }, context) => onConnection(context.library, 'read', (db) => exportSteps(db, out, request, context)),
  backupLibrary: ({ out }, context) => onConnection(context.library, 'read', (db) => writeSnapshot(db, out, context.library)),
  restoreLibrary: ({ file }, context) => onConnection(context.library, 'write', (db) => restoreFromBackup(db, file)),
  agreement: (input, context) =>
    onConnection(context.library, 'read', (db) => {
      // The report is one synchronous read: progress is told from within it, at most every PROGRESS_MS, and at its end.
      let told = -Infinity;
      return agreementReport(db, input, (done, total) => {
        if (done < total && performance.now() - told < PROGRESS_MS) return;
        told = performance.now();
        context.progress({ done, total });
      });
    }),
};

export function runJob<O extends JobOperation>(operation: O, input: JobInput<O>, context: JobContext<O>): Promise<Output<O>> {
  const run = RUNNERS[operation] as Runner<O>;
  return Promise.resolve(run(input, context));
}

/** Opens the library for the job and closes it after; a job that writes is refused, with the reason, where it cannot. */
async function onConnection<T>(library: string, access: 'read' | 'write', job: (db: Db) => Promise<T> | T): Promise<T> {
  const opened = openDatabase(library);
  try {
    // Said as the app's own saves say it, not as SQLite's refusal of each write.
    if (access === 'write' && opened.access === 'read-only') throw readOnlyError(library, opened.why);
    return await job(opened.db);
  } finally {
    opened.db.close();
  }
}

/** The export a slice at a time, telling how many documents are written; a cancel removes what it staged. */
async function exportSteps(
  db: Db,
  out: string,
  request: Omit<JobInput<'exportDataset'>, 'out'>,
  { progress, signal }: JobContext<'exportDataset'>,
): Promise<Output<'exportDataset'>> {
  const job = startExport(db, { ...request, destination: out });
  const tell = (done: number): CountProgress => ({ done, total: job.total });
  progress(tell(0));
  let told = performance.now();
  // A turn of the event loop before each slice: a cancel sent meanwhile (even at the start) is heard.
  for (;;) {
    await new Promise((resume) => setImmediate(resume));
    if (signal.aborted) {
      job.abort();
      throw new HamishError('cancelled', 'export: stopped; nothing was written');
    }
    if (job.step(SLICE_MS)) break;
    if (performance.now() - told >= PROGRESS_MS) {
      progress(tell(job.done));
      told = performance.now();
    }
  }
  progress(tell(job.done));
  return { out, ...job.result };
}
