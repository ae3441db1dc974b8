/**
 * Web mode's import: the browser cannot hand over a path on this machine, so it sends the file's
 * bytes. They are streamed to a temporary folder under the file's own name (so the importer sees
 * its extension), imported exactly as `importFiles` imports a path, and removed.
 *
 * The import runs in a worker thread on a connection of its own, one file at a time, so that the
 * server keeps answering (and sending its progress) while it runs. A cancelled upload imports
 * nothing; a cancel during the import rolls the file back, whole.
 */
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type { ImportReport } from '../contract/contract.ts';
import { parseInput, type Handlers } from '../contract/dispatch.ts';
import { HamishError, type ErrorCode } from '../contract/errors.ts';
import type { ImportLine, ImportProgress } from '../contract/progress.ts';
import type { ImportJob } from './import-worker.ts';
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

const WORKER = new URL('./import-worker.js', import.meta.url);

export class Imports {
  private readonly handlers: Handlers;
  private readonly library: string;
  /** Settles when the import before the next one has ended: imports take turns. */
  private turn: Promise<void> = Promise.resolve();
  private readonly running = new Set<Worker>();
  /** The name of the file being imported, if one is: it holds the library's write lock. */
  importing: string | undefined;

  constructor(handlers: Handlers, library: string) {
    this.handlers = handlers;
    this.library = library;
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
      const report = await this.inTurn(async () => {
        if (cancelled.aborted) throw new HamishError('io', `import: ${name} was cancelled before it started; nothing was imported`);
        const { paths, annotator, ...read } = input;
        this.importing = name;
        try {
          return await this.run({ library: this.library, paths, ...read, annotator: annotator ?? this.handlers.session({}).annotator }, onProgress, cancelled);
        } finally {
          this.importing = undefined;
        }
      });
      // The analyst knows the file by its own name, not by the temporary path.
      return JSON.parse(JSON.stringify(report).replaceAll(JSON.stringify(file).slice(1, -1), name)) as ImportReport;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Stops every import running: each rolls its file back. */
  close(): Promise<void> {
    return Promise.all([...this.running].map((worker) => worker.terminate())).then(() => {});
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      return await work();
    } finally {
      release();
    }
  }

  private run(job: ImportJob, onProgress: (progress: ImportProgress) => void, cancelled: AbortSignal): Promise<ImportReport> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, { workerData: job });
      this.running.add(worker);
      const cancel = () => worker.postMessage('cancel');
      cancelled.addEventListener('abort', cancel);
      let answer: ImportReport | HamishError | undefined;
      worker.on('message', (message: ImportLine) => {
        if ('progress' in message) onProgress(message.progress);
        else if ('value' in message) answer = message.value;
        else answer = new HamishError(message.error.code as ErrorCode, message.error.message);
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        this.running.delete(worker);
        cancelled.removeEventListener('abort', cancel);
        if (answer instanceof HamishError) reject(answer);
        else if (answer) resolve(answer);
        else reject(new HamishError('io', 'import: stopped before it finished; nothing of the file was kept'));
      });
    });
  }
}
