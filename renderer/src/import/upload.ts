import type { ImportReport } from '../../../electron/contract/contract.ts';

export interface Upload {
  /** Resolves with the import report, or rejects with the reason. */
  readonly done: Promise<ImportReport>;
  cancel(): void;
}

/**
 * Sends one file to web mode's import route. XMLHttpRequest, not fetch: it reports upload
 * progress, which a large corpus file needs.
 */
export function upload(
  file: File,
  options: { textColumn?: string | undefined },
  onProgress: (sent: number, total: number) => void,
): Upload {
  const request = new XMLHttpRequest();
  const done = new Promise<ImportReport>((resolve, reject) => {
    request.open('POST', 'upload/import');
    request.setRequestHeader('X-Hamish-File-Name', encodeURIComponent(file.name));
    if (options.textColumn) request.setRequestHeader('X-Hamish-Text-Column', encodeURIComponent(options.textColumn));
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total);
    request.onload = () => {
      try {
        const body = JSON.parse(request.responseText) as { value: ImportReport } | { error: { message: string } };
        if ('error' in body) reject(new Error(body.error.message));
        else resolve(body.value);
      } catch {
        reject(new Error(`the import answered ${request.status}`));
      }
    };
    request.onerror = () => reject(new Error('Hamish is not answering'));
    request.onabort = () => reject(new Error('cancelled; nothing was imported'));
    request.send(file);
  });
  return { done, cancel: () => request.abort() };
}
