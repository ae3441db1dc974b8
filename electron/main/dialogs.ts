/**
 * The desktop's native dialogs for import, export, backup and restore. Main shows the dialog and
 * runs the chosen operation through `dispatch`, as every door does; the window only learns that
 * the library changed. Paths therefore never come from the page.
 */
import { basename } from 'node:path';
import type {
  MessageBoxOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import type { ExportFormat, ImportReport, Output } from '../contract/contract.ts';
import { dispatch, type Handlers } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import { ARTICLE_EXTENSIONS, LIBRARY_EXTENSION } from '../contract/files.ts';
import { backupsDir } from '../core/backup/backups.ts';
import type { Hamish } from '../core/hamish.ts';
import type { DesktopCommand } from './channels.ts';


/** Electron's dialog module, bound to the window it belongs to. */
export interface DialogHost {
  open(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  save(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  ask(options: MessageBoxOptions): Promise<{ response: number }>;
}

/** What the window must do afterwards: nothing, refresh the library, or reload (a restore). */
export type Aftermath = 'none' | 'library-changed' | 'restored';

const FORMATS: readonly { format: ExportFormat; name: string; extension: string | null }[] = [
  { format: 'jsonl', name: 'Hamish JSONL', extension: 'jsonl' },
  { format: 'prodigy', name: 'Prodigy', extension: 'jsonl' },
  { format: 'doccano', name: 'doccano', extension: 'jsonl' },
  { format: 'labelstudio', name: 'Label Studio (folder)', extension: null },
  { format: 'brat', name: 'brat (folder)', extension: null },
  { format: 'conll', name: 'CoNLL', extension: 'conll' },
];

export async function runCommand(command: DesktopCommand, host: DialogHost, hamish: Pick<Hamish, 'handlers' | 'db' | 'library'>): Promise<Aftermath> {
  const { handlers } = hamish;
  try {
    switch (command) {
      case 'import':
        return await importFiles(host, handlers);
      case 'export':
        return await exportDataset(host, handlers);
      case 'backup':
        return await backUp(host, handlers);
      case 'restore':
        return await restore(host, handlers, hamish.library);
    }
  } catch (error) {
    if (!(error instanceof HamishError)) console.error(error);
    const message = error instanceof HamishError ? error.message : 'internal error';
    await host.ask({ type: 'error', buttons: ['OK'], title: 'Hamish', message: `The ${command} failed`, detail: message, noLink: true });
    return 'none';
  }
}

async function importFiles(host: DialogHost, handlers: Handlers): Promise<Aftermath> {
  const { canceled, filePaths } = await host.open({
    title: 'Import articles',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Articles', extensions: ARTICLE_EXTENSIONS.map((extension) => extension.slice(1)) },
      { name: 'A colleague’s Hamish library', extensions: [LIBRARY_EXTENSION.slice(1)] },
    ],
  });
  if (canceled || filePaths.length === 0) return 'none';
  const report = dispatch(handlers, 'importFiles', { paths: filePaths }) as ImportReport;
  await host.ask({ type: report.failed.length + report.conflicts.length ? 'warning' : 'info', buttons: ['OK'], title: 'Import', ...importSummary(report), noLink: true });
  const changed = report.imported.length > 0 || report.duplicates.some((entry) => entry.spans > 0);
  return changed ? 'library-changed' : 'none';
}

/** The import report as the analyst reads it: counts, then each failure with its file and line. */
function importSummary(report: ImportReport): { message: string; detail: string } {
  const conflicts = report.conflicts.length > 0 ? `, ${report.conflicts.length} with another text under the same id` : '';
  const message = `${report.imported.length} imported, ${report.duplicates.length} already in the library${conflicts}, ${report.failed.length} failed`;
  const failures = [...report.failed, ...report.conflicts].map((f) => `${basename(f.file)}${f.line ? `:${f.line}` : ''}: ${f.reason}`);
  return { message, detail: [...failures.slice(0, 20), ...(failures.length > 20 ? [`and ${failures.length - 20} more`] : [])].join('\n') };
}

async function exportDataset(host: DialogHost, handlers: Handlers): Promise<Aftermath> {
  const { response } = await host.ask({
    type: 'question',
    buttons: [...FORMATS.map((f) => f.name), 'Cancel'],
    cancelId: FORMATS.length,
    title: 'Export',
    message: 'Export the whole library as',
    noLink: true,
  });
  const chosen = FORMATS[response];
  if (!chosen) return 'none';
  const { canceled, filePath } = await host.save({
    title: `Export as ${chosen.name}`,
    defaultPath: `hamish-${chosen.format}${chosen.extension ? `.${chosen.extension}` : ''}`,
    filters: chosen.extension ? [{ name: chosen.name, extensions: [chosen.extension] }] : [],
  });
  if (canceled || !filePath) return 'none';
  const report = dispatch(handlers, 'exportDataset', { format: chosen.format, out: filePath }) as Output<'exportDataset'>;
  const dropped = report.unrepresentable.length ? `; ${report.unrepresentable.length} spans ${chosen.name} cannot hold were left out` : '';
  await host.ask({
    type: 'info',
    buttons: ['OK'],
    title: 'Export',
    message: `${report.documents} documents and ${report.spans} spans written${dropped}`,
    detail: report.out,
    noLink: true,
  });
  return 'none';
}

async function backUp(host: DialogHost, handlers: Handlers): Promise<Aftermath> {
  const { canceled, filePath } = await host.save({
    title: 'Back up the library',
    defaultPath: `hamish-backup-${new Date().toISOString().slice(0, 10)}.sqlite`,
    filters: [{ name: 'Hamish library', extensions: ['sqlite'] }],
  });
  if (canceled || !filePath) return 'none';
  const { file, bytes } = dispatch(handlers, 'backupLibrary', { out: filePath }) as Output<'backupLibrary'>;
  await host.ask({ type: 'info', buttons: ['OK'], title: 'Backup', message: `Backed up (${Math.ceil(bytes / 1024)} KB)`, detail: file, noLink: true });
  return 'none';
}

async function restore(host: DialogHost, handlers: Handlers, library: string): Promise<Aftermath> {
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
  const restored = dispatch(handlers, 'restoreLibrary', { file }) as Output<'restoreLibrary'>;
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
