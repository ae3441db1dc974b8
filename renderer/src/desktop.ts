import { useEffect } from 'react';
import { OPEN_DIALOG, type DesktopBridge, type DesktopJob, type JobChoice, type JobProgressOf, type JobResult } from '../../electron/contract/channels.ts';
import { ApiError } from './api.ts';

declare global {
  interface Window {
    /** Set by the Electron preload: main's dialogs and jobs. Absent in web mode. */
    readonly hamishDesktop?: DesktopBridge;
  }
}

/** In the desktop app, import and export run as main's jobs, main asking the native dialog for the path. */
export const desktop = window.hamishDesktop ?? null;

let nextJob = 1;

/**
 * Runs a desktop job with the options the page's dialog chose: main asks where (the native
 * dialog), then runs it, telling its progress. Null when the analyst closed the native dialog;
 * a refusal is thrown with its code; aborting `signal` cancels the job.
 */
export async function desktopJob<J extends DesktopJob>(
  bridge: DesktopBridge,
  job: J,
  choice: JobChoice[J],
  onProgress: (progress: JobProgressOf[J]) => void,
  signal: AbortSignal,
): Promise<JobResult[J] | null> {
  const id = nextJob++;
  const cancel = () => void bridge.cancel(id);
  signal.addEventListener('abort', cancel);
  try {
    const reply = await bridge.job(id, job, choice, onProgress);
    if ('chosen' in reply) return null;
    if ('error' in reply) throw new ApiError(reply.error.code, reply.error.message);
    return reply.value;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/** Calls `open` when the desktop's File menu asks for the page's Import or Export dialog. */
export function useOpenDialog(open: (job: DesktopJob) => void): void {
  useEffect(() => {
    const listener = (event: Event) => open((event as CustomEvent<DesktopJob>).detail);
    window.addEventListener(OPEN_DIALOG, listener);
    return () => window.removeEventListener(OPEN_DIALOG, listener);
  }, [open]);
}
