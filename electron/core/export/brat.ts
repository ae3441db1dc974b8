/**
 * brat's standoff format: a folder with a .txt (the text as stored) and a .ann per document, the
 * annotation.conf brat needs to know the labels and the visual.conf that names and colours them.
 * Spans are T lines; a note is an AnnotatorNotes line. brat has no annotators, so with several
 * annotators each has a subfolder holding every document, the layout brat's comparison view reads.
 *
 * A claim card is an event: every claim is an event's trigger (a CLAIM event per claim, so that
 * brat finds no trigger without its event), its arguments the card's roles, a role's spans in
 * their order as brat numbers a repeated argument ("E1	CLAIM:T4 Source:T1 Via:T2 Via2:T3"). A
 * stance other than asserted (the default) is a Stance attribute on the event ("A1	Stance E1
 * hedged"). brat's n-ary events hold a card whole, which its binary relations would split.
 *
 * brat counts offsets in characters of the .txt (code points). brat reads a .ann file with
 * Python's line splitting, which breaks at more than LF (PYTHON_LINE_BREAK), so a span over any of
 * those is written as brat writes one over a line break: a fragment per line
 * ("T1	CLAIM 0 5;6 12	first second"), and a note has them made spaces.
 */
import { ROLE_NAMES, ROLE_LABEL, ROLES, STANCES, type Role } from '../../contract/claims.ts';
import type { Card } from '../../contract/contract.ts';
import { LABEL_NAMES, LABELS } from '../../contract/labels.ts';
import { fileNameOf } from './file-names.ts';
import { LABEL_COLOURS, PYTHON_LINE_BREAK, tagOf, type FormatWriter } from './writer.ts';
import type { ExportDocument, ExportSpan } from './source.ts';

const TAGS = LABELS.map(tagOf).join('|');
const CLAIM = tagOf('claim');
const ENTITIES = LABELS.filter((label) => label !== 'claim');

/** A role's argument name in brat: its English name (Source, Via, Location, Date). */
export const argumentOf = (role: Role): string => ROLE_NAMES[role].en;
export const STANCE_ATTRIBUTE = 'Stance';

/**
 * brat's verifier refuses any overlap the configuration does not declare. Spans in Hamish nest,
 * cross and share ranges whatever their labels (a claim holds its actors), so every pair may.
 */
const ANNOTATION_CONF = `[entities]
${ENTITIES.map(tagOf).join('\n')}

[relations]
<OVERLAP>\tArg1:${TAGS}, Arg2:${TAGS}, <OVL-TYPE>:<ANY>

[events]
${CLAIM}\t${ROLES.map((role) => `${argumentOf(role)}*:${tagOf(ROLE_LABEL[role])}`).join(', ')}

[attributes]
${STANCE_ATTRIBUTE}\tArg:${CLAIM}, Value:${STANCES.join('|')}
`;

/** How brat marks each stance beside the claim, in STANCES' order. */
const STANCE_GLYPHS = ['✓', '✗', '?'];

/** Each label's names (brat shows the first that fits: Arabic and English, then Arabic) and colour. */
const VISUAL_CONF = `[labels]
${LABELS.map((l) => `${tagOf(l)} | ${LABEL_NAMES[l].ar} ${LABEL_NAMES[l].en} | ${LABEL_NAMES[l].ar}`).join('\n')}
${ROLES.map((r) => `${argumentOf(r)} | ${ROLE_NAMES[r].ar} ${ROLE_NAMES[r].en} | ${ROLE_NAMES[r].ar}`).join('\n')}

[drawing]
${LABELS.map((l) => `${tagOf(l)}\tbgColor:${LABEL_COLOURS[l]}`).join('\n')}
${STANCE_ATTRIBUTE}\tglyph:${STANCE_GLYPHS.join('|')}
`;

const LINE_BREAKS = new RegExp(PYTHON_LINE_BREAK.source, 'gu');

/** The span's stretches between line breaks (each break is one code point), skipping empty ones. */
function fragments(span: ExportSpan): { start: number; end: number; text: string }[] {
  const parts: { start: number; end: number; text: string }[] = [];
  let start = span.start;
  for (const line of span.text.split(LINE_BREAKS)) {
    const length = [...line].length;
    if (length > 0) parts.push({ start, end: start + length, text: line });
    start += length + 1;
  }
  return parts;
}

/** A note's line breaks and tabs, with the space around them: one space each keeps it on its line. */
const NOTE_BREAKS = new RegExp(`\\s*(?:${PYTHON_LINE_BREAK.source}|\\t)\\s*`, 'gu');
const oneLine = (text: string) => text.replace(NOTE_BREAKS, ' ');

function annotations(spans: readonly ExportSpan[], cards: readonly Card[]): string {
  let ann = '';
  const tOf = new Map<number, string>();
  spans.forEach((span, i) => {
    const parts = fragments(span);
    const ranges = parts.map((p) => `${p.start} ${p.end}`).join(';');
    tOf.set(span.id, `T${i + 1}`);
    ann += `T${i + 1}\t${tagOf(span.label)} ${ranges}\t${parts.map((p) => p.text).join(' ')}\n`;
    if (span.note !== null) ann += `#${i + 1}\tAnnotatorNotes T${i + 1}\t${oneLine(span.note)}\n`;
  });
  const cardOf = new Map(cards.map((card) => [card.claim, card]));
  let events = 0;
  let attributes = 0;
  for (const claim of spans.filter((span) => span.label === 'claim')) {
    const card = cardOf.get(claim.id);
    const event = `E${++events}`;
    const args = (card?.roles ?? []).map(({ role, span, order }) => ` ${argumentOf(role)}${order > 1 ? order : ''}:${tOf.get(span)!}`);
    ann += `${event}\t${CLAIM}:${tOf.get(claim.id)!}${args.join('')}\n`;
    if (card && card.stance !== 'asserted') ann += `A${++attributes}\t${STANCE_ATTRIBUTE} ${event} ${card.stance}\n`;
  }
  return ann;
}

function folders(document: ExportDocument, layers: readonly string[]): { folder: string; spans: readonly ExportSpan[]; cards: readonly Card[] }[] {
  const cards = document.cards ?? [];
  if (layers.length <= 1) return [{ folder: '', spans: document.spans, cards }];
  return layers.map((layer) => ({
    folder: `${fileNameOf(layer)}/`,
    spans: document.spans.filter((s) => s.annotator === layer),
    cards: cards.filter((card) => card.annotator === layer),
  }));
}

export const brat: FormatWriter = {
  layout: { kind: 'folder', mainFile: null },
  manifestIn: 'file',
  cards: true,
  begin(out) {
    out.file('annotation.conf', ANNOTATION_CONF);
    out.file('visual.conf', VISUAL_CONF);
  },
  document(document, out, context) {
    const name = fileNameOf(document.id);
    for (const { folder, spans, cards } of folders(document, context.layers)) {
      out.file(`${folder}${name}.txt`, document.text);
      out.file(`${folder}${name}.ann`, annotations(spans, cards));
    }
  },
};
