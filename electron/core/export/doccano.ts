/**
 * doccano's sequence-labelling JSONL with relations, as a project with relation labelling
 * imports and exports it: {"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
 * "relations": [{"id", "from_id", "to_id", "type"}]} and other fields, which doccano keeps as
 * metadata. doccano has no owner per label, so each annotator's spans are a line of their own,
 * as in Prodigy; ids count from 1 on each line.
 *
 * A claim card is its roles as relations from the claim to each span filling one, `type` the
 * role, a role's spans in their order. doccano has no attribute on an entity: a stance other than
 * asserted (the default) is in `stances`, by the claim's entity id.
 *
 * doccano reads the file with pandas, which gives a key that some lines lack NaN on those lines,
 * and doccano's JSON metadata field then refuses the whole batch: every line has every metadata
 * key of the export, null where its document has none.
 */
import { jsonLine, spansByAnnotator, tagOf, withDocumentMeta, type FormatWriter } from './writer.ts';

export const doccano: FormatWriter = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  cards: true,
  document(document, out, context) {
    const meta = Object.fromEntries(context.metaKeys().map((key) => [key, Object.hasOwn(document.meta, key) ? document.meta[key] : null]));
    for (const { annotator, spans } of spansByAnnotator(document, context.layers)) {
      const entityOf = new Map(spans.map((s, i) => [s.id, i + 1]));
      const cards = (document.cards ?? []).filter((card) => card.annotator === annotator);
      const relations = cards.flatMap((card) => card.roles.map(({ role, span }) => ({ from_id: entityOf.get(card.claim)!, to_id: entityOf.get(span)!, type: role })));
      const stances = Object.fromEntries(cards.filter((card) => card.stance !== 'asserted').map((card) => [entityOf.get(card.claim)!, card.stance]));
      out.write(
        jsonLine(
          withDocumentMeta(
            {
              text: document.text,
              entities: spans.map((s, i) => ({ id: i + 1, label: tagOf(s.label), start_offset: s.start, end_offset: s.end })),
              relations: relations.map((relation, i) => ({ id: i + 1, ...relation })),
              stances,
              document_id: document.id,
              annotator,
            },
            { ...document, meta },
          ),
        ),
      );
    }
  },
};
