/**
 * Prodigy's task format (and spaCy's, through Prodigy): one line per document and annotator, with
 * `spans` in character offsets as `Doc.char_span` takes them (code points).
 *
 * Hashes, as Prodigy's are, are signed 32-bit MurmurHash3 values (seed 0) of UTF-8 bytes:
 *   _input_hash = murmurhash3(text)
 *   _task_hash  = murmurhash3(JSON.stringify([_input_hash, [[start, end, LABEL], ...]]))
 * with the spans in the order written. Prodigy itself hashes its own JSON of the task keys, so the
 * values differ from those Prodigy would compute, but the same text always has the same input hash
 * and the same annotations the same task hash, which is what Prodigy uses them for.
 */
import { documentMeta, jsonLine, spansByAnnotator, tagOf, type FormatWriter } from './writer.ts';
import { murmurhash3 } from './murmurhash.ts';

export const prodigy: FormatWriter = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  document(document, out, context) {
    const inputHash = murmurhash3(document.text);
    // The library's id, in front and winning over a meta field "id" a record brought in.
    const id = { id: document.id };
    for (const { annotator, spans } of spansByAnnotator(document, context.layers)) {
      const written = spans.map((s) => ({ start: s.start, end: s.end, label: tagOf(s.label), text: s.text }));
      out.write(
        jsonLine({
          text: document.text,
          meta: { ...id, ...documentMeta(document), ...id },
          spans: written,
          answer: 'accept',
          ...(annotator === null ? {} : { _annotator_id: annotator }),
          _input_hash: inputHash,
          _task_hash: murmurhash3(JSON.stringify([inputHash, written.map((s) => [s.start, s.end, s.label])])),
        }),
      );
    }
  },
};
