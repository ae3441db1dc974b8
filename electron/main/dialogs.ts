/**
 * The desktop's native dialogs. Import and export are the page's own dialogs (the same as web
 * mode's); main only asks the native dialog for the path, then runs the core's job, off this
 * thread, telling the page its progress. Back up and restore are main's alone. Paths therefore
 * never come from the page.
 */
import { basename } from 'node:path';
import type { MessageBoxOptions, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { DesktopCommand, DesktopJob, JobReply } from '../contract/channels.ts';
import type { ExportFormat } from '../contract/contract.ts';
import { startJob } from '../contract/dispatch.ts';
import { failureOf, HamishError } from '../contract/errors.ts';
import { ARTICLE_EXTENSIONS, EXPORT_EXTENSIONS, LIBRARY_EXTENSION } from '../contract/files.ts';
import { backupsDir, type Hamish } from '../core/hamish.ts';

/** Electron's dialog module, bound to the window it belongs to. */
export interface DialogHost {
  open(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  save(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  ask(options: MessageBoxOptions): Promise<{ response: number }>;
}

/** What the window must do afterwards: nothing, or reload (a restore). */
export type Aftermath = 'none' | 'restored';

type Core = Pick<Hamish, 'jobs' | 'library'>;

export async function runCommand(command: DesktopCommand, host: DialogHost, hamish: Core): Promise<Aftermath> {
  try {
    switch (command) {
      case 'backup':
        return await backUp(host, hamish);
      case 'restore':
        return await restore(host, hamish);
    }
  } catch (error) {
    const { message } = failureOf(error);
    await host.ask({ type: 'error', buttons: ['OK'], title: 'Hamish', message: `The ${command} failed`, detail: message, noLink: true });
    return 'none';
  }
}

/**
 * A job the page chose the options of (`choice`, untrusted: checked as the contract checks any
 * call): the native dialog asks where, then the core runs it. Its end, as data for the page.
 */
export async function runDesktopJob(
  job: DesktopJob,
  choice: unknown,
  host: DialogHost,
  hamish: Core,
  onProgress: (progress: unknown) => void,
  signal: AbortSignal,
): Promise<JobReply<DesktopJob>> {
  const chosen = typeof choice === 'object' && choice !== null && !Array.isArray(choice) ? choice : {};
  try {
    return job === 'import' ? await importFiles(chosen, host, hamish, onProgress, signal) : await exportDataset(chosen, host, hamish, onProgress, signal);
  } catch (error) {
    return { error: failureOf(error) };
  }
}

async function importFiles(choice: object, host: DialogHost, { jobs }: Core, onProgress: (progress: unknown) => void, signal: AbortSignal): Promise<JobReply<'import'>> {
  const { canceled, filePaths } = await host.open({
    title: 'Import articles',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Articles', extensions: ARTICLE_EXTENSIONS.map((extension) => extension.slice(1)) },
      { name: 'A colleague’s Hamish library', extensions: [LIBRARY_EXTENSION.slice(1)] },
    ],
  });
  if (canceled || filePaths.length === 0) return { chosen: 'nothing' };
  return { value: await startJob(jobs, 'importFiles', { ...choice, paths: filePaths }, { onProgress, signal }) };
}

async function exportDataset(choice: object, host: DialogHost, { jobs }: Core, onProgress: (progress: unknown) => void, signal: AbortSignal): Promise<JobReply<'export'>> {
  const format = (choice as { format?: unknown }).format;
  if (!Object.hasOwn(EXPORT_EXTENSIONS, String(format))) {
    throw new HamishError('invalid_input', `exportDataset: format must be one of ${Object.keys(EXPORT_EXTENSIONS).join(', ')}`);
  }
  const extension = EXPORT_EXTENSIONS[format as ExportFormat];
  const { canceled, filePath } = await host.save({
    title: extension === null ? `Export as ${String(format)}: a new folder` : `Export as ${String(format)}`,
    defaultPath: `hamish-${String(format)}${extension === null ? '' : `.${extension}`}`,
    filters: extension === null ? [] : [{ name: String(format), extensions: [extension] }],
  });
  if (canceled || !filePath) return { chosen: 'nothing' };
  const report = await startJob(jobs, 'exportDataset', { ...choice, out: filePath }, { onProgress, signal });
  return { value: { ...report, unrepresentable: report.unrepresentable.length } };
}

async function backUp(host: DialogHost, { jobs }: Core): Promise<Aftermath> {
  const { canceled, filePath } = await host.save({
    title: 'Back up the library',
    defaultPath: `hamish-backup-${new Date().toISOString().slice(0, 10)}.sqlite`,
    filters: [{ name: 'Hamish library', extensions: ['sqlite'] }],
  });
  if (canceled || !filePath) return 'none';
  const { file, bytes } = await startJob(jobs, 'backupLibrary', { out: filePath });
  await host.ask({ type: 'info', buttons: ['OK'], title: 'Backup', message: `Backed up (${Math.ceil(bytes / 1024)} KB)`, detail: file, noLink: true });
  return 'none';
}

async function restore(host: DialogHost, { jobs, library }: Core): Promise<Aftermath> {
  const { canceled, filePaths } = await host.open({
    title: 'Restore the library from a backup',
    defaultPath: backupsDir(library),
    properties: ['openFile'],
    filters: [{ name: 'Hamish library', extensions: ['sqlite'] }],
  });
  const file = filePaths[0];
  if (canceled || file === undefined) return 'none';
  const { response } = await host.ask({
    type: 'warning',
    buttons: ['Cancel', 'Restore'],
    defaultId: 0,
    cancelId: 0,
    title: 'Restore',
    message: `Replace everything in the library with ${basename(file)}?`,
    detail: `A copy of the library as it is now is kept first, in ${backupsDir(library)}.`,
    noLink: true,
  });
  if (response !== 1) return 'none';
  const restored = await startJob(jobs, 'restoreLibrary', { file });
  await host.ask({
    type: 'info',
    buttons: ['OK'],
    title: 'Restore',
    message: `Restored: ${restored.documents} documents, ${restored.spans} spans`,
    detail: `The library as it was is kept at ${restored.previous}`,
    noLink: true,
  });
  return 'restored';
}
