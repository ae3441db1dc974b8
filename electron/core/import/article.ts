import { BadInput } from './bad-input.ts';
import { claimsOf, type ClaimDraft } from './claims.ts';
import { decisionsOf, type DecisionDraft } from './decisions.ts';
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
  /** Hamish's own export says how far the analyst got. */
  readonly status: 'in_progress' | 'done' | undefined;
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
 */
const FORMAT_FIELDS = ['text', 'id', 'offset_unit', 'text_sha256', '_annotator_id'];

/** A record of a JSON, JSON Lines or CSV file: `text`, and anything else as metadata. */
export function articleOf(fields: Record<string, unknown>, origin: RecordOrigin): Article {
  const { line } = origin;
  if (!('text' in fields)) throw new BadInput('no "text" field', line);
  const text = fields.text;
  if (typeof text !== 'string') throw new BadInput(`"text" is ${typeOf(text)}, not a string`, line);
  if (!/\S/.test(text)) throw new BadInput('the text is empty', line);

  const spanFields = origin.withSpans ? spanFieldsOf(fields) : [];
  const nested = isObject(fields.meta) ? fields.meta : undefined;
  // Title and source have columns of their own; only our own export's status is the document's.
  const own = 'offset_unit' in fields;
  const meta: Record<string, unknown> = {};
  let title: unknown;
  let source: unknown;
  let status: unknown;
  const keep = (key: string, value: unknown) => {
    if (key === 'title') title = value;
    else if (key === 'source') source = value;
    else if (key === 'status' && own) status = value;
    else if (key !== '__proto__') meta[key] = value; // a JSON "__proto__" would set meta's prototype
  };
  for (const key in nested) keep(key, nested[key]);
  for (const key in fields) {
    if (FORMAT_FIELDS.includes(key) || spanFields.includes(key) || (key === 'meta' && nested) || ((key === 'decisions' || key === 'claims') && own)) continue;
    keep(key, fields[key]);
  }
  for (const [key, value] of [['title', title], ['source', source], ['url', meta.url], ['published', meta.published]] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new BadInput(`"${key}" is ${typeOf(value)}, not a string`, line);
    }
  }
  const id = fields.id;
  const name = typeof id === 'string' || typeof id === 'number' ? String(id) : `${origin.stem}-${line}`;
  const annotator = typeof fields._annotator_id === 'string' ? fields._annotator_id : undefined;
  const spans = spansOf(fields, text, line, own).map((span) => ({ ...span, annotator: span.annotator ?? annotator }));
  return {
    name,
    libraryId: own && typeof id === 'string' ? id : undefined,
    text,
    title: nonBlank(title),
    source: nonBlank(source) ?? `${origin.fileName}:${line}`,
    meta,
    spans,
    decisions: own ? decisionsOf(fields, text, line) : [],
    claims: own ? claimsOf(fields, spans, line) : [],
    status: status === 'in_progress' || status === 'done' ? status : undefined,
  };
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
