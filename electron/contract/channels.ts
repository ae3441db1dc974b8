/**
 * The desktop's IPC channels, named here for the three sides that use them: main (main/ipc.ts),
 * the preload, and the page (renderer/src/desktop.ts, which imports only types and strings: no zod).
 */
import type { ExportReport, ImportReport, Input, Output } from './contract.ts';
import type { Failure } from './errors.ts';
import type { CountProgress, ImportProgress, JobTold } from './jobs.ts';
import type { Operation, WindowOperation } from './operations.ts';

/** The IPC channel of one contract operation; the preload and the main process both name it here. */
export function channelOf(operation: Operation): `hamish:${Operation}` {
  return `hamish:${operation}`;
}

/**
 * What the main process answers, and what window.hamish resolves with (and how a job ends, over
 * IPC or in web mode's streams, jobs.ts): failures travel as data,
 * with their code (Electron rewrites the message of an Error thrown from ipcMain.handle, and the
 * context bridge drops an Error's own fields), and api.ts throws them in the page as its ApiError.
 */
export type Reply<T = unknown> = { readonly value: T } | { readonly error: Failure };

/** window.hamish, as the preload offers it: each operation a window may call, answering a Reply. */
export type WindowBridge = { readonly [O in WindowOperation]: (input: Input<O>) => Promise<Reply<Output<O>>> };

/** What only main's native dialogs do, from the File menu or the window's own buttons. */
export const DESKTOP_COMMANDS = ['backup', 'restore'] as const;
export type DesktopCommand = (typeof DESKTOP_COMMANDS)[number];

export function isDesktopCommand(value: unknown): value is DesktopCommand {
  return (DESKTOP_COMMANDS as readonly unknown[]).includes(value);
}

/** The window asks main to run a DesktopCommand; main shows the dialog, never the page. */
export const RUN_COMMAND = 'hamish-desktop:run';

/**
 * Import and export are the page's own dialogs, as in web mode: the page chooses the options,
 * main asks the native dialog only for the path and runs the job, telling its progress.
 */
export const DESKTOP_JOBS = ['import', 'export'] as const;
export type DesktopJob = (typeof DESKTOP_JOBS)[number];

export function isDesktopJob(value: unknown): value is DesktopJob {
  return (DESKTOP_JOBS as readonly unknown[]).includes(value);
}

/** The options each job takes from the page: never a path. */
export interface JobChoice {
  readonly import: Omit<Input<'importFiles'>, 'paths' | 'annotator'>;
  readonly export: Omit<Input<'exportDataset'>, 'out'>;
}

/** What each job's end tells the page: an export, where it went and what it held. */
export interface JobResult {
  readonly import: ImportReport;
  readonly export: Omit<ExportReport, 'unrepresentable'> & { readonly unrepresentable: number };
}

export interface JobProgressOf {
  readonly import: ImportProgress;
  readonly export: CountProgress;
}

/** A desktop job's end: its result, its refusal, or nothing chosen (the native dialog was closed). */
export type JobReply<J extends DesktopJob> = Reply<JobResult[J]> | { readonly chosen: 'nothing' };

/**
 * The desktop's job traffic: one channel both ways, as VS Code's IPC carries calls, events and
 * cancellation on one. The page invokes it with a start (answered by the job's end) or a cancel;
 * main sends the job's progress on it to the window. Every message names its job by the id the
 * page gave it, so that progress is known to be its own before the end.
 */
export const JOB_CHANNEL = 'hamish-desktop:job';

/** What the page asks of a job on JOB_CHANNEL. */
export type JobAsked =
  | { readonly [J in DesktopJob]: { readonly kind: 'start'; readonly id: number; readonly job: J; readonly choice: JobChoice[J] } }[DesktopJob]
  | { readonly kind: 'cancel'; readonly id: number };

/** What main tells the page of a job on JOB_CHANNEL: the same messages web mode streams (jobs.ts). */
export type DesktopJobTold<J extends DesktopJob = DesktopJob> = JobTold<JobProgressOf[J], JobReply<J>>;

/**
 * Main asks the window to open its own Import or Export dialog (the File menu). The preload passes
 * it on as a DOM event of this name, its detail the DesktopJob.
 */
export const OPEN_DIALOG = 'hamish:open-dialog';

/** window.hamishDesktop, as the preload offers it to the page. */
export interface DesktopBridge {
  run(command: DesktopCommand): Promise<void>;
  job<J extends DesktopJob>(id: number, job: J, choice: JobChoice[J], onProgress: (progress: JobProgressOf[J]) => void): Promise<JobReply<J>>;
  cancel(id: number): Promise<void>;
}
