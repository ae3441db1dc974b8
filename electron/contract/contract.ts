/**
 * The one API of Hamish. Every door into the core (Electron IPC, the local web server, the CLI)
 * speaks these operations, and every input is parsed here before the core sees it.
 *
 * Offsets are half-open and counted in Unicode code points, the unit of the exports (Python and
 * spaCy slice strings by code points). The renderer converts to and from UTF-16 at its edge.
 */
import { z } from 'zod';
import { annotatorNameProblem } from './annotators.ts';
import { encodingOf, ENCODINGS } from './encodings.ts';
import { LABELS } from './labels.ts';
import type { Operation } from './operations.ts';

export { OPERATIONS, isOperation, type Operation } from './operations.ts';

const DocumentId = z.string().min(1).max(200);
const SpanId = z.number().int().positive();
const Offset = z.number().int().nonnegative();
const Timestamp = z.string();
/** Whose a layer is: a person, or the reviewed layer `gold`. */
const AnnotatorName = z.string().trim().min(1).max(200);
/** A person's name: not `gold`, which is the reviewed layer's. */
const PersonName = AnnotatorName.superRefine((name, context) => {
  const problem = annotatorNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const LabelSchema = z.enum(LABELS);

export const DocumentStatus = z.enum(['new', 'in_progress', 'done']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

const DocumentSummary = z.object({
  id: DocumentId,
  title: z.string(),
  status: DocumentStatus,
  spanCount: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

const Span = z.object({
  id: SpanId,
  documentId: DocumentId,
  start: Offset,
  end: Offset,
  label: LabelSchema,
  annotator: z.string(),
  note: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Span = z.infer<typeof Span>;

const OpenedDocument = z.object({
  summary: DocumentSummary,
  text: z.string(),
  meta: z.record(z.string(), z.unknown()),
  spans: z.array(Span),
  /** Code point at the top of the view when the analyst last left this document. */
  viewOffset: Offset,
});
export type OpenedDocument = z.infer<typeof OpenedDocument>;

/** One article that came in, or was already there. `line`: its record's, in a file of many. */
const ImportedDocument = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  id: DocumentId,
  /** Spans the file brought that were not in the library yet. */
  spans: z.number().int().nonnegative(),
  /** The file's encoding, when it was not UTF-8. */
  encoding: z.enum(ENCODINGS).optional(),
});

const ImportReport = z.object({
  imported: z.array(ImportedDocument),
  duplicates: z.array(ImportedDocument),
  /** Files that went in not at all, and why; `line` is where in the file the problem is. */
  failed: z.array(z.object({ file: z.string(), line: z.number().int().positive().optional(), reason: z.string() })),
  /** Stopped before the end: the last file in `failed` was the one being read. */
  cancelled: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

const Note = z.string().max(10_000).nullable();

/** What undo or redo did: the span it touched as it now is (null: it no longer exists), or null. */
const HistoryStep = z.object({ spanId: SpanId, span: Span.nullable() }).nullable();
export type HistoryStep = z.infer<typeof HistoryStep>;

export const ExportFormat = z.enum(['jsonl', 'prodigy', 'doccano', 'labelstudio', 'brat', 'conll']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** What to export. Each filter keeps what matches any of its values; one left out keeps all. */
const ExportFilters = z.object({
  /** Each annotator's spans are a layer of their own; by default everyone's. */
  annotators: z.array(z.string().min(1)).min(1).optional(),
  statuses: z.array(DocumentStatus).min(1).optional(),
  labels: z.array(LabelSchema).min(1).optional(),
  documents: z.array(DocumentId).min(1).optional(),
});
export type ExportFilters = z.infer<typeof ExportFilters>;

/** A span the format cannot hold (CoNLL: it crosses or nests in another of its column), and why. */
const Unrepresentable = z.object({
  document: DocumentId,
  span: SpanId,
  label: LabelSchema,
  annotator: z.string(),
  start: Offset,
  end: Offset,
  text: z.string(),
  reason: z.string(),
});
export type Unrepresentable = z.infer<typeof Unrepresentable>;

const ExportReport = z.object({
  out: z.string(),
  documents: z.number().int(),
  /** Spans selected; those the format could not hold are listed in `unrepresentable`. */
  spans: z.number().int(),
  unrepresentable: z.array(Unrepresentable),
  /** CoNLL: spans written wider than they are, out to whole tokens. */
  widened: z.number().int(),
});
export type ExportReport = z.infer<typeof ExportReport>;

const Backup = z.object({
  file: z.string(),
  kind: z.enum(['automatic', 'before-restore']),
  createdAt: Timestamp,
  bytes: z.number().int(),
});
export type Backup = z.infer<typeof Backup>;

const Session = z.object({ annotator: z.string(), confirmed: z.boolean() });
export type Session = z.infer<typeof Session>;

function operation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const contract = {
  /**
   * Who is annotating. `confirmed` is false when the name is only the login name, not given by
   * option or $HAMISH_ANNOTATOR nor chosen in this library: the app then asks for it first.
   */
  session: operation(z.object({}), Session),
  /** Switches who is annotating, and remembers the name in the library for the next start. */
  setAnnotator: operation(z.object({ name: PersonName }), Session),
  /** Everyone who has annotated in this library (or opened it to), by name. */
  listAnnotators: operation(z.object({}), z.array(z.string())),
  listDocuments: operation(z.object({}), z.array(DocumentSummary)),
  openDocument: operation(z.object({ id: DocumentId }), OpenedDocument),
  createSpan: operation(
    z
      .object({ documentId: DocumentId, start: Offset, end: Offset, label: LabelSchema })
      .refine((s) => s.start < s.end, { message: 'a span must end after it starts' }),
    Span,
  ),
  deleteSpan: operation(z.object({ id: SpanId }), z.object({ id: SpanId })),
  /** Relabel, move an edge, or set the note (null removes it) of one of your own spans. */
  updateSpan: operation(
    z
      .object({ id: SpanId, label: LabelSchema.optional(), start: Offset.optional(), end: Offset.optional(), note: Note.optional() })
      .refine((c) => Object.keys(c).length > 1, { message: 'say what to change' }),
    Span,
  ),
  /** Which of these words occur as whole words somewhere in the corpus. */
  knownWords: operation(z.object({ words: z.array(z.string().max(100)).max(20_000) }), z.array(z.string())),
  /** Takes back your latest change in the document (or puts back the one taken back last). */
  undo: operation(z.object({ documentId: DocumentId }), HistoryStep),
  redo: operation(z.object({ documentId: DocumentId }), HistoryStep),
  setDocumentStatus: operation(
    z.object({ id: DocumentId, status: DocumentStatus.exclude(['new']) }),
    DocumentSummary,
  ),
  saveViewOffset: operation(z.object({ id: DocumentId, offset: Offset }), z.object({})),
  importFiles: operation(
    z.object({
      paths: z.array(z.string().min(1)).min(1),
      /** Any label of the encoding (cp1256, arabic, utf8…); default: detected per file. */
      encoding: z
        .string()
        .refine((label) => encodingOf(label) !== undefined, { message: `the encodings are ${ENCODINGS.join(', ')}` })
        .transform((label) => encodingOf(label)!)
        .optional(),
      /** The CSV column holding the article (default: text). */
      textColumn: z.string().min(1).optional(),
      /** Whose the spans in a file are when the file does not say (default: the session's). */
      annotator: z.string().trim().min(1).max(200).optional(),
    }),
    ImportReport,
  ),
  /** Writes the dataset to `out` (a file; a folder for brat and labelstudio), whole or not at all. */
  exportDataset: operation(
    z.object({
      format: ExportFormat,
      out: z.string().min(1),
      filters: ExportFilters.default({}),
      /** CoNLL: proclitics stay on their word ('whole') or are tokens of their own ('clitic'). */
      tokens: z.enum(['whole', 'clitic']).default('whole'),
      /** Also for single-file exports: the first line of a JSONL file, else FILE.manifest.json. */
      manifest: z.boolean().default(false),
    }),
    ExportReport,
  ),
  /** A consistent copy of the library at `out`, taken while it is in use. */
  backupLibrary: operation(z.object({ out: z.string().min(1) }), z.object({ file: z.string(), bytes: z.number().int() })),
  /** The library's automatic backups and the copies kept before restores, newest first. */
  listBackups: operation(z.object({}), z.array(Backup)),
  /** Replaces the library's contents with a backup's, keeping a copy of them first (`previous`). */
  restoreLibrary: operation(
    z.object({ file: z.string().min(1) }),
    z.object({ restored: z.string(), previous: z.string(), documents: z.number().int(), spans: z.number().int() }),
  ),
} as const satisfies Record<Operation, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Input<O extends Operation> = z.input<Contract[O]['input']>;
export type Output<O extends Operation> = z.output<Contract[O]['output']>;

/** What every door offers: each operation as an async function. */
export type HamishApi = { readonly [O in Operation]: (input: Input<O>) => Promise<Output<O>> };
