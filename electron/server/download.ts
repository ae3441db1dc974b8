/**
 * Web mode's export. The browser cannot name a path on this machine, so the core writes the export
 * to a temporary folder, exactly as `exportDataset` writes it, and the browser fetches it as one
 * file (a ZIP when the export is several files). It takes two requests, so that a long export can
 * show its progress and be cancelled before anything is downloaded:
 *
 * - POST /download/export with `exportDataset`'s input (without `out`) starts it. The answer is
 *   the job's messages as JSON Lines (job-lines.ts): progress `{"done", "total"}` as documents
 *   are written, and last its end, `{"value": {"url", "file", "report"}}` or `{"error": …}`.
 *   Closing this answer (the dialog's Cancel) stops the export and removes everything it staged.
 * - GET the `url` (/download/export/ID) sends the file, once, and removes it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFormat } from '../contract/contract.ts';
import { parseInput } from '../contract/dispatch.ts';
import { EXPORT_EXTENSIONS } from '../contract/files.ts';
import { HamishError } from '../contract/errors.ts';
import type { DownloadReady } from '../contract/progress.ts';
import type { CountProgress } from '../contract/jobs.ts';
import type { JobLines } from './job-lines.ts';
import type { Jobs } from '../core/hamish.ts';
import { entriesOf, zip, type ZipEntry } from '../web/zip.ts';
import { stagingDir } from './staging.ts';

export const DOWNLOAD_PATH = '/download/export';

const TYPES: Record<string, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  conll: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A finished export nobody fetches is removed after this long. */
const UNCLAIMED_MS = 10 * 60_000;

function stamp(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
}

/** A finished export waiting to be fetched. */
interface Ready {
  readonly file: string;
  readonly type: string;
  readonly path: string;
  readonly size: number;
}

interface Staged extends Ready {
  readonly dir: string;
  readonly timer: NodeJS.Timeout;
}

/** The exports of one server: running ones on connections of their own, finished ones on disk. */
export class Downloads {
  private readonly jobs: Jobs;
  private readonly ready = new Map<string, Staged>();

  constructor(jobs: Jobs) {
    this.jobs = jobs;
  }

  /**
   * Checks `body` and starts the export. Throws a HamishError for bad input (before anything is
   * sent); after that, `told` receives every message, the last its end.
   */
  start(body: unknown, told: JobLines<CountProgress, DownloadReady>, cancelled: AbortSignal, now = new Date()): Promise<void> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HamishError('invalid_input', 'exportDataset: the request body must be an object');
    }
    const base = `hamish-${stamp(now)}`;
    const format = (body as { format?: unknown }).format;
    // A folder goes down as one zip; an unknown format is refused by the contract's check below.
    const extension = Object.hasOwn(EXPORT_EXTENSIONS, String(format)) ? (EXPORT_EXTENSIONS[format as ExportFormat] ?? 'zip') : 'out';
    const single = extension === 'zip' ? base : `${base}.${extension}`;
    const checked = parseInput('exportDataset', { ...body, out: single });
    const dir = stagingDir('download');
    const out = join(dir, single);
    const input = { ...checked, out };
    const discard = () => rmSync(dir, { recursive: true, force: true });
    let kept = false;
    // The core's export job, in a worker on a connection of its own: it reads in one long
    // transaction while the server's connection goes on saving the analyst's tags.
    const finish = async () => {
      let begun = false;
      const onProgress = (progress: CountProgress) => {
        told.progress(progress);
        begun = true;
      };
      try {
        const { out: _, unrepresentable, ...counts } = await this.jobs.run('exportDataset', input, { onProgress, signal: cancelled });
        const ready = packaged(out, base, single, extension, now);
        const id = randomBytes(16).toString('hex');
        this.keep(id, dir, ready);
        kept = true;
        told.end({ value: { url: `${DOWNLOAD_PATH}/${id}`, file: ready.file, report: { ...counts, unrepresentable: unrepresentable.length } } });
      } catch (error) {
        if (!(error instanceof HamishError)) throw error;
        // Refused before it began (bad filters): said with its status, as the page's mistake.
        if (!begun) throw error;
        // The page that cancelled has gone: nobody reads this.
        if (error.code !== 'cancelled') told.end({ error: { code: error.code, message: error.message } });
      } finally {
        if (!kept) discard();
      }
    };
    return finish();
  }

  private keep(id: string, dir: string, ready: Ready): void {
    const timer = setTimeout(() => this.take(id), UNCLAIMED_MS).unref();
    this.ready.set(id, { ...ready, dir, timer });
  }

  /**
   * The finished export `id`, handed over once: `done` must be called when it has been sent (or
   * not), and removes it.
   */
  take(id: string): (Ready & { done: () => void }) | undefined {
    const staged = this.ready.get(id);
    if (!staged) return undefined;
    this.ready.delete(id);
    clearTimeout(staged.timer);
    return { ...staged, done: () => rmSync(staged.dir, { recursive: true, force: true }) };
  }

  /** Removes every export not fetched yet. */
  close(): void {
    for (const id of [...this.ready.keys()]) this.take(id)!.done();
  }
}

/** The export at `out` as one file to download: itself, or a ZIP of it and what lies beside it. */
function packaged(out: string, base: string, single: string, extension: string, now: Date): Ready {
  const beside = `${out}.manifest.json`;
  if (statSync(out).isFile() && !existsSync(beside)) {
    return { file: single, type: TYPES[extension] ?? 'application/octet-stream', path: out, size: statSync(out).size };
  }
  const entries: ZipEntry[] = statSync(out).isDirectory()
    ? entriesOf(out, base)
    : [
        { name: `${base}/${single}`, data: readFileSync(out) },
        { name: `${base}/${single}.manifest.json`, data: readFileSync(beside) },
      ];
  const archive = `${out}.zip`;
  writeFileSync(archive, zip(entries, now));
  return { file: `${base}.zip`, type: TYPES.zip!, path: archive, size: statSync(archive).size };
}
