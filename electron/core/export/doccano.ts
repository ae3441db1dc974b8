/**
 * doccano's sequence-labelling JSONL: {"text", "label": [[start, end, "LABEL"], ...]} and other
 * fields, which doccano keeps as metadata. doccano has no owner per label, so each annotator's
 * spans are a line of their own, as in Prodigy.
 */
import { jsonLine, spansByAnnotator, tagOf, withDocumentMeta, type ExportFormat } from './format.ts';

export const doccano: ExportFormat = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  document(document, out, context) {
    for (const { annotator, spans } of spansByAnnotator(document, context.layers)) {
      out.write(
        jsonLine(
          withDocumentMeta(
            { text: document.text, label: spans.map((s) => [s.start, s.end, tagOf(s.label)]), document_id: document.id, annotator },
            document,
          ),
        ),
      );
    }
  },
};
