/**
 * Label Studio: a folder holding tasks.json (the JSON task list Label Studio imports), the
 * labeling config to create the project with (labeling-config.xml) and manifest.json.
 *
 * One task per document; one annotation per annotator who tagged it. Label Studio refuses an
 * annotation whose `completed_by` names a user it does not know, so the annotators' names go in
 * `data.annotators`, in the order of the annotations. A note is the region's meta text, which
 * Label Studio shows beside the region. Offsets are code points, as Label Studio stores them.
 */
import { LABEL_NAMES, LABELS } from '../../contract/labels.ts';
import { LABEL_COLOURS, spansByAnnotator, tagOf, withDocumentMeta, type ExportFormat } from './format.ts';

const LABELING_CONFIG = `<View>
  <Labels name="label" toName="text">
${LABELS.map((l) => `    <Label value="${tagOf(l)}" background="${LABEL_COLOURS[l]}" hint="${LABEL_NAMES[l].ar}"/>`).join('\n')}
  </Labels>
  <View style="direction: rtl; text-align: right">
    <Text name="text" value="$text" granularity="symbol"/>
  </View>
</View>
`;

export const labelstudio: ExportFormat = {
  layout: { kind: 'folder', mainFile: 'tasks.json' },
  manifestIn: 'file',
  begin(out) {
    out.file('labeling-config.xml', LABELING_CONFIG);
    out.write('[');
  },
  document(document, out, context) {
    const groups = spansByAnnotator(document, context.layers).filter((g) => g.annotator !== null);
    const task = {
      data: withDocumentMeta(
        { text: document.text, document_id: document.id, annotators: groups.map((g) => g.annotator) },
        document,
      ),
      annotations: groups.map(({ spans }) => ({
        result: spans.map((s) => ({
          id: `hamish-${s.id}`,
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          origin: 'manual',
          value: { start: s.start, end: s.end, text: s.text, labels: [tagOf(s.label)] },
          ...(s.note === null ? {} : { meta: { text: [s.note] } }),
        })),
      })),
    };
    out.write(`${context.written === 0 ? '\n' : ',\n'}${JSON.stringify(task)}`);
  },
  end(out, context) {
    out.write(context.written === 0 ? ']\n' : '\n]\n');
  },
};
