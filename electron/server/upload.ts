/**
 * Web mode's import: the browser cannot hand over a path on this machine, so it sends the file's
 * bytes. They are streamed to a temporary folder under the file's own name (so the importer sees
 * its extension), imported exactly as `importFiles` imports a path, and removed.
 *
 * The import is the core's job, in a worker thread on a connection of its own, one file at a time,
 * so that the server keeps answering (and sending its progress) while it runs. A cancelled upload imports
 * nothing; a cancel during the import rolls the file back, whole.
 */
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ImportReport } from '../contract/contract.ts';
import { parseInput } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import type { ImportProgress } from '../contract/jobs.ts';
import type { Jobs } from '../core/hamish.ts';
import { stagingDir } from './staging.ts';

/** The page percent-encodes what it sends in headers (HTTP headers carry no Arabic). */
function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new HamishError('invalid_input', `import: ${name} is not valid percent-encoding (${JSON.stringify(value.slice(0, 80))})`);
  }
}

/** The longest file name the file systems Hamish runs on take (NAME_MAX on Linux and macOS). */
const MAX_NAME_BYTES = 255;

/** The file's own name, as the temporary copy is called; refused if no file system would take it. */
function fileName(request: IncomingMessage): string {
  const raw = header(request, 'X-Hamish-File-Name');
  const name = raw && basename(raw.replaceAll('\\', '/'));
  if (!name || name === '.' || name === '..') {
    throw new HamishError('invalid_input', 'import: the upload needs its file name (X-Hamish-File-Name)');
  }
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
  if (name.includes('\0')) throw new HamishError('invalid_input', `import: the file name ${shown} holds a NUL character`);
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_NAME_BYTES) {
    throw new HamishError('invalid_input', `import: the file name ${shown} is too long (${bytes} bytes; at most ${MAX_NAME_BYTES})`);
  }
  return name;
}

/** Web mode's imports: each file staged, then run as the core's import job. */
export class Imports {
  private readonly jobs: Jobs;

  constructor(jobs: Jobs) {
    this.jobs = jobs;
  }

  /**
   * Imports the file in the request body; its name comes in X-Hamish-File-Name. `cancelled`
   * stops it: during the upload nothing is imported, during the import the file is rolled back.
   */
  async upload(request: IncomingMessage, onProgress: (progress: ImportProgress) => void, cancelled: AbortSignal): Promise<ImportReport> {
    const name = fileName(request);
    const dir = stagingDir('upload');
    try {
      const file = join(dir, name);
      const textColumn = header(request, 'X-Hamish-Text-Column');
      const encoding = header(request, 'X-Hamish-Encoding');
      const input = parseInput('importFiles', { paths: [file], ...(textColumn && { textColumn }), ...(encoding && { encoding }) });
      try {
        await pipeline(request, createWriteStream(file));
      } catch (error) {
        // The file system's refusal (a full disk) is not the page's cancel: each is said as it is.
        if (error instanceof Error && 'syscall' in error) {
          throw new HamishError('io', `import: ${name} could not be copied to the temporary folder (${error.message}); nothing was imported`);
        }
        throw new HamishError('io', `import: the upload of ${name} did not finish (cancelled?); nothing was imported`);
      }
      const report = await this.jobs.run('importFiles', input, { onProgress, signal: cancelled });
      return shownAs(report, file, name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The report as the analyst reads it: they know the file by its own name, not by the temporary path. */
function shownAs(report: ImportReport, staged: string, name: string): ImportReport {
  const named = <T extends { readonly file: string }>(entries: readonly T[]): T[] =>
    entries.map((entry) => (entry.file === staged ? { ...entry, file: name } : entry));
  return { ...report, imported: named(report.imported), duplicates: named(report.duplicates), conflicts: named(report.conflicts), failed: named(report.failed) };
}
