/**
 * Web mode's export: the browser cannot name a path on this machine, so the export is written to
 * a temporary folder by the core, exactly as `exportDataset` writes it, read back as one file (a
 * ZIP when the export is several files) and removed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat, ExportReport } from '../contract/contract.ts';
import { parseInput, type Handlers } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import { entriesOf, zip, type ZipEntry } from '../core/export/zip.ts';

export interface ExportDownload {
  /** hamish-YYYYMMDD-HHMM.EXT */
  readonly name: string;
  readonly type: string;
  readonly content: Buffer;
  readonly report: Omit<ExportReport, 'out' | 'unrepresentable'> & { unrepresentable: number };
}

const EXTENSIONS: Record<ExportFormat, string> = {
  jsonl: 'jsonl',
  prodigy: 'jsonl',
  doccano: 'jsonl',
  conll: 'conll',
  labelstudio: 'zip',
  brat: 'zip',
};

const TYPES: Record<string, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  conll: 'text/plain; charset=utf-8',
  zip: 'application/zip',
};

function stamp(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
}

/** Runs `exportDataset` on `body` (its input without `out`) and returns the download. */
export function exportForDownload(handlers: Handlers, body: unknown, now = new Date()): ExportDownload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HamishError('invalid_input', 'exportDataset: the request body must be an object');
  }
  const base = `hamish-${stamp(now)}`;
  const dir = mkdtempSync(join(tmpdir(), 'hamish-download-'));
  try {
    const format = (body as { format?: unknown }).format;
    const extension = EXTENSIONS[format as ExportFormat] ?? 'out';
    const single = extension === 'zip' ? base : `${base}.${extension}`;
    const out = join(dir, single);
    const input = parseInput('exportDataset', { ...body, out });
    const { out: _written, unrepresentable, ...counts } = handlers.exportDataset(input);
    const report = { ...counts, unrepresentable: unrepresentable.length };

    const beside = `${out}.manifest.json`;
    if (statSync(out).isFile() && !existsSync(beside)) {
      return { name: single, type: TYPES[extension] ?? 'application/octet-stream', content: readFileSync(out), report };
    }
    const entries: ZipEntry[] = statSync(out).isDirectory()
      ? entriesOf(out, base)
      : [
          { name: `${base}/${single}`, data: readFileSync(out) },
          { name: `${base}/${single}.manifest.json`, data: readFileSync(beside) },
        ];
    return { name: `${base}.zip`, type: TYPES.zip!, content: zip(entries, now), report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
