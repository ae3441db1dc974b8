/**
 * Label Studio: a folder holding tasks.json (the JSON task list Label Studio imports), the
 * labeling config to create the project with (labeling-config.xml) and manifest.json.
 *
 * One task per document, with a stable `id` (from the document's id: Label Studio's converter
 * needs one, and the same document is the same task in every export); one annotation per
 * annotator who tagged it, `completed_by` that annotator. Label Studio finds the user by email and
 * refuses one it does not know (unless ALLOW_IMPORT_TASKS_WITH_UNKNOWN_EMAILS), so the email is
 * made from the name (emailOf) and the name itself is the user's first_name. The gold layer is
 * the `ground_truth` annotation. A layer asked for as `predictions` goes out as Label Studio's
 * pre-annotations instead, its name the model version. A note is the region's meta text, which
 * Label Studio shows beside the region. Offsets are code points, as Label Studio stores them.
 *
 * A claim card is its roles as relation results from the claim's region to each span filling
 * one (`labels` the role, a role's spans in their order), and a stance other than asserted (the
 * default) the claim region's per-region choice (`stance`), shown when a claim is selected.
 */
import { createHash } from 'node:crypto';
import { GOLD } from '../../contract/annotators.ts';
import { ROLES, STANCES } from '../../contract/claims.ts';
import type { Card } from '../../contract/contract.ts';
import { LABEL_NAMES, LABELS } from '../../contract/labels.ts';
import { percentEncoded } from './file-names.ts';
import { LABEL_COLOURS, spansByAnnotator, tagOf, withDocumentMeta, type FormatWriter } from './writer.ts';
import type { ExportDocument, ExportSpan } from './source.ts';

const LABELING_CONFIG = `<View>
  <Labels name="label" toName="text">
${LABELS.map((l) => `    <Label value="${tagOf(l)}" background="${LABEL_COLOURS[l]}" hint="${LABEL_NAMES[l].ar}"/>`).join('\n')}
  </Labels>
  <Relations>
${ROLES.map((role) => `    <Relation value="${role}"/>`).join('\n')}
  </Relations>
  <Choices name="stance" toName="text" perRegion="true" visibleWhen="region-selected" whenLabelValue="${tagOf('claim')}">
${STANCES.map((stance) => `    <Choice value="${stance}"/>`).join('\n')}
  </Choices>
  <View style="direction: rtl; text-align: right">
    <Text name="text" value="$text" granularity="symbol"/>
  </View>
</View>
`;

/**
 * A task id from the document id: the first 53 bits of its SHA-256, a whole number JSON and
 * Python read exactly (a clash needs about 10^8 documents).
 */
export function taskIdOf(documentId: string): number {
  return Number(createHash('sha256').update(documentId).digest().readBigUInt64BE() >> 11n);
}

/** The email Label Studio knows an annotator by: the name, all but [A-Za-z0-9_-] percent-encoded. */
export function emailOf(annotator: string): string {
  return `${percentEncoded(annotator, /[^A-Za-z0-9_-]/gu)}@hamish.invalid`;
}

const regionOf = (spanId: number) => `hamish-${spanId}`;

function resultOf(s: ExportSpan, origin: 'manual' | 'prediction') {
  return {
    id: regionOf(s.id),
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    origin,
    value: { start: s.start, end: s.end, text: s.text, labels: [tagOf(s.label)] },
    ...(s.note === null ? {} : { meta: { text: [s.note] } }),
  };
}

/** A layer's cards: the relations from each claim to its roles' spans, and the stances. */
function cardResults(spans: readonly ExportSpan[], cards: readonly Card[], origin: 'manual' | 'prediction') {
  const claims = new Map(spans.map((s) => [s.id, s]));
  const layer = cards.filter((card) => claims.has(card.claim));
  return [
    ...layer.flatMap((card) =>
      card.roles.map(({ role, span }) => ({ from_id: regionOf(card.claim), to_id: regionOf(span), type: 'relation', direction: 'right', labels: [role] })),
    ),
    ...layer
      .filter((card) => card.stance !== 'asserted')
      .map((card) => {
        const claim = claims.get(card.claim)!;
        return {
          id: regionOf(claim.id),
          from_name: 'stance',
          to_name: 'text',
          type: 'choices',
          origin,
          value: { start: claim.start, end: claim.end, choices: [card.stance] },
        };
      }),
  ];
}

/** The layer's results: its spans' regions, then its cards'. */
function resultsOf(spans: readonly ExportSpan[], cards: readonly Card[], origin: 'manual' | 'prediction') {
  return [...spans.map((s) => resultOf(s, origin)), ...cardResults(spans, cards, origin)];
}

/** When the layer's spans were first made and last changed. */
function timesOf(spans: readonly ExportSpan[]): { created_at: string; updated_at: string } {
  const created = spans.map((s) => s.createdAt).sort();
  const updated = spans.map((s) => s.updatedAt).sort();
  return { created_at: created[0]!, updated_at: updated.at(-1)! };
}

function taskOf(document: ExportDocument, layers: readonly string[], predictions: string | null) {
  const cards = document.cards ?? [];
  const groups = spansByAnnotator(document, layers).filter((g): g is { annotator: string; spans: ExportSpan[] } => g.annotator !== null);
  const annotations = groups.filter((g) => g.annotator !== predictions);
  const predicted = groups.filter((g) => g.annotator === predictions);
  return {
    id: taskIdOf(document.id),
    data: withDocumentMeta({ text: document.text, document_id: document.id }, document),
    annotations: annotations.map(({ annotator, spans }) => ({
      completed_by: { email: emailOf(annotator), first_name: annotator },
      ground_truth: annotator === GOLD,
      ...timesOf(spans),
      result: resultsOf(spans, cards, 'manual'),
    })),
    ...(predictions === null ? {} : { predictions: predicted.map(({ annotator, spans }) => ({ model_version: annotator, result: resultsOf(spans, cards, 'prediction') })) }),
  };
}

export const labelstudio: FormatWriter = {
  layout: { kind: 'folder', mainFile: 'tasks.json' },
  manifestIn: 'file',
  cards: true,
  options: ({ predictions }) => (predictions === null ? {} : { predictions }),
  begin(out) {
    out.file('labeling-config.xml', LABELING_CONFIG);
    out.write('[');
  },
  document(document, out, context) {
    out.write(`${context.written === 0 ? '\n' : ',\n'}${JSON.stringify(taskOf(document, context.layers, context.predictions))}`);
  },
  end(out, context) {
    out.write(context.written === 0 ? ']\n' : '\n]\n');
  },
};
