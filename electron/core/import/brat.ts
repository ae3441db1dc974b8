/**
 * A brat document: its .txt and the .ann beside it, whose T lines are spans and AnnotatorNotes
 * lines their notes. brat counts offsets in characters of the .txt (code points). A span that
 * brat writes in fragments (one per line, "T1	CLAIM 0 5;6 12	first second") is one span here,
 * as long as only line breaks and spaces lie between its fragments; Hamish writes them so.
 *
 * brat has no annotators. A folder Hamish exported says whose each .ann is in its manifest.json:
 * the one layer, or with several the subfolder named for each; else the spans are the import's
 * annotator's. Such a folder's file names are also its document ids (file-names.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Encoding } from '../../contract/encodings.ts';
import { LABELS } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import { fileNameOf } from '../export/file-names.ts';
import type { Article } from './article.ts';
import { BadInput } from './bad-input.ts';
import { readText } from './lines.ts';
import { labelOf, storedOffsets, type SpanDraft } from './spans.ts';

/** The .ann beside a .txt, if there is one: the two are one brat document. */
export function annotationsOf(txt: string): string | undefined {
  const ann = txt.replace(/\.txt$/i, '.ann');
  return ann !== txt && existsSync(ann) ? ann : undefined;
}

/** What a Hamish brat export's manifest.json says of the folder `dir` (or its parent). */
interface Export {
  /** Whose the spans of this folder are. */
  readonly annotator: string | undefined;
}

function exportOf(dir: string): Export | undefined {
  const read = (file: string): { tool?: unknown; format?: unknown; layers?: unknown } | undefined => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as { tool?: unknown; format?: unknown; layers?: unknown };
    } catch {
      return undefined; // none, or not ours
    }
  };
  const ours = (m: ReturnType<typeof read>): m is { layers: string[] } =>
    m?.tool === 'hamish' && m.format === 'brat' && Array.isArray(m.layers) && m.layers.every((l) => typeof l === 'string');
  const here = read(join(dir, 'manifest.json'));
  if (ours(here)) return { annotator: here.layers.length === 1 ? here.layers[0] : undefined };
  const above = read(join(dirname(dir), 'manifest.json'));
  if (ours(above)) return { annotator: above.layers.find((layer) => fileNameOf(layer) === basename(dir)) };
  return undefined;
}

/** The document of `ann` and its .txt, checked line by line (errors at the .ann's line). */
export function bratArticle(ann: string, encoding: Encoding | undefined): { article: Article; encoding: Encoding } {
  const txt = ann.replace(/\.ann$/i, '.txt');
  const { text, encoding: found } = readText(txt, encoding);
  const index = new CodePointIndex(text);
  const toStored = storedOffsets(text);
  const from = exportOf(dirname(ann));
  const stem = basename(txt).replace(/\.txt$/i, '');
  let name = stem;
  if (from) {
    try {
      name = decodeURIComponent(stem);
    } catch {
      // a name cut and hashed for its length: the file's name it is
    }
  }

  const spans = new Map<string, { start: number; end: number; label: SpanDraft['label']; note: string | null }>();
  // An empty .ann is a document nobody tagged.
  const lines = statSync(ann).size === 0 ? [] : readText(ann, 'utf-8').text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const number = i + 1;
    if (line.trim() === '') return;
    const { id, middle, tail } = fieldsOf(line);
    const fail = (why: string) => new BadInput(`${id}: ${why}`, number);
    if (id.startsWith('T')) {
      if (middle === undefined || tail === undefined) throw fail('not "T1<tab>LABEL START END<tab>TEXT"');
      const [type = '', ...rest] = middle.split(' ');
      const label = labelOf(type);
      if (!label) throw fail(`unknown label ${JSON.stringify(type)} (the labels are ${LABELS.join(', ')})`);
      const fragments = rest.join(' ').split(';').map((range) => range.trim().split(' ').map(Number));
      if (!fragments.every((f) => f.length === 2 && f.every(Number.isInteger) && f[0]! >= 0 && f[0]! < f[1]! && f[1]! <= index.length)) {
        throw fail(`"${rest.join(' ')}" is not START END (;START END...) inside the text (${index.length} characters)`);
      }
      const pieces = fragments.map(([s, e]) => index.slice(s!, e!));
      for (let k = 1; k < fragments.length; k++) {
        const gap = index.slice(fragments[k - 1]![1]!, fragments[k]![0]!);
        if (fragments[k]![0]! < fragments[k - 1]![1]! || /\S/u.test(gap)) {
          throw fail(`its fragments have text between them ("${gap}"): a span here is one stretch of text`);
        }
      }
      if (pieces.join(' ') !== tail) throw fail(`says "${tail}" but the text there is "${pieces.join(' ')}"`);
      spans.set(id, { start: fragments[0]![0]!, end: fragments.at(-1)![1]!, label, note: null });
    } else if (id.startsWith('#')) {
      const [kind, target = ''] = (middle ?? '').split(' ');
      if (kind !== 'AnnotatorNotes' || tail === undefined) throw fail('not "#1<tab>AnnotatorNotes T1<tab>NOTE"');
      const span = spans.get(target);
      if (!span) throw fail(`a note on ${target}, which no T line before it is`);
      span.note = span.note === null ? tail : `${span.note}\n${tail}`;
    } else {
      // Relations, events, attributes, normalisations: nothing in Hamish holds them yet, and
      // leaving them out in silence would lose them.
      throw fail(`a ${id.replace(/\d+$/, '') || 'nameless'} line: Hamish imports only spans (T) and their notes (#)`);
    }
  });

  const annotator = from?.annotator;
  const article: Article = {
    name,
    libraryId: undefined,
    text,
    title: undefined,
    source: basename(txt),
    meta: {},
    spans: [...spans.values()].map(({ start, end, label, note }) => ({
      start: toStored(start),
      end: toStored(end),
      label,
      annotator,
      stored: note === null ? undefined : { id: undefined, note, createdAt: undefined, updatedAt: undefined },
    })),
    decisions: [],
    claims: [],
    scope: [],
    statuses: [],
  };
  return { article, encoding: found };
}

/** "ID<tab>DATA<tab>TEXT", as brat splits it: the text keeps any tab it holds. */
function fieldsOf(line: string): { id: string; middle?: string; tail?: string } {
  const first = line.indexOf('\t');
  if (first === -1) return { id: line };
  const second = line.indexOf('\t', first + 1);
  if (second === -1) return { id: line.slice(0, first), middle: line.slice(first + 1) };
  return { id: line.slice(0, first), middle: line.slice(first + 1, second), tail: line.slice(second + 1) };
}
