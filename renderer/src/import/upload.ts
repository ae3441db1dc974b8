import type { ImportReport } from '../../../electron/contract/contract.ts';
import type { ImportLine, ImportProgress } from '../../../electron/contract/progress.ts';
import { lineReader } from '../json-lines.ts';

export interface Upload {
  /** Resolves with the import report, or rejects with the reason. */
  readonly done: Promise<ImportReport>;
  /** Stops the upload, or the import once the file is in: nothing of the file is kept. */
  cancel(): void;
}

/** How far a file is: its bytes on the way to Hamish, then the import reading them. */
export type UploadProgress =
  | { readonly phase: 'uploading'; readonly sent: number; readonly total: number }
  | ({ readonly phase: 'importing' } & ImportProgress);

/**
 * Sends one file to web mode's import route. XMLHttpRequest, not fetch: it reports upload
 * progress, which a large corpus file needs. The answer then tells the import's progress, a line
 * at a time, and ends with the report.
 */
export function upload(file: File, options: { textColumn?: string | undefined }, onProgress: (progress: UploadProgress) => void): Upload {
  const request = new XMLHttpRequest();
  const read = lineReader<ImportLine>();
  let seen = 0;
  /** The import's end, or the refusal of the whole request (sent before any line, with its status). */
  let end: Extract<ImportLine, { kind: 'end' }>['end'] | undefined;
  const take = (piece: string) => {
    for (const line of read(piece) as (ImportLine | NonNullable<typeof end>)[]) {
      if (!('kind' in line)) end = line;
      else if (line.kind === 'progress') onProgress({ phase: 'importing', ...line.progress });
      else end = line.end;
    }
  };
  const readAnswer = () => {
    take(request.responseText.slice(seen));
    seen = request.responseText.length;
  };
  const done = new Promise<ImportReport>((resolve, reject) => {
    request.open('POST', 'upload/import');
    request.setRequestHeader('X-Hamish-File-Name', encodeURIComponent(file.name));
    if (options.textColumn) request.setRequestHeader('X-Hamish-Text-Column', encodeURIComponent(options.textColumn));
    request.upload.onprogress = (event) => onProgress({ phase: 'uploading', sent: event.loaded, total: event.total });
    request.onprogress = readAnswer;
    request.onload = () => {
      try {
        readAnswer();
        // A refusal sent whole (a status other than 200) is one line with no line end after it.
        take('\n');
        if (end && 'value' in end) resolve(end.value);
        else if (end && 'error' in end) reject(new Error(end.error.message));
        else reject(new Error(`the import answered ${request.status}`));
      } catch {
        reject(new Error(`the import answered ${request.status}`));
      }
    };
    request.onerror = () => reject(new Error('Hamish is not answering'));
    request.onabort = () => reject(new Error('cancelled; nothing from this file was kept'));
    request.send(file);
  });
  return { done, cancel: () => request.abort() };
}
