import type { Input } from '../../../electron/contract/contract.ts';
import type { ExportLine } from '../../../electron/contract/progress.ts';
import { desktop, desktopJob } from '../desktop.ts';
import { jsonLines } from '../json-lines.ts';

/** What the Export dialog asks for: `exportDataset`'s input without `out`. */
export type ExportChoice = Omit<Input<'exportDataset'>, 'out'>;

export interface ExportSummary {
  readonly file: string;
  readonly documents: number;
  readonly spans: number;
  readonly unrepresentable: number;
  /** Documents the status and review filters left out. */
  readonly leftOut: number;
}

/**
 * Saves the export where the analyst says: on the desktop, main asks the path (null: the analyst
 * closed its dialog); in web mode, as a download.
 */
export async function saveExport(
  choice: ExportChoice,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<ExportSummary | null> {
  if (!desktop) return downloadExport(choice, onProgress, signal);
  const report = await desktopJob(desktop, 'export', choice, ({ done, total }) => onProgress(done, total), signal);
  return report && { ...report, file: report.out };
}

/**
 * Web mode: the server writes the export, telling its progress as it goes (`onProgress`: documents
 * written of the total), then the browser downloads the file. Aborting `signal` stops the export
 * on the server before anything is downloaded.
 */
async function downloadExport(
  choice: ExportChoice,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<ExportSummary> {
  const response = await fetch('download/export', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(choice),
    signal,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `the export failed (${response.status})`);
  }
  for await (const told of jsonLines<ExportLine>(response.body!)) {
    if (told.kind === 'progress') onProgress(told.progress.done, told.progress.total);
    else if ('error' in told.end) throw new Error(told.end.error.message);
    else {
      const { url, file, report } = told.end.value;
      // A link to the file: the browser saves it as it arrives, however big, as a download.
      saveAs(url.replace(/^\//, ''), file);
      return { file, documents: report.documents, spans: report.spans, unrepresentable: report.unrepresentable, leftOut: report.leftOut };
    }
  }
  throw new Error('the export stopped before it finished');
}

/** Has the browser save what `href` points at (a route of the server, a blob: URL) as `file`. */
export function saveAs(href: string, file: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = file;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
