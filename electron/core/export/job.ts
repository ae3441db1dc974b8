/**
 * An export from start to finish: read the selection (source.ts), hand each document to the
 * format, write through a staged output (output.ts), then put the files in place. The job runs in
 * steps so that a caller on an event loop can show progress and stop it between documents;
 * `exportDataset` runs it in one go.
 */
import { GOLD } from '../../contract/annotators.ts';
import type { ExportFilters, ExportFormat, ExportReport, Unrepresentable } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { Db } from '../database.ts';
import { Vocabulary } from '../vocabulary.ts';
import type { FormatContext } from './writer.ts';
import { WRITERS } from './writers.ts';
import { makeManifest, type Manifest } from './manifest.ts';
import { stagedOutput, type StagedOutput } from './output.ts';
import { openSource, type ExportDocument } from './source.ts';

export interface ExportRequest {
  readonly format: ExportFormat;
  /** A path: a file, or a folder for brat and labelstudio (the CLI's stdout is a file copied out). */
  readonly destination: string;
  readonly filters?: ExportFilters | undefined;
  readonly tokens?: 'whole' | 'clitic' | undefined;
  /** Label Studio: this annotator's layer goes out as predictions. */
  readonly predictions?: string | undefined;
  /** Put the manifest in a file export too (folder exports always hold one). */
  readonly manifest?: boolean | undefined;
  /** The time the manifest records; now by default. */
  readonly now?: Date | undefined;
}

export type ExportResult = Omit<ExportReport, 'out'>;

export interface ExportJob {
  /** Documents to write, and written so far. */
  readonly total: number;
  readonly done: number;
  /** Writes documents for about `budgetMs`; true once everything is written and in place. */
  step(budgetMs?: number): boolean;
  /** Whether everything is written and in place. */
  readonly finished: boolean;
  /** Stops and removes whatever was staged. */
  abort(): void;
  /** Once `step` has returned true. */
  readonly result: ExportResult;
}

export function startExport(db: Db, request: ExportRequest): ExportJob {
  const format = WRITERS[request.format];
  const manifestFile = format.layout.kind === 'folder' || (request.manifest === true && format.manifestIn === 'file');
  // The gold layer is the annotator `gold`'s spans, and is recorded so in the manifest.
  const { gold, ...filters }: ExportFilters = request.filters ?? {};
  if (gold) filters.annotators = [GOLD];
  const tokens = request.tokens ?? 'whole';
  const predictions = request.predictions ?? null;
  if (predictions !== null && request.format !== 'labelstudio') {
    throw new HamishError('invalid_input', 'predictions are for the labelstudio format');
  }
  const now = request.now ?? new Date();
  const unrepresentable: Unrepresentable[] = [];
  let widened = 0;
  let knownWords: ((words: readonly string[]) => string[]) | undefined;
  let metaKeys: readonly string[] | undefined;

  const source = openSource(db, filters, { decisions: request.format === 'jsonl', cards: format.cards === true });
  if (predictions !== null && !source.layers.includes(predictions)) {
    source.close();
    throw new HamishError('invalid_input', `predictions: "${predictions}" is not one of the exported layers (${source.layers.join(', ')})`);
  }
  let output: StagedOutput | null = null;
  const manifest = (): Manifest =>
    makeManifest({
      format: request.format,
      options: format.options?.({ tokens, layers: source.layers, predictions }) ?? {},
      filters,
      layers: source.layers,
      counts: source.counts,
      now,
      unrepresentable,
      widened,
    });
  const context: FormatContext & { written: number } = {
    layers: source.layers,
    tokens,
    predictions,
    manifest,
    withManifest: request.manifest === true,
    written: 0,
    unrepresentable: (entry) => unrepresentable.push(entry),
    widened: () => widened++,
    knownWords: (words) => (knownWords ??= new Vocabulary(db).frozen())(words),
    metaKeys: () => (metaKeys ??= source.metaKeys()),
  };
  let documents: Iterator<ExportDocument>;
  let finished = false;
  let closed = false;
  const close = () => {
    if (!closed) source.close();
    closed = true;
  };
  const abort = () => {
    try {
      output?.abort();
    } finally {
      close();
    }
  };

  try {
    output = stagedOutput(request.destination, format.layout);
    format.begin?.(output, context);
    documents = source.documents();
  } catch (error) {
    abort();
    throw error;
  }

  const finish = (out: StagedOutput) => {
    format.end?.(out, context);
    if (manifestFile) out.manifest(JSON.stringify(manifest(), null, 2) + '\n');
    out.commit();
    close();
    finished = true;
  };

  return {
    total: source.counts.documents,
    get done() {
      return context.written;
    },
    step(budgetMs = Infinity) {
      if (finished) return true;
      const deadline = performance.now() + budgetMs;
      try {
        for (;;) {
          const next = documents.next();
          if (next.done) {
            finish(output!);
            return true;
          }
          format.document(next.value, output!, context);
          context.written++;
          if (performance.now() >= deadline) return false;
        }
      } catch (error) {
        abort();
        throw error;
      }
    },
    abort,
    get finished() {
      return finished;
    },
    get result() {
      if (!finished) throw new Error('the export is not finished');
      return { documents: context.written, spans: source.counts.spans, unrepresentable, widened, leftOut: source.counts.leftOut };
    },
  };
}

/** Runs an export to the end, synchronously. */
export function runExport(db: Db, request: ExportRequest): ExportResult {
  const job = startExport(db, request);
  job.step();
  return job.result;
}
