/**
 * Hamish's own dataset format, one JSON object per document per line, lossless: what it holds can
 * be imported back. Offsets are code points, so Python's `text[start:end] == span["text"]` holds
 * for every span. With the gold layer come the review decisions that made it (verdict, version,
 * reviewer, time), so a library exported and imported again is under the same review; with each
 * annotator's status (`statuses`), so it is as far along. With a
 * manifest, the first line is {"manifest": {...}}. `scope`: what each layer left out of the article,
 * `[{"annotator": NAME, "out": [[start, end], ...]}]`, only where some layer did.
 */
import { documentMeta, jsonLine, type FormatWriter } from './writer.ts';

export const jsonl: FormatWriter = {
  layout: { kind: 'file' },
  manifestIn: 'first-line',
  cards: true,
  begin(out, context) {
    if (context.withManifest) out.write(jsonLine({ manifest: context.manifest() }));
  },
  document(document, out) {
    out.write(
      jsonLine({
        id: document.id,
        text: document.text,
        text_sha256: document.sha256,
        offset_unit: 'codepoint',
        meta: documentMeta(document),
        statuses: document.statuses,
        spans: document.spans.map((s) => ({
          id: s.id,
          start: s.start,
          end: s.end,
          label: s.label,
          text: s.text,
          annotator: s.annotator,
          note: s.note,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })),
        // Only where there are cards, so that a library without them exports as it always did.
        ...(document.cards && document.cards.length > 0 && {
          claims: document.cards.map((card) => ({
            id: card.id,
            span: card.claim,
            annotator: card.annotator,
            stance: card.stance,
            roles: card.roles.map(({ role, span, order }) => (role === 'via' ? { role, span, order } : { role, span })),
            ...(card.cluster !== undefined && { cluster: card.cluster }),
          })),
        }),
        // Only where a layer left text out of the article: a library without scope exports as it did.
        ...(document.scope.length > 0 && { scope: document.scope.map(({ annotator, out }) => ({ annotator, out })) }),
        ...(document.decisions && {
          decisions: document.decisions.map((d) => ({
            verdict: d.verdict,
            start: d.start,
            end: d.end,
            label: d.label,
            gold_span: d.goldSpan,
            reviewer: d.reviewer,
            at: d.at,
          })),
        }),
      }),
    );
  },
};
