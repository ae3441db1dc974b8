/**
 * A Label Studio task ({"data": {"text": ...}, "annotations": [...], "predictions": [...]}) as the
 * record Hamish's own JSONL export would make of it, for articleOf to read: the text and the other
 * `data` fields, and every labels region of every annotation and prediction as a span, whose
 * annotator is the annotation's completed_by (its first_name, else its email) or the prediction's
 * model_version. A task of our own export (its id is taskIdOf its document_id) is read as our
 * JSONL is: the document's id and status, each span's id, note (the region's meta text) and its
 * annotation's times, so that it comes back as it was.
 */
import { taskIdOf } from '../export/labelstudio.ts';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The task as a record of Hamish's JSONL shape, or undefined if `fields` is no Label Studio task. */
export function recordOfTask(fields: Fields): Fields | undefined {
  const { data } = fields;
  if ('text' in fields || !isObject(data) || !('text' in data)) return undefined;
  const { text, document_id: documentId, ...meta } = data;
  const own = typeof documentId === 'string' && fields.id === taskIdOf(documentId);
  const layers = [
    ...listOf(fields.annotations).map((a) => ({ layer: a, annotator: annotatorOf(a.completed_by) })),
    ...listOf(fields.predictions).map((p) => ({ layer: p, annotator: typeof p.model_version === 'string' ? p.model_version : undefined })),
  ];
  const spans = layers.flatMap(({ layer, annotator }) =>
    listOf(layer.result)
      .filter((r) => r.type === 'labels' && isObject(r.value))
      .map((r) => {
        const value = r.value as Fields;
        const labels = Array.isArray(value.labels) ? value.labels : [];
        const note = isObject(r.meta) && Array.isArray(r.meta.text) ? r.meta.text.join('\n') : null;
        const id = typeof r.id === 'string' ? Number(/^hamish-(\d+)$/.exec(r.id)?.[1]) : NaN;
        return {
          start: value.start,
          end: value.end,
          label: labels.length === 1 ? labels[0] : labels,
          ...(typeof value.text === 'string' ? { text: value.text } : {}),
          ...(annotator === undefined ? {} : { annotator }),
          ...(own ? { id: Number.isInteger(id) ? id : undefined, note, created_at: layer.created_at, updated_at: layer.updated_at } : {}),
        };
      }),
  );
  return {
    ...(own ? { id: documentId, offset_unit: 'codepoint' } : typeof fields.id === 'number' || typeof fields.id === 'string' ? { id: fields.id } : {}),
    text,
    meta: { ...(own ? {} : documentId === undefined ? {} : { document_id: documentId }), ...meta },
    spans,
  };
}

function listOf(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function annotatorOf(completedBy: unknown): string | undefined {
  if (!isObject(completedBy)) return undefined;
  const name = completedBy.first_name ?? completedBy.email;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}
