/**
 * brat's standoff format: a folder with a .txt (the text as stored) and a .ann per document, and
 * the annotation.conf brat needs to show the labels. Spans are T lines; a note is an
 * AnnotatorNotes line. brat has no annotators, so with several annotators each has a subfolder
 * holding every document, the layout brat's comparison view reads.
 *
 * brat counts offsets in characters of the .txt (code points). A span text cannot hold a line
 * break in a .ann file, so a span over several lines is written as brat writes one: a fragment
 * per line ("T1	CLAIM 0 5;6 12	first second").
 */
import { LABELS } from '../../contract/labels.ts';
import { fileNameOf } from './file-names.ts';
import { tagOf, type ExportFormat } from './format.ts';
import type { ExportDocument, ExportSpan } from './source.ts';

const ANNOTATION_CONF = `[entities]
${LABELS.map(tagOf).join('\n')}

[relations]

[events]

[attributes]
`;

/** The span's stretches between line breaks, in code points, skipping empty ones. */
function fragments(span: ExportSpan): { start: number; end: number; text: string }[] {
  const parts: { start: number; end: number; text: string }[] = [];
  let start = span.start;
  for (const line of span.text.split('\n')) {
    const length = [...line].length;
    if (length > 0) parts.push({ start, end: start + length, text: line });
    start += length + 1;
  }
  return parts;
}

const oneLine = (text: string) => text.replace(/\s*[\r\n\t]\s*/g, ' ');

function annotations(spans: readonly ExportSpan[]): string {
  let ann = '';
  spans.forEach((span, i) => {
    const parts = fragments(span);
    const ranges = parts.map((p) => `${p.start} ${p.end}`).join(';');
    ann += `T${i + 1}\t${tagOf(span.label)} ${ranges}\t${parts.map((p) => p.text).join(' ')}\n`;
    if (span.note !== null) ann += `#${i + 1}\tAnnotatorNotes T${i + 1}\t${oneLine(span.note)}\n`;
  });
  return ann;
}

function folders(document: ExportDocument, layers: readonly string[]): { folder: string; spans: readonly ExportSpan[] }[] {
  if (layers.length <= 1) return [{ folder: '', spans: document.spans }];
  return layers.map((layer) => ({
    folder: `${fileNameOf(layer)}/`,
    spans: document.spans.filter((s) => s.annotator === layer),
  }));
}

export const brat: ExportFormat = {
  layout: { kind: 'folder', mainFile: null },
  manifestIn: 'file',
  begin(out) {
    out.file('annotation.conf', ANNOTATION_CONF);
  },
  document(document, out, context) {
    const name = fileNameOf(document.id);
    for (const { folder, spans } of folders(document, context.layers)) {
      out.file(`${folder}${name}.txt`, document.text);
      out.file(`${folder}${name}.ann`, annotations(spans));
    }
  },
};
