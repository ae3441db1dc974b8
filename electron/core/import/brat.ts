/**
 * A brat document: its .txt and the .ann beside it, whose T lines are spans and AnnotatorNotes
 * lines their notes. brat counts offsets in characters of the .txt (code points). A span that
 * brat writes in fragments (one per line, "T1	CLAIM 0 5;6 12	first second") is one span here,
 * as long as only line breaks and spaces lie between its fragments; Hamish writes them so.
 *
 * A claim card is a CLAIM event on the claim's T, its arguments the roles (Source, Via, Via2 …,
 * as Hamish's export writes them: see export/brat.ts), its stance a Stance attribute on the
 * event; a binary relation from the claim to a span ("R1	Source Arg1:T4 Arg2:T1") fills a role
 * too. An event with no argument and no stance is a claim without a card.
 *
 * brat has no annotators. A folder Hamish exported says whose each .ann is in its manifest.json:
 * the one layer, or with several the subfolder named for each; else the spans are the import's
 * annotator's. Such a folder's file names are also its document ids (file-names.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Encoding } from '../../contract/encodings.ts';
import { ROLE_NAMES, ROLES, STANCES, withArticle, type Role, type Stance } from '../../contract/claims.ts';
import { LABELS } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import { fileNameOf } from '../export/file-names.ts';
import type { Article } from './article.ts';
import { BadInput } from './bad-input.ts';
import { checkedCard, isStance, type ClaimDraft } from './claims.ts';
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
  const links: Link[] = [];
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
    } else if (/^[ERA]/.test(id)) {
      // Read once every T line is: an event may come before the spans it names.
      links.push({ id, line: number, data: middle ?? '' });
    } else {
      // Normalisations, equivalences: nothing in Hamish holds them, and leaving them out in
      // silence would lose them.
      throw fail(`a ${id.replace(/\d+$/, '') || 'nameless'} line: Hamish imports spans (T), their notes (#) and claim cards (E, R, A)`);
    }
  });

  const annotator = from?.annotator;
  const drafts = [...spans.values()].map(({ start, end, label, note }) => ({
    start: toStored(start),
    end: toStored(end),
    label,
    annotator,
    stored: note === null ? undefined : { id: undefined, note, createdAt: undefined, updatedAt: undefined },
  }));
  const article: Article = {
    name,
    libraryId: undefined,
    text,
    title: undefined,
    source: basename(txt),
    meta: {},
    spans: drafts,
    decisions: [],
    claims: cardsOf(links, [...spans.keys()], drafts),
    scope: [],
    statuses: [],
  };
  return { article, encoding: found };
}

/** An E, R or A line: read after the T lines. */
interface Link {
  readonly id: string;
  readonly line: number;
  readonly data: string;
}

const ROLE_OF_ARGUMENT = new Map<string, Role>(ROLES.map((role) => [ROLE_NAMES[role].en.toLowerCase(), role]));

interface CardLines {
  /** The line that made the card (its event, or its first relation), for errors. */
  readonly line: number;
  readonly name: string;
  readonly claim: number;
  stance: Stance;
  /** Each with the line that filled it (an event's, or a relation's), for errors. */
  readonly roles: { role: Role; span: number; order: number; at: Link }[];
}

/**
 * The cards of a .ann's E, R and A lines, over its T lines (`ids`, in the order of `spans`).
 * brat splits an event's data at spaces and each argument at its colon, and names a repeated
 * argument with a number after it (Via, Via2): that number is the place in the role.
 */
function cardsOf(links: readonly Link[], ids: readonly string[], spans: readonly SpanDraft[]): ClaimDraft[] {
  const placeOf = new Map(ids.map((id, place) => [id, place]));
  const byClaim = new Map<number, CardLines>();
  const byEvent = new Map<string, CardLines>();
  const span = (target: string, fail: (why: string) => BadInput, what: string): number => {
    const place = placeOf.get(target);
    if (place === undefined) throw fail(`${what} ${target || '(none)'} is no T line of this file`);
    return place;
  };
  const cardFor = (claim: number, link: Link, fail: (why: string) => BadInput): CardLines => {
    let card = byClaim.get(claim);
    if (!card) {
      if (spans[claim]!.label !== 'claim') throw fail(`${ids[claim]} is ${withArticle(spans[claim]!.label)}, not a claim`);
      card = { line: link.line, name: link.id, claim, stance: 'asserted', roles: [] };
      byClaim.set(claim, card);
    }
    return card;
  };
  const roleOf = (name: string, fail: (why: string) => BadInput): Role => {
    const role = ROLE_OF_ARGUMENT.get(name.toLowerCase());
    if (!role) throw fail(`${JSON.stringify(name)} is no role of a claim card (${ROLES.map((r) => ROLE_NAMES[r].en).join(', ')})`);
    return role;
  };
  const ordered = [...links].sort((a, b) => 'ERA'.indexOf(a.id[0]!) - 'ERA'.indexOf(b.id[0]!) || a.line - b.line);
  for (const link of ordered) {
    const fail = (why: string) => new BadInput(`${link.id}: ${why}`, link.line);
    const [head = '', ...rest] = link.data.split(' ').filter((part) => part !== '');
    if (link.id.startsWith('E')) {
      const [type = '', trigger = ''] = head.split(':');
      if (type.toUpperCase() !== 'CLAIM') throw fail(`a ${JSON.stringify(type)} event: Hamish's only event is CLAIM, a claim's card`);
      const claim = span(trigger, fail, 'its trigger');
      if (byClaim.has(claim)) throw fail(`${trigger} has a card already (${byClaim.get(claim)!.name}): a claim has one`);
      const card = cardFor(claim, link, fail);
      byEvent.set(link.id, card);
      for (const argument of rest) {
        const [name = '', target = ''] = argument.split(':');
        const [, base = '', number = ''] = /^(.*?)(\d*)$/.exec(name)!;
        card.roles.push({ role: roleOf(base, fail), span: span(target, fail, `its ${name} argument`), order: number === '' ? 1 : Number(number), at: link });
      }
    } else if (link.id.startsWith('R')) {
      const args = new Map(rest.map((argument) => argument.split(':') as [string, string]));
      const role = roleOf(head, fail);
      const claim = span(args.get('Arg1') ?? '', fail, 'its Arg1');
      const card = cardFor(claim, link, fail);
      card.roles.push({ role, span: span(args.get('Arg2') ?? '', fail, 'its Arg2'), order: card.roles.filter((r) => r.role === role).length + 1, at: link });
    } else {
      const [target = '', value = ''] = rest;
      if (head !== 'Stance') throw fail(`a ${JSON.stringify(head)} attribute: Hamish's only attribute is Stance, on a CLAIM event`);
      const card = byEvent.get(target);
      if (!card) throw fail(`its target ${target || '(none)'} is no CLAIM event of this file`);
      if (!isStance(value)) throw fail(`stance ${JSON.stringify(value)} is not one of ${STANCES.join(', ')}`);
      card.stance = value;
    }
  }
  return [...byClaim.values()]
    .filter((card) => card.roles.length > 0 || card.stance !== 'asserted')
    .sort((a, b) => a.claim - b.claim)
    .map((card) => {
      const fail = (why: string) => new BadInput(`${card.name}: ${why}`, card.line);
      const failRole = (j: number, why: string) => new BadInput(`${card.roles[j]!.at.id}: ${why}`, card.roles[j]!.at.line);
      return checkedCard(spans, { id: undefined, ...card }, (place) => ids[place]!, fail, failRole);
    });
}

/** "ID<tab>DATA<tab>TEXT", as brat splits it: the text keeps any tab it holds. */
function fieldsOf(line: string): { id: string; middle?: string; tail?: string } {
  const first = line.indexOf('\t');
  if (first === -1) return { id: line };
  const second = line.indexOf('\t', first + 1);
  if (second === -1) return { id: line.slice(0, first), middle: line.slice(first + 1) };
  return { id: line.slice(0, first), middle: line.slice(first + 1, second), tail: line.slice(second + 1) };
}
