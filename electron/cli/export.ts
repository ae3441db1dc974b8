/**
 * `hamish export`: the options, and the run itself, the core's export job, which draws progress on
 * a terminal and stops cleanly on Ctrl+C (leaving no file).
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ParseArgsConfig } from 'node:util';
import { ExportFormat, type Unrepresentable } from '../contract/contract.ts';
import { parseInput } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import { defaultDocuments, exportSummary } from '../contract/export-defaults.ts';
import type { ExportResult, Hamish } from '../core/hamish.ts';
import { progressBar, type Progress } from './progress.ts';

export const EXPORT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  tokens: { type: 'string' },
  annotators: { type: 'string' },
  gold: { type: 'boolean' },
  status: { type: 'string' },
  label: { type: 'string' },
  documents: { type: 'string' },
  manifest: { type: 'boolean' },
  predictions: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const EXPORT_HELP = `Usage: hamish export [--format F] [--out PATH] [filters] [--db PATH]

Writes the dataset. Offsets everywhere are Unicode code points (Python's text[start:end]).
Without --out (or with --out -) it writes to stdout. With --out, the export appears whole or not
at all, also when stopped with Ctrl+C. A progress bar is drawn on stderr when it is a terminal.

  --format F        jsonl (default; Hamish's own, lossless), prodigy, doccano, conll,
                    labelstudio (a folder: tasks.json, labeling-config.xml, manifest.json),
                    brat (a folder: .txt and .ann per document, annotation.conf, manifest.json)
                    claims-csv, claims-json (the claims table: a row per claim with its card's
                    stance, sources, via, locations and dates)
  --out PATH        the file, or the folder for labelstudio and brat (new or empty)
  --tokens T        conll: whole (default; clitics stay on their word) or clitic (proclitics
                    are tokens of their own: ب O / العراق B-LOCATION)
  --manifest        jsonl: the first line is {"manifest": ...}; prodigy, doccano, conll:
                    PATH.manifest.json beside the file. Folder exports always have one.
  --predictions A   labelstudio: annotator A's layer goes out as predictions (pre-annotations
                    for a Label Studio project), the other layers as annotations

Which documents: by default the done ones (with --gold: those whose review has started); the
summary line says how many others were left out. --status all takes every document.

Filters (a comma-separated list matches any of its values):
  --annotator NAME  only this annotator's spans
  --annotators A,B  only these annotators' spans (all: everyone's). Each annotator's spans stay
                    a layer of their own: a line each (prodigy, doccano), an annotation each
                    (labelstudio), a subfolder each (brat), columns each (conll)
  --gold            only the gold layer: the spans review decisions accepted (and gold edits)
  --status S,...    documents by status: new, in_progress, done; or all
  --label L,...     spans by label: claim, actor, location, date
  --documents ID,... | @FILE
                    these documents (@FILE: one id a line)`;

export type Values = Record<string, string | boolean | undefined>;
type Parsed = ReturnType<typeof parseInput<'exportDataset'>>;

const STDOUT = '-';

function list(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

function usageError(message: string): never {
  throw new HamishError('invalid_input', `export: ${message}`);
}

function documentIds(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string' || !value.startsWith('@')) return list(value);
  let text: string;
  try {
    text = readFileSync(value.slice(1), 'utf8');
  } catch (error) {
    usageError(`--documents ${value}: ${(error as Error).message}`);
  }
  return list(text.split(/\r?\n/).join(','));
}

/**
 * Which documents by state: --status all takes every one, --status S those in S; documents named
 * by id go out whatever their state; else the default (the app's too).
 */
function selectionOf(statuses: string[] | undefined, documents: string[] | undefined, gold: boolean) {
  if (statuses?.includes('all')) return {};
  if (statuses) return { statuses };
  return documents ? {} : defaultDocuments(gold);
}

/** The contract's input for these options, checked: the command line's mistakes, said plainly. */
export function exportInput(values: Values, positionals: readonly string[]): Parsed {
  if (positionals.length > 0) usageError(`unexpected argument "${positionals[0]}"`);
  const format = values.format ?? 'jsonl';
  const formats = ExportFormat.options;
  if (!formats.includes(format as ExportFormat)) {
    usageError(`--format must be one of ${formats.join(', ')}, not "${String(format)}"`);
  }
  const out = typeof values.out === 'string' ? values.out : STDOUT;
  if (format !== 'conll' && values.tokens !== undefined) usageError('--tokens is for --format conll');
  if (values.tokens !== undefined && values.tokens !== 'whole' && values.tokens !== 'clitic') {
    usageError(`--tokens must be whole or clitic, not "${String(values.tokens)}"`);
  }
  if (values.predictions !== undefined && format !== 'labelstudio') usageError('--predictions is for --format labelstudio');
  if (out === STDOUT && (format === 'labelstudio' || format === 'brat')) usageError(`${format} writes a folder: name it with --out`);
  if (out === STDOUT && values.manifest && format !== 'jsonl') usageError(`--manifest with ${format} needs --out`);
  if (values.annotator !== undefined && values.annotators !== undefined) {
    usageError('give --annotator or --annotators, not both');
  }
  if (values.gold && (values.annotator !== undefined || values.annotators !== undefined)) {
    usageError('--gold is the gold layer alone: leave out --annotator and --annotators');
  }
  const documents = documentIds(values.documents);
  const selection = selectionOf(list(values.status), documents, values.gold === true);
  const filters = {
    gold: values.gold === true ? true : undefined,
    annotators: values.annotators === 'all' ? undefined : list(values.annotator ?? values.annotators),
    ...selection,
    labels: list(values.label),
    documents,
  };
  return parseInput('exportDataset', {
    format,
    out,
    filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
    tokens: values.tokens ?? 'whole',
    manifest: values.manifest === true,
    ...(typeof values.predictions === 'string' ? { predictions: values.predictions } : {}),
  });
}

function describe(span: Unrepresentable): string {
  return `  document ${JSON.stringify(span.document)}, span ${span.span} (${span.label} by ${span.annotator}, ${span.start}-${span.end} ${JSON.stringify(span.text)}): ${span.reason}`;
}

/**
 * Runs the export as the core's job, its progress events drawing the bar. To stdout it is written
 * to a temporary file first, then copied out: the job runs in a worker, which does not hold this
 * process's stdout. Returns the exit code: 0, also when the reader of stdout goes away early
 * (hamish export | head), or 130 when stopped by Ctrl+C or SIGTERM.
 */
export async function runExportCommand(hamish: Hamish, values: Values, positionals: readonly string[]): Promise<number> {
  const input = exportInput(values, positionals);
  const toStdout = input.out === STDOUT;
  const stop = new AbortController();
  const cancel = () => stop.abort();
  // Listening before the first file is staged: a Ctrl+C from then on removes it.
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const scratch = toStdout ? mkdtempSync(join(tmpdir(), 'hamish-export-')) : null;
  let progress: Progress | null | undefined;
  try {
    let result: ExportResult;
    try {
      result = await hamish.jobs.run('exportDataset', { ...input, out: scratch ? join(scratch, `export.${input.format}`) : input.out }, {
        signal: stop.signal,
        onProgress: ({ done, total }) => {
          if (progress === undefined) progress = progressBar(process.stderr, total, 'documents');
          progress?.update(done);
        },
      });
    } catch (error) {
      if (!(error instanceof HamishError) || error.code !== 'cancelled') throw error;
      console.error(toStdout ? 'hamish: export stopped' : 'hamish: export stopped; nothing was written');
      return 130;
    } finally {
      progress?.finish();
    }
    if (scratch) {
      const copied = await copyOut(join(scratch, `export.${input.format}`), stop.signal);
      if (copied === 'cancelled') {
        console.error('hamish: export stopped');
        return 130;
      }
      // The reader went away: what it wanted, it had.
      if (copied === 'reader gone') return 0;
    }
    report(input, toStdout ? null : input.out, result);
    return 0;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Copies the finished export to stdout, stopping when told or when its reader goes away. */
async function copyOut(file: string, signal: AbortSignal): Promise<'copied' | 'cancelled' | 'reader gone'> {
  try {
    await pipeline(createReadStream(file), process.stdout, { signal, end: false });
    return 'copied';
  } catch (error) {
    if (signal.aborted) return 'cancelled';
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return 'reader gone';
    throw error;
  }
}

/** The summary line on stderr, then what the format could not hold. */
function report({ format, filters }: Parsed, out: string | null, result: ExportResult): void {
  const { unrepresentable, widened } = result;
  const { counts, selection } = exportSummary(result, filters);
  const which = selection === null ? '' : ` (${selection}${result.leftOut > 0 ? ': --status all exports every one' : ''})`;
  // To stdout, the line is said only when documents were left out: the data is on stdout.
  if (out !== null || result.leftOut > 0) console.error(`wrote ${counts}${out === null ? '' : ` to ${out}`}${which}`);
  if (widened > 0) console.error(`${widened} spans were widened to whole tokens`);
  if (unrepresentable.length > 0) {
    console.error(`${unrepresentable.length} spans could not be written in ${format}:`);
    for (const span of unrepresentable) console.error(describe(span));
  }
}
