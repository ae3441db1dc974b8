/**
 * `hamish import`: the options, and the run, the core's import job, whose progress events draw the
 * bar on a terminal; Ctrl+C cancels it (the file being read is left out whole).
 */
import type { ParseArgsConfig } from 'node:util';
import type { ImportReport } from '../contract/contract.ts';
import { parseInput } from '../contract/dispatch.ts';
import { encodingOf, ENCODINGS } from '../contract/encodings.ts';
import { HamishError } from '../contract/errors.ts';
import type { Hamish } from '../core/hamish.ts';
import { progressBar, type Progress } from './progress.ts';

export const IMPORT_OPTIONS = {
  encoding: { type: 'string' },
  'text-column': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const IMPORT_HELP = `Usage: hamish import PATH... [--encoding E] [--text-column NAME] [--annotator NAME] [--db PATH]

Imports articles from files, and from every such file below each folder:
  .txt              one article. UTF-8 with or without a byte order mark, UTF-16 with one;
                    windows-1256 and ISO-8859-6 Arabic are recognised, or named with --encoding
  .jsonl, .json     one JSON object per line (a .json file may also hold one object or a list):
                    "text" is the article; title, source, url, published and any other fields
                    are kept as its metadata
  .csv              RFC 4180, with a header row; the text column is "text" or --text-column
  .sqlite           a copy of a colleague's Hamish library (named, not found in folders): its
                    documents, and every annotator's spans as their layer, read-only
  .txt and .ann     a brat document: T lines are spans, AnnotatorNotes lines their notes
                    (a folder Hamish exported as brat also gives back ids and annotators)
JSON that carries spans (Hamish's export; Prodigy's "spans"; doccano's "label" or "entities";
Label Studio's tasks, each annotation's regions under its completed_by) brings them in too, under the annotator the file names, else --annotator. A document of a
Hamish export or library matches this library's by id and text; one whose id is here with
another text is reported as a conflict and left out, and the rest of its file goes in.

The text is stored as it is, but for a byte order mark dropped and CRLF or CR made LF. A text
already in the library is recognised and not stored again. Each file goes in whole or not at all:
a bad line (not JSON, no text, a span outside its text or with another text, an unknown label)
is reported with its file and line, and the file is left out. Ctrl+C stops, leaving out the file
being read. A progress bar is drawn on stderr when it is a terminal.

  --encoding E      the encoding of files without a byte order mark: ${ENCODINGS.join(', ')}
                    (or another name of one, like cp1256)
  --text-column C   the CSV column holding the article`;

type Values = Record<string, string | boolean | undefined>;

/** The contract's input for these options, checked before the library is opened. */
function importInput(values: Values, paths: readonly string[]) {
  if (paths.length === 0) throw new HamishError('invalid_input', 'import: name at least one file or folder');
  if (typeof values.encoding === 'string' && encodingOf(values.encoding) === undefined) {
    throw new HamishError('invalid_input', `import: --encoding must be one of ${ENCODINGS.join(', ')}, not "${values.encoding}"`);
  }
  return parseInput('importFiles', {
    paths,
    ...(typeof values.encoding === 'string' ? { encoding: values.encoding } : {}),
    ...(typeof values['text-column'] === 'string' ? { textColumn: values['text-column'] } : {}),
  });
}

export function checkImport(values: Values, paths: readonly string[]): void {
  importInput(values, paths);
}

/** Returns the exit code: 0, 1 if a file failed, 130 when stopped by Ctrl+C or SIGTERM. */
export async function runImportCommand(hamish: Hamish, values: Values, paths: readonly string[]): Promise<number> {
  const input = importInput(values, paths);
  const stop = new AbortController();
  const cancel = () => stop.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  // Made at the first event: the total is known once the files are found.
  let progress: Progress | null | undefined;
  let report: ImportReport;
  try {
    report = await hamish.jobs.run('importFiles', input, {
      signal: stop.signal,
      onProgress: ({ bytesDone, bytesTotal }) => {
        if (progress === undefined) progress = progressBar(process.stderr, Math.ceil(bytesTotal / 1024), 'kB');
        progress?.update(Math.floor(bytesDone / 1024));
      },
    });
  } finally {
    progress?.finish();
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
  printReport(report);
  if (report.cancelled) {
    console.error('hamish: import stopped; the file being read was left out, the files before it went in');
    return 130;
  }
  return report.failed.length === 0 && report.conflicts.length === 0 ? 0 : 1;
}

function printReport(report: ImportReport): void {
  const where = ({ file, line }: { file: string; line?: number | undefined }) => (line === undefined ? file : `${file}:${line}`);
  for (const entry of report.imported) {
    const details = [entry.encoding, entry.spans > 0 ? spans(entry.spans) : undefined].filter(Boolean);
    console.log(`imported  ${where(entry)} as ${entry.id}${details.length > 0 ? ` (${details.join(', ')})` : ''}`);
  }
  for (const entry of report.duplicates) {
    const added = entry.spans > 0 ? `; ${spans(entry.spans, 'new ')} added to it` : '';
    console.log(`duplicate ${where(entry)} (already in the library as ${entry.id}${added})`);
  }
  for (const entry of report.conflicts) console.error(`conflict  ${where(entry)}: document ${JSON.stringify(entry.id)}: ${entry.reason}`);
  for (const entry of report.failed) console.error(`failed    ${where(entry)}: ${entry.reason}`);
  const conflicts = report.conflicts.length > 0 ? `, ${report.conflicts.length} conflicts` : '';
  console.log(`${report.imported.length} imported, ${report.duplicates.length} duplicates${conflicts}, ${report.failed.length} failed`);
}

function spans(count: number, adjective = ''): string {
  return `${count} ${adjective}${count === 1 ? 'span' : 'spans'}`;
}
