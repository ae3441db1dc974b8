/**
 * Web mode's long operations, importing an uploaded file and exporting for a download, answer in
 * JSON Lines, a message a line as they go: the same JobTold messages the desktop's IPC carries
 * (jobs.ts), each naming its job by the id the server gave it, so that the page can show how far
 * they are; the page cancels one by closing its answer. What each line may be.
 */
import type { Reply } from './channels.ts';
import type { ExportReport, ImportReport } from './contract.ts';
import type { Failure } from './errors.ts';
import type { CountProgress, ImportProgress, JobTold } from './jobs.ts';

export type { Failure, ImportProgress };

/** POST /upload/import, once the upload is in: the import's progress, then its end (the report or the refusal). */
export type ImportLine = JobTold<ImportProgress, Reply<ImportReport>>;

/** What an export for download reports: the spans the format could not hold are only counted. */
export type DownloadReport = Omit<ExportReport, 'out' | 'unrepresentable'> & { readonly unrepresentable: number };

/** A finished export waiting on the server: where to fetch it (once), its file name, what it held. */
export interface DownloadReady {
  readonly url: string;
  readonly file: string;
  readonly report: DownloadReport;
}

/** POST /download/export: documents written of the total as it goes, then where to fetch the file or why there is none. */
export type ExportLine = JobTold<CountProgress, Reply<DownloadReady>>;
