/**
 * Long operations as jobs: started with the operation's own input, they tell their progress as
 * they go, end with the operation's output or a refusal, and stop when cancelled. The core runs
 * each off the thread that answers calls (core/jobs/), and every door passes the same events on:
 * the CLI draws its progress bar from them, web mode streams them, Electron main forwards them
 * over IPC. No zod here: the page's bundle imports these types.
 */
import type { Output } from './contract.ts';
import type { Failure } from './errors.ts';
import type { Operation } from './operations.ts';

export const JOB_OPERATIONS = ['importFiles', 'exportDataset', 'backupLibrary', 'restoreLibrary', 'agreement'] as const satisfies readonly Operation[];
export type JobOperation = (typeof JOB_OPERATIONS)[number];

/** An import's progress: files and bytes read, and the articles in them so far, new or not. */
export interface ImportProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly documents: number;
}

/** Every other job's: how many of its units (an export's documents) are done. */
export interface CountProgress {
  readonly done: number;
  readonly total: number;
}

export type JobProgress<O extends JobOperation> = O extends 'importFiles' ? ImportProgress : CountProgress;

/** What a job says, in order: progress any number of times, then its value or why there is none. */
export type JobEvent<O extends JobOperation = JobOperation> =
  | { readonly progress: JobProgress<O> }
  | { readonly value: Output<O> }
  | { readonly error: Failure };

/**
 * What a door tells whoever started a job, each message naming the job by its id: its progress
 * any number of times, then its end (`E`: its value or why there is none). The desktop sends
 * these over IPC (channels.ts), web mode streams them as JSON Lines (progress.ts).
 */
export type JobTold<P, E> =
  | { readonly kind: 'progress'; readonly id: number; readonly progress: P }
  | { readonly kind: 'end'; readonly id: number; readonly end: E };

export interface JobOptions<O extends JobOperation> {
  readonly onProgress?: ((progress: JobProgress<O>) => void) | undefined;
  /** Aborted: the job stops at its next step and rejects with 'cancelled' (an import, with its report). */
  readonly signal?: AbortSignal | undefined;
}
