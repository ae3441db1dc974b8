import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  channelOf,
  isDesktopCommand,
  isDesktopJob,
  JOB_CHANNEL,
  RUN_COMMAND,
  type DesktopCommand,
  type DesktopJob,
  type DesktopJobTold,
  type JobReply,
  type Reply,
} from '../contract/channels.ts';
import { dispatch, type Handlers } from '../contract/dispatch.ts';
import { failureOf } from '../contract/errors.ts';
import { WINDOW_OPERATIONS } from '../contract/operations.ts';

type Trusted = (event: IpcMainInvokeEvent) => boolean;

/** Runs one call from the window and puts the outcome, success or refusal with its code, into a Reply. */
export function answer(handlers: Handlers, operation: string, input: unknown): Reply {
  try {
    return { value: dispatch(handlers, operation, input) };
  } catch (error) {
    return { error: failureOf(error) };
  }
}

function refuse(channel: string, event: IpcMainInvokeEvent): never {
  throw new Error(`hamish: refused ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`);
}

/**
 * One ipcMain.handle per operation the contract offers windows, and no other channel. Calls from anything but our
 * own window's main frame are refused before they reach the core.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, trusted: Trusted): void {
  for (const operation of WINDOW_OPERATIONS) {
    ipcMain.handle(channelOf(operation), (event, input: unknown): Reply => {
      if (!trusted(event)) refuse(operation, event);
      return answer(handlers, operation, input);
    });
  }
}

/** The window's Back Up… and Restore… buttons open main's native dialogs. */
export function registerDesktopCommands(ipcMain: Pick<IpcMain, 'handle'>, trusted: Trusted, run: (command: DesktopCommand) => Promise<void>): void {
  ipcMain.handle(RUN_COMMAND, async (event, command: unknown): Promise<void> => {
    if (!trusted(event)) refuse(RUN_COMMAND, event);
    if (!isDesktopCommand(command)) throw new Error(`hamish: no such command ${JSON.stringify(command)}`);
    await run(command);
  });
}

/** Runs a desktop job for the window: main asks the path, the core runs it (main/dialogs.ts). */
export type JobStarter = (job: DesktopJob, choice: unknown, onProgress: (progress: unknown) => void, signal: AbortSignal) => Promise<JobReply<DesktopJob>>;

/**
 * The page's Import and Export dialogs start and cancel jobs on JOB_CHANNEL, by the id the page
 * gave; their progress goes out through `tell`, and the start is answered by the job's end. Main
 * never blocks on one: each runs in a worker.
 */
export function registerDesktopJobs(ipcMain: Pick<IpcMain, 'handle'>, trusted: Trusted, start: JobStarter, tell: (told: DesktopJobTold) => void): void {
  const running = new Map<number, AbortController>();
  ipcMain.handle(JOB_CHANNEL, async (event, asked: unknown): Promise<DesktopJobTold | undefined> => {
    if (!trusted(event)) refuse(JOB_CHANNEL, event);
    const { kind, id, job, choice } = (typeof asked === 'object' && asked !== null ? asked : {}) as { kind?: unknown; id?: unknown; job?: unknown; choice?: unknown };
    if (kind === 'cancel') {
      running.get(id as number)?.abort();
      return undefined;
    }
    if (kind !== 'start') throw new Error(`hamish: a job message is a start or a cancel, not ${JSON.stringify(kind)}`);
    if (!isDesktopJob(job)) throw new Error(`hamish: no such job ${JSON.stringify(job)}`);
    if (!Number.isSafeInteger(id) || running.has(id as number)) throw new Error(`hamish: a job needs an id of its own, not ${JSON.stringify(id)}`);
    const jobId = id as number;
    const stop = new AbortController();
    running.set(jobId, stop);
    try {
      const end = await start(job, choice, (progress) => tell({ kind: 'progress', id: jobId, progress } as DesktopJobTold), stop.signal);
      return { kind: 'end', id: jobId, end };
    } finally {
      running.delete(jobId);
    }
  });
}
