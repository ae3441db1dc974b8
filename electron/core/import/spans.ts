/**
 * Spans that arrive with a document (pre-annotations): Hamish's own export and Prodigy's
 * (`spans: [{start, end, label, text?}]`), doccano's (`label: [[start, end, "LABEL"]]`, or
 * `entities: [{start_offset, end_offset, label}]`). Every format counts offsets in code points.
 */
import { LABEL_NAMES, LABELS, type Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import { BadInput } from './bad-input.ts';

/** A span checked against its document: offsets are code points into the stored (normalised) text. */
export interface SpanDraft {
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  /** Who made it, when the file says; else the import's annotator. */
  readonly annotator: string | undefined;
  /** From Hamish's own export: the span as it was stored, kept as far as the library allows. */
  readonly stored: StoredFields | undefined;
}

/** What Hamish's export says of a span beyond its place and label. */
export interface StoredFields {
  readonly id: number | undefined;
  readonly note: string | null;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
}

interface RawSpan {
  readonly start: unknown;
  readonly end: unknown;
  readonly label: unknown;
  readonly text?: unknown;
  readonly annotator?: unknown;
  readonly id?: unknown;
  readonly note?: unknown;
  readonly created_at?: unknown;
  readonly updated_at?: unknown;
}

/** The fields of a record that hold its spans, in whichever format; they are not metadata. */
export function spanFieldsOf(fields: Record<string, unknown>): string[] {
  const used = [];
  if ('spans' in fields) used.push('spans');
  if (Array.isArray(fields.label) && fields.label.every(Array.isArray)) used.push('label');
  if (Array.isArray(fields.entities)) used.push('entities');
  return used;
}

function rawSpansOf(fields: Record<string, unknown>, line: number): RawSpan[] {
  const spans: RawSpan[] = [];
  for (const key of spanFieldsOf(fields)) {
    const list = fields[key];
    if (!Array.isArray(list)) throw new BadInput(`"${key}" is not a list of spans`, line);
    for (const item of list as unknown[]) {
      const n = spans.length + 1;
      if (key === 'label') {
        const [start, end, label] = item as unknown[];
        spans.push({ start, end, label });
      } else if (typeof item !== 'object' || item === null) {
        throw new BadInput(`span ${n} is not an object`, line);
      } else if (key === 'entities') {
        const entity = item as Record<string, unknown>;
        spans.push({ start: entity.start_offset, end: entity.end_offset, label: entity.label });
      } else {
        spans.push(item as RawSpan);
      }
    }
  }
  return spans;
}

/** Our label for a name in a file: case does not matter, and the Arabic names are understood. */
export function labelOf(name: unknown): Label | undefined {
  if (typeof name !== 'string') return undefined;
  const wanted = name.trim().toLowerCase();
  return LABELS.find((label) => label === wanted || LABEL_NAMES[label].ar === wanted);
}

/**
 * The record's spans, each checked against its text as the file has it: whole-number offsets
 * inside the text, a known label, and the span's own `text` (if it carries one) equal to the text
 * at its offsets. Offsets are then moved to the stored text, which lost its BOM and CRs.
 */
export function spansOf(fields: Record<string, unknown>, text: string, line: number, ownExport: boolean): SpanDraft[] {
  const raw = rawSpansOf(fields, line);
  if (raw.length === 0) return [];
  const index = new CodePointIndex(text);
  const toStored = storedOffsets(text);
  return raw.map((span, i) => {
    const n = i + 1;
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      throw new BadInput(`span ${n}: start and end must be whole numbers, not ${JSON.stringify(start)} and ${JSON.stringify(end)}`, line);
    }
    const [from, to] = [start as number, end as number];
    if (from < 0 || to > index.length || from >= to) {
      throw new BadInput(`span ${n} (${from}–${to}) is outside the text (${index.length} code points) or empty`, line);
    }
    const label = labelOf(span.label);
    if (!label) {
      throw new BadInput(`span ${n}: unknown label ${JSON.stringify(span.label)} (the labels are ${LABELS.join(', ')})`, line);
    }
    const actual = index.slice(from, to);
    if (typeof span.text === 'string' && span.text !== actual) {
      throw new BadInput(`span ${n} (${from}–${to}) says "${span.text}" but the text there is "${actual}"`, line);
    }
    const annotator = typeof span.annotator === 'string' && span.annotator.trim() !== '' ? span.annotator : undefined;
    return { start: toStored(from), end: toStored(to), label, annotator, stored: ownExport ? storedFields(span) : undefined };
  });
}

function storedFields(span: RawSpan): StoredFields {
  const time = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined);
  return {
    id: Number.isInteger(span.id) && (span.id as number) > 0 ? (span.id as number) : undefined,
    note: typeof span.note === 'string' ? span.note : null,
    createdAt: time(span.created_at),
    updatedAt: time(span.updated_at),
  };
}

/**
 * Maps a code point offset into `text` to one into normaliseText(text), which drops a leading BOM
 * and the CR of each CRLF (a lone CR becomes LF, which moves nothing).
 */
export function storedOffsets(text: string): (offset: number) => number {
  if (!text.startsWith('\uFEFF') && !text.includes('\r\n')) return (offset) => offset;
  const dropped: number[] = []; // code point offsets of the dropped characters, ascending
  let at = 0;
  let previous = '';
  for (const char of text) {
    if ((at === 0 && char === '\uFEFF') || (char === '\n' && previous === '\r')) {
      dropped.push(char === '\n' ? at - 1 : at);
    }
    previous = char;
    at++;
  }
  return (offset) => offset - dropped.filter((position) => position < offset).length;
}
