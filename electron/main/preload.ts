/**
 * The window's only way into the core: window.hamish, one function per operation the contract
 * offers windows (none that names files), each resolving with a Reply (a refusal as data, with its
 * code: the context bridge would drop it from an Error); and window.hamishDesktop, which runs the
 * page's import and export jobs (main asks the path) and main's two native dialogs. Bundled to
 * preload.cjs (a sandboxed preload can require only 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  channelOf,
  isDesktopCommand,
  isDesktopJob,
  JOB_CHANNEL,
  OPEN_DIALOG,
  RUN_COMMAND,
  type DesktopBridge,
  type DesktopJobTold,
  type JobAsked,
  type Reply,
} from '../contract/channels.ts';
import { WINDOW_OPERATIONS, type WindowOperation } from '../contract/operations.ts';

const call = (operation: WindowOperation, input: unknown): Promise<Reply> => ipcRenderer.invoke(channelOf(operation), input);

contextBridge.exposeInMainWorld('hamish', Object.fromEntries(WINDOW_OPERATIONS.map((operation) => [operation, (input: unknown) => call(operation, input)])));

/** Each running job's progress listener, by the id the page gave it. */
const listeners = new Map<number, (progress: unknown) => void>();
ipcRenderer.on(JOB_CHANNEL, (_event: unknown, told: DesktopJobTold) => {
  if (told.kind === 'progress') listeners.get(told.id)?.(told.progress);
});
const ask = (asked: JobAsked): Promise<DesktopJobTold | undefined> => ipcRenderer.invoke(JOB_CHANNEL, asked);

const desktop: DesktopBridge = {
  run: async (command) => {
    if (!isDesktopCommand(command)) throw new Error(`no such command ${JSON.stringify(command)}`);
    await ipcRenderer.invoke(RUN_COMMAND, command);
  },
  job: async (id, job, choice, onProgress) => {
    if (!isDesktopJob(job)) throw new Error(`no such job ${JSON.stringify(job)}`);
    listeners.set(id, onProgress as (progress: unknown) => void);
    try {
      const told = await ask({ kind: 'start', id, job, choice } as JobAsked);
      return (told as Extract<DesktopJobTold, { kind: 'end' }>).end as never;
    } finally {
      listeners.delete(id);
    }
  },
  cancel: async (id) => {
    await ask({ kind: 'cancel', id });
  },
};
contextBridge.exposeInMainWorld('hamishDesktop', desktop);

// Nothing else from main reaches the page but this signal, as a plain DOM event.
// (globalThis is the window here; the preload is compiled without the DOM types.)
const page = globalThis as unknown as EventTarget;
ipcRenderer.on(OPEN_DIALOG, (_event: unknown, job: unknown) => {
  if (isDesktopJob(job)) page.dispatchEvent(new CustomEvent(OPEN_DIALOG, { detail: job }));
});
