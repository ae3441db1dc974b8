import { GOLD } from '../../contract/annotators.ts';
import { murmurhash3 } from '../export/murmurhash.ts';
import { BadInput } from './bad-input.ts';
import { claimsOf, relationsOf, type ClaimDraft } from './claims.ts';
import { recordOfTask, TASK_CARDS, taskCardsOf, type TaskCards } from './label-studio.ts';
import { decisionsOf, type DecisionDraft } from './decisions.ts';
import { scopeOf, type ScopeDraft } from './scope.ts';
import { spanFieldsOf, spansOf, type SpanDraft } from './spans.ts';

/** One document as a file gives it, checked and ready to store. */
export interface Article {
  /** Preferred id: the record's `id`, else the file's name (with the line, for files of many). */
  readonly name: string;
  /**
   * The id a Hamish library gave the document (in its own export, or its database file): the
   * same document here has this id and the same text. A different text under it is a conflict.
   */
  readonly libraryId: string | undefined;
  /** As in the file: the library normalises it when storing. */
  readonly text: string;
  readonly title: string | undefined;
  readonly source: string;
  readonly meta: Record<string, unknown>;
  readonly spans: readonly SpanDraft[];
  /** Hamish's own export carries the review decisions that made its gold layer. */
  readonly decisions: readonly DecisionDraft[];
  /** Hamish's own export carries the claim cards, over its spans. */
  readonly claims: readonly ClaimDraft[];
  /** Hamish's own export says how far each annotator got. */
  readonly statuses: readonly AnnotatorStatus[];
  /** Hamish's own export says what each layer left out of the article. */
  readonly scope: readonly ScopeDraft[];
}

/** How far an annotator got with a document; `annotator` undefined: the import's annotator. */
export interface AnnotatorStatus {
  readonly annotator: string | undefined;
  readonly status: 'in_progress' | 'done';
}

const isStatus = (value: unknown): value is AnnotatorStatus['status'] => value === 'in_progress' || value === 'done';

/**
 * A status that names no annotator (a library or export from before statuses were each
 * annotator's): that of everyone with spans in the document, or of the import's annotator when
 * it has none. The same rule brought the library's own shared status over (migration 8).
 */
export function statusesOfAll(status: unknown, spans: readonly { annotator: string | undefined }[]): AnnotatorStatus[] {
  if (!isStatus(status)) return [];
  const annotators = spans.length > 0 ? [...new Set(spans.map((span) => span.annotator))] : [undefined];
  return annotators.filter((annotator) => annotator !== GOLD).map((annotator) => ({ annotator, status }));
}

/** Hamish's export's `statuses`: each annotator's, by name. */
function statusesOf(value: unknown, line: number): AnnotatorStatus[] {
  if (!isObject(value)) throw new BadInput(`"statuses" is ${typeOf(value)}, not an object`, line);
  return Object.entries(value).map(([annotator, status]) => {
    if (!isStatus(status)) {
      throw new BadInput(`"statuses": ${JSON.stringify(annotator)} is ${JSON.stringify(status)}, not "in_progress" or "done"`, line);
    }
    return { annotator, status };
  });
}

export interface RecordOrigin {
  /** The file's name without folder or extension, and with it. */
  readonly stem: string;
  readonly fileName: string;
  readonly line: number;
  /** Whether the record may carry spans (JSON does, CSV does not). */
  readonly withSpans: boolean;
}

/**
 * Fields that describe the record's format rather than the article: not kept as metadata. An
 * object under `meta` is merged in (Hamish and Prodigy keep the article's metadata there).
 * Prodigy's hashes are worked out from the task, and each export works them out anew.
 */
const FORMAT_FIELDS = ['text', 'id', 'offset_unit', 'text_sha256', '_annotator_id', '_input_hash', '_task_hash'];

/**
 * Which of Hamish's own exports a record is, if any: each names the library's document, and so
 * comes back as the document it was (id, status, layers), as far as its format holds them.
 * JSONL says so (`offset_unit`); a doccano line of ours has `document_id` and `annotator`; a
 * Prodigy task of ours has the library's id in `meta.id` and the input hash Hamish gives its text.
 */
type OwnExport =
  | { readonly format: 'jsonl'; readonly id: unknown }
  | { readonly format: 'doccano'; readonly id: unknown; readonly annotator: unknown }
  | { readonly format: 'prodigy'; readonly id: string }
  | null;

/** The fields each of our exports adds beside the article's own: not metadata. */
const OWN_FIELDS: Readonly<Record<NonNullable<OwnExport>['format'], readonly string[]>> = {
  jsonl: ['decisions', 'statuses', 'claims', 'scope'],
  doccano: ['document_id', 'annotator'],
  prodigy: ['answer'],
};

function ownExportOf(fields: Record<string, unknown>, text: string): OwnExport {
  if ('offset_unit' in fields) return { format: 'jsonl', id: fields.id };
  if ('document_id' in fields && 'annotator' in fields && ('label' in fields || 'entities' in fields)) {
    return { format: 'doccano', id: fields.document_id, annotator: fields.annotator };
  }
  const meta = fields.meta;
  if (isObject(meta) && typeof meta.id === 'string' && fields._input_hash === murmurhash3(text)) return { format: 'prodigy', id: meta.id };
  return null;
}

/** A record of a JSON, JSON Lines or CSV file: `text`, and anything else as metadata. */
export function articleOf(record: Record<string, unknown>, origin: RecordOrigin): Article {
  const fields = (origin.withSpans && recordOfTask(record)) || record;
  const { line } = origin;
  if (!('text' in fields)) throw new BadInput('no "text" field', line);
  const text = fields.text;
  if (typeof text !== 'string') throw new BadInput(`"text" is ${typeOf(text)}, not a string`, line);
  if (!/\S/.test(text)) throw new BadInput('the text is empty', line);

  const spanFields = origin.withSpans ? spanFieldsOf(fields) : [];
  // doccano's relations between its entities are claim cards.
  const related = spanFields.includes('entities') && 'relations' in fields;
  if (related) spanFields.push('relations', 'stances');
  const nested = isObject(fields.meta) ? fields.meta : undefined;
  const own = origin.withSpans ? ownExportOf(fields, text) : null;
  const skipped = own ? OWN_FIELDS[own.format] : [];
  // Title and source have columns of their own; only our own export's status is the document's.
  const meta: Record<string, unknown> = {};
  let title: unknown;
  let source: unknown;
  let status: unknown;
  const keep = (key: string, value: unknown) => {
    if (key === 'title') title = value;
    else if (key === 'source') source = value;
    else if (key === 'status' && own) status = value;
    // Our doccano lines write every key of the export on every line (pandas fills a missing one
    // with NaN), null where the document has none.
    else if (value === null && own?.format === 'doccano') return;
    else if (key !== '__proto__') meta[key] = value; // a JSON "__proto__" would set meta's prototype
  };
  for (const key in nested) if (!(key === 'id' && own?.format === 'prodigy')) keep(key, nested[key]);
  for (const key in fields) {
    if (FORMAT_FIELDS.includes(key) || spanFields.includes(key) || skipped.includes(key) || (key === 'meta' && nested)) continue;
    keep(key, fields[key]);
  }
  for (const key in meta) {
    if (nestedDeeperThan(meta[key], MAX_META_DEPTH)) {
      throw new BadInput(`metadata "${key}" is nested more than ${MAX_META_DEPTH} levels deep`, line);
    }
  }
  for (const [key, value] of [['title', title], ['source', source], ['url', meta.url], ['published', meta.published]] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new BadInput(`"${key}" is ${typeOf(value)}, not a string`, line);
    }
  }
  // The outlet an analyst compares by is the record's source unless it names one itself; our own
  // exports carry `outlet` already when there is one, so their round trip adds nothing.
  if (!own && meta.outlet === undefined && nonBlank(source) !== undefined) meta.outlet = nonBlank(source);
  const id = own ? own.id : fields.id;
  const name = typeof id === 'string' || typeof id === 'number' ? String(id) : `${origin.stem}-${line}`;
  const annotator = nonBlank(own?.format === 'doccano' ? own.annotator : fields._annotator_id);
  const spans = spansOf(fields, text, line, own?.format === 'jsonl').map((span) => ({ ...span, annotator: span.annotator ?? annotator }));
  return {
    name,
    libraryId: own && typeof id === 'string' ? id : undefined,
    text,
    title: nonBlank(title),
    source: nonBlank(source) ?? `${origin.fileName}:${line}`,
    meta,
    spans,
    decisions: own?.format === 'jsonl' ? decisionsOf(fields, text, line) : [],
    claims: claimsIn(fields, spans, line, own),
    scope: own?.format === 'jsonl' ? scopeOf(fields, text, line).map((scope) => ({ ...scope, annotator: scope.annotator ?? annotator })) : [],
    // An export from before statuses were each annotator's (or in a format without them) has only the document's.
    statuses: !own
      ? []
      : 'statuses' in fields && own.format === 'jsonl'
        ? statusesOf(fields.statuses, line).filter((s) => s.annotator !== GOLD)
        : statusesOfAll(status, spans),
  };
}

/** The record's cards: Hamish's JSONL `claims`, doccano's relations or a Label Studio task's. */
function claimsIn(fields: Record<string | symbol, unknown>, spans: readonly SpanDraft[], line: number, own: OwnExport): ClaimDraft[] {
  const task = fields[TASK_CARDS] as TaskCards | undefined;
  if (task) return taskCardsOf(task, spans, line);
  if (own?.format === 'jsonl') return claimsOf(fields, spans, line);
  return Array.isArray(fields.entities) && 'relations' in fields ? relationsOf(fields, spans, line) : [];
}

/**
 * How deep a metadata value may nest lists and objects. JSON.parse takes any depth, but storing
 * (JSON.stringify, SQLite's json_valid) and exporting recurse: 5,000 levels overflowed the stack.
 */
const MAX_META_DEPTH = 100;

/** Whether `value` nests lists and objects more than `limit` levels deep; without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) return true;
    level = level.flatMap((item) => (typeof item === 'object' && item !== null ? Object.values(item) : []));
  }
  return false;
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
