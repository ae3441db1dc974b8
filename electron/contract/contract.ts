/**
 * The one API of Hamish. Every door into the core (Electron IPC, the local web server, the CLI)
 * speaks these operations, and every input is parsed here before the core sees it.
 *
 * Offsets are half-open and counted in Unicode code points, the unit of the exports (Python and
 * spaCy slice strings by code points). The renderer converts to and from UTF-16 at its edge.
 */
import { z } from 'zod';
import { LABELS } from './labels.ts';
import type { Operation } from './operations.ts';

export { OPERATIONS, isOperation, type Operation } from './operations.ts';

const DocumentId = z.string().min(1).max(200);
const SpanId = z.number().int().positive();
const Offset = z.number().int().nonnegative();
const Timestamp = z.string();

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

const ImportReport = z.object({
  imported: z.array(z.object({ file: z.string(), id: DocumentId })),
  duplicates: z.array(z.object({ file: z.string(), id: DocumentId })),
  failed: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

const Note = z.string().max(10_000).nullable();

/** What undo or redo did: the span it touched as it now is (null: it no longer exists), or null. */
const HistoryStep = z.object({ spanId: SpanId, span: Span.nullable() }).nullable();
export type HistoryStep = z.infer<typeof HistoryStep>;

function operation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const contract = {
  session: operation(z.object({}), z.object({ annotator: z.string() })),
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
  importFiles: operation(z.object({ paths: z.array(z.string().min(1)).min(1) }), ImportReport),
  exportDataset: operation(
    z.object({ format: z.enum(['jsonl']), out: z.string().min(1) }),
    z.object({ out: z.string(), documents: z.number().int(), spans: z.number().int() }),
  ),
} as const satisfies Record<Operation, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Input<O extends Operation> = z.input<Contract[O]['input']>;
export type Output<O extends Operation> = z.output<Contract[O]['output']>;

/** What every door offers: each operation as an async function. */
export type HamishApi = { readonly [O in Operation]: (input: Input<O>) => Promise<Output<O>> };
