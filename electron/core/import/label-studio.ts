/**
 * A Label Studio task ({"data": {"text": ...}, "annotations": [...], "predictions": [...]}) as the
 * record Hamish's own JSONL export would make of it, for articleOf to read: the text and the other
 * `data` fields, and every labels region of every annotation and prediction as a span, whose
 * annotator is the annotation's completed_by (its first_name, else its email) or the prediction's
 * model_version. A task of our own export (its id is taskIdOf its document_id) is read as our
 * JSONL is: the document's id and status, each span's id, note (the region's meta text) and its
 * annotation's times, so that it comes back as it was.
 *
 * Relation results (from_id, to_id, labels: [role]) from a claim's region are its card's roles,
 * in the order of the results; a claim region's `choices` result (per-region) is its stance.
 * Regions are named by id within their annotation; the record carries what taskCardsOf needs
 * under TASK_CARDS, read once the spans are checked.
 */
import { ROLES, STANCES, type Role, type Stance } from '../../contract/claims.ts';
import { taskIdOf } from '../export/labelstudio.ts';
import { BadInput } from './bad-input.ts';
import { checkedCard, isRole, isStance, type ClaimDraft } from './claims.ts';
import type { SpanDraft } from './spans.ts';

/** Where a task record keeps its relations and stances, and each span's region id. */
export const TASK_CARDS = Symbol('task cards');

export interface TaskCards {
  /** Each span's region, by place: `annotation index:region id`. */
  readonly regions: readonly string[];
  readonly relations: readonly { readonly from: string; readonly to: string; readonly labels: unknown; readonly where: string }[];
  readonly stances: readonly { readonly region: string; readonly choices: unknown; readonly where: string }[];
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The task as a record of Hamish's JSONL shape, or undefined if `fields` is no Label Studio task. */
export function recordOfTask(fields: Fields): Fields | undefined {
  const { data } = fields;
  if ('text' in fields || !isObject(data) || !('text' in data)) return undefined;
  const { text, document_id: documentId, ...meta } = data;
  const own = typeof documentId === 'string' && fields.id === taskIdOf(documentId);
  const layers = [
    ...listOf(fields.annotations).map((a) => ({ layer: a, annotator: annotatorOf(a.completed_by) })),
    ...listOf(fields.predictions).map((p) => ({ layer: p, annotator: typeof p.model_version === 'string' ? p.model_version : undefined })),
  ];
  const regions: string[] = [];
  const relations: TaskCards['relations'][number][] = [];
  const stances: TaskCards['stances'][number][] = [];
  const spans = layers.flatMap(({ layer, annotator }, k) =>
    listOf(layer.result)
      .filter((r) => r.type === 'labels' && isObject(r.value))
      .map((r) => {
        const value = r.value as Fields;
        const labels = Array.isArray(value.labels) ? value.labels : [];
        const note = isObject(r.meta) && Array.isArray(r.meta.text) ? r.meta.text.join('\n') : null;
        const id = typeof r.id === 'string' ? Number(/^hamish-(\d+)$/.exec(r.id)?.[1]) : NaN;
        regions.push(`${k}:${String(r.id)}`);
        return {
          start: value.start,
          end: value.end,
          label: labels.length === 1 ? labels[0] : labels,
          ...(typeof value.text === 'string' ? { text: value.text } : {}),
          ...(annotator === undefined ? {} : { annotator }),
          ...(own ? { id: Number.isInteger(id) ? id : undefined, note, created_at: layer.created_at, updated_at: layer.updated_at } : {}),
        };
      }),
  );
  const annotations = listOf(fields.annotations).length;
  layers.forEach(({ layer }, k) => {
    const kind = k < annotations ? `annotation ${k + 1}` : `prediction ${k - annotations + 1}`;
    listOf(layer.result).forEach((r, i) => {
      const where = `${kind}, result ${i + 1}`;
      if (r.type === 'relation') {
        relations.push({ from: `${k}:${String(r.from_id)}`, to: `${k}:${String(r.to_id)}`, labels: r.labels, where });
      } else if (r.type === 'choices' && r.from_name === 'stance' && isObject(r.value)) {
        stances.push({ region: `${k}:${String(r.id)}`, choices: r.value.choices, where });
      }
    });
  });
  return {
    [TASK_CARDS]: { regions, relations, stances } satisfies TaskCards,
    ...(own ? { id: documentId, offset_unit: 'codepoint' } : typeof fields.id === 'number' || typeof fields.id === 'string' ? { id: fields.id } : {}),
    text,
    meta: { ...(own ? {} : documentId === undefined ? {} : { document_id: documentId }), ...meta },
    spans,
  };
}

function listOf(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function annotatorOf(completedBy: unknown): string | undefined {
  if (!isObject(completedBy)) return undefined;
  const name = completedBy.first_name ?? completedBy.email;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/** The cards of a task's relations and stances, over its spans as checked (`spans`, by place). */
export function taskCardsOf(cards: TaskCards, spans: readonly SpanDraft[], line: number): ClaimDraft[] {
  const places = new Map(cards.regions.map((region, place) => [region, place]));
  const name = (place: number) => `region ${cards.regions[place]!.replace(/^\d+:/, '')}`;
  /** Each card with where its results are: its roles' relations, and its stance's choice. */
  const byClaim = new Map<number, { stance: Stance; roles: { role: Role; span: number }[]; relations: string[]; stanceAt: string | undefined }>();
  const regionAt = (region: string, fail: (why: string) => BadInput, what: string) => {
    const place = places.get(region);
    if (place === undefined) throw fail(`${what} ${region.replace(/^\d+:/, '')} is no labels region of its annotation`);
    return place;
  };
  const cardAt = (claim: number) => {
    let card = byClaim.get(claim);
    if (!card) byClaim.set(claim, (card = { stance: 'asserted', roles: [], relations: [], stanceAt: undefined }));
    return card;
  };
  for (const { from, to, labels, where } of cards.relations) {
    const fail = (why: string) => new BadInput(`${where}: ${why}`, line);
    const role: unknown = Array.isArray(labels) && labels.length === 1 ? labels[0] : undefined;
    if (!isRole(role)) throw fail(`the relation's labels ${JSON.stringify(labels)} are not one role of a claim card (${ROLES.join(', ')})`);
    const card = cardAt(regionAt(from, fail, 'from_id'));
    card.roles.push({ role, span: regionAt(to, fail, 'to_id') });
    card.relations.push(where);
  }
  for (const { region, choices, where } of cards.stances) {
    const fail = (why: string) => new BadInput(`${where}: ${why}`, line);
    const stance: unknown = Array.isArray(choices) && choices.length === 1 ? choices[0] : undefined;
    if (!isStance(stance)) throw fail(`the stance ${JSON.stringify(choices)} is not one of ${STANCES.join(', ')}`);
    const card = cardAt(regionAt(region, fail, 'its region'));
    card.stance = stance;
    card.stanceAt = where;
  }
  return [...byClaim]
    .sort(([a], [b]) => a - b)
    .map(([claim, card]) => {
      const fail = (why: string) => new BadInput(`${card.relations[0] ?? card.stanceAt!}: ${why}`, line);
      const failRole = (j: number, why: string) => new BadInput(`${card.relations[j]!}: ${why}`, line);
      return checkedCard(spans, { id: undefined, claim, stance: card.stance, roles: card.roles }, name, fail, failRole);
    });
}
