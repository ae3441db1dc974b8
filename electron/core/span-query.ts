/**
 * A span as every reader of spans projects it, and the one order spans are listed in: by start,
 * a container before what it holds, then by id. Both read `annotations a JOIN annotators n`
 * (`SPANS`); the editor, the export and a colleague's library file all list spans this way.
 */
export const SPANS = 'annotations a JOIN annotators n ON n.id = a.annotator_id';
export const SPAN_FIELDS =
  'a.id, a.start, a."end", a.label, n.name AS annotator, a.note, a.created_at AS createdAt, a.updated_at AS updatedAt';
export const SPAN_ORDER = 'ORDER BY a.start, a."end" DESC, a.id';
