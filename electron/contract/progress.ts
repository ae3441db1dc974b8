/**
 * Web mode's long operations, importing an uploaded file and exporting for a download, answer in
 * JSON Lines, a value a line as they go (the job's events, jobs.ts), so that the page can show how
 * far they are; the page cancels one by closing its answer. What each line may be.
 */
import type { ExportReport, ImportReport } from './contract.ts';
import type { Failure } from './errors.ts';
import type { ImportProgress } from './jobs.ts';

export type { Failure, ImportProgress };

/** POST /upload/import, once the upload is in: progress, then the report or the refusal. */
export type ImportLine = { readonly progress: ImportProgress } | { readonly value: ImportReport } | { readonly error: Failure };

/** What an export for download reports: the spans the format could not hold are only counted. */
export type DownloadReport = Omit<ExportReport, 'out' | 'unrepresentable'> & { readonly unrepresentable: number };

/**
 * POST /download/export: the number of documents to write first, then how many are written, and
 * last where to fetch the file (once) or why there is none.
 */
export type ExportLine =
  | { readonly total: number }
  | { readonly done: number }
  | { readonly ready: { readonly url: string; readonly file: string; readonly report: DownloadReport } }
  | { readonly error: Failure };
