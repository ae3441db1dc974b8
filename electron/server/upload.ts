/**
 * Web mode's import: the browser cannot hand over a path on this machine, so it sends the file's
 * bytes. They are streamed to a temporary folder under the file's own name (so the importer sees
 * its extension), imported exactly as `importFiles` imports a path, and removed. A cancelled upload
 * imports nothing.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ImportReport } from '../contract/contract.ts';
import { dispatch, type Handlers } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? decodeURIComponent(value) : undefined;
}

/** Imports the file in the request body; its name comes in X-Hamish-File-Name. */
export async function importUpload(handlers: Handlers, request: IncomingMessage): Promise<ImportReport> {
  const raw = header(request, 'x-hamish-file-name');
  const name = raw && basename(raw.replaceAll('\\', '/'));
  if (!name || name === '.' || name === '..') {
    throw new HamishError('invalid_input', 'import: the upload needs its file name (X-Hamish-File-Name)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'hamish-upload-'));
  try {
    const file = join(dir, name);
    try {
      await pipeline(request, createWriteStream(file));
    } catch {
      throw new HamishError('io', `import: the upload of ${name} did not finish (cancelled?); nothing was imported`);
    }
    const textColumn = header(request, 'x-hamish-text-column');
    const encoding = header(request, 'x-hamish-encoding');
    const report = dispatch(handlers, 'importFiles', {
      paths: [file],
      ...(textColumn && { textColumn }),
      ...(encoding && { encoding }),
    }) as ImportReport;
    // The analyst knows the file by its own name, not by the temporary path.
    return JSON.parse(JSON.stringify(report).replaceAll(JSON.stringify(file).slice(1, -1), name)) as ImportReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
