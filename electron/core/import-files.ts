import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ImportReport } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import type { Documents } from './documents.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every `.txt` file at or below `path`, in name order, so that imports are repeatable. */
function textFiles(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new HamishError('not_found', 'no such file or folder');
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || extname(entry.name).toLowerCase() === '.txt')
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => textFiles(join(path, name)));
}

function readText(file: string): string {
  if (extname(file).toLowerCase() !== '.txt') {
    throw new HamishError('invalid_input', 'not a .txt file');
  }
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new HamishError('invalid_input', 'the file is empty');
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new HamishError('invalid_input', `not text: a NUL byte at byte ${nul}`);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HamishError('invalid_input', 'not valid UTF-8');
  }
}

/** Imports each file on its own: one bad file is reported and the others still go in. */
export function importFiles(documents: Documents, paths: readonly string[]): ImportReport {
  const report: ImportReport = { imported: [], duplicates: [], failed: [] };
  for (const path of paths) {
    let files: string[];
    try {
      files = textFiles(path);
    } catch (error) {
      report.failed.push({ file: path, reason: reasonOf(error) });
      continue;
    }
    for (const file of files) {
      try {
        const outcome = documents.add({
          name: basename(file, extname(file)),
          text: readText(file),
          source: basename(file),
        });
        (outcome.kind === 'imported' ? report.imported : report.duplicates).push({ file, id: outcome.id });
      } catch (error) {
        report.failed.push({ file, reason: reasonOf(error) });
      }
    }
  }
  return report;
}

function reasonOf(error: unknown): string {
  if (error instanceof HamishError) return error.message;
  if (error instanceof Error && 'code' in error) return `${String(error.code)}: ${error.message}`;
  throw error;
}
