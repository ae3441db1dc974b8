/**
 * doccano's sequence-labelling JSONL: {"text", "label": [[start, end, "LABEL"], ...]} and other
 * fields, which doccano keeps as metadata. doccano has no owner per label, so each annotator's
 * spans are a line of their own, as in Prodigy.
 *
 * doccano reads the file with pandas, which gives a key that some lines lack NaN on those lines,
 * and doccano's JSON metadata field then refuses the whole batch: every line has every metadata
 * key of the export, null where its document has none.
 */
import { jsonLine, spansByAnnotator, tagOf, withDocumentMeta, type ExportFormat } from './format.ts';

export const doccano: ExportFormat = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  document(document, out, context) {
    const meta = Object.fromEntries(context.metaKeys().map((key) => [key, Object.hasOwn(document.meta, key) ? document.meta[key] : null]));
    for (const { annotator, spans } of spansByAnnotator(document, context.layers)) {
      out.write(
        jsonLine(
          withDocumentMeta(
            { text: document.text, label: spans.map((s) => [s.start, s.end, tagOf(s.label)]), document_id: document.id, annotator },
            { ...document, meta },
          ),
        ),
      );
    }
  },
};
