import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { START_JOB, JOB_CANCEL, channelOf, isDesktopCommand, isDesktopJob, RUN_COMMAND, type DesktopCommand, type DesktopJob, type JobReply, type Reply } from '../contract/channels.ts';
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
 * The page's Import and Export dialogs start jobs here, tell their progress through `tell`, and
 * cancel them by the id the page gave. Main never blocks on one: each runs in a worker.
 */
export function registerDesktopJobs(ipcMain: Pick<IpcMain, 'handle'>, trusted: Trusted, start: JobStarter, tell: (id: number, progress: unknown) => void): void {
  const running = new Map<number, AbortController>();
  ipcMain.handle(START_JOB, async (event, id: unknown, job: unknown, choice: unknown): Promise<JobReply<DesktopJob>> => {
    if (!trusted(event)) refuse(START_JOB, event);
    if (!isDesktopJob(job)) throw new Error(`hamish: no such job ${JSON.stringify(job)}`);
    if (!Number.isSafeInteger(id) || running.has(id as number)) throw new Error(`hamish: a job needs an id of its own, not ${JSON.stringify(id)}`);
    const stop = new AbortController();
    running.set(id as number, stop);
    try {
      return await start(job, choice, (progress) => tell(id as number, progress), stop.signal);
    } finally {
      running.delete(id as number);
    }
  });
  ipcMain.handle(JOB_CANCEL, (event, id: unknown): void => {
    if (!trusted(event)) refuse(JOB_CANCEL, event);
    running.get(id as number)?.abort();
  });
}
