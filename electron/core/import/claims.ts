/**
 * The claim cards a file carries, checked against the article's own spans. Every format names
 * the spans its own way (Hamish's JSONL by `spans[].id`, brat by T id, doccano by entity id,
 * Label Studio by region id); each reader finds the span's place in the article's spans, and
 * checkedCard makes the checks every card needs, in the file's words.
 */
import { CLUSTER_ID, ROLE_LABEL, ROLES, withArticle, STANCES, type Role, type Stance } from '../../contract/claims.ts';
import { BadInput } from './bad-input.ts';
import type { SpanDraft } from './spans.ts';

export interface ClaimDraft {
  /** The card's id in the exporting library: kept if this library never issued it. */
  readonly id: number | undefined;
  /** The claim's place in the article's spans. */
  readonly claim: number;
  readonly stance: Stance;
  /** In card order, each role's spans in their order (via: the chain); spans by place. */
  readonly roles: readonly { readonly role: Role; readonly span: number }[];
  /** Its cluster's id (issue 14), as the exporting library made it. */
  readonly cluster: string | null;
}

/** A card as a reader found it: spans by place, each role's in the file's order (`order` first). */
export interface FoundCard {
  readonly id: number | undefined;
  readonly claim: number;
  readonly stance: Stance;
  readonly roles: readonly { readonly role: Role; readonly span: number; readonly order?: number | undefined }[];
  /** Only Hamish's JSONL names clusters. */
  readonly cluster?: string | null;
}

/**
 * The card checked: its claim a claim span, each role filled with a span of the role's label in
 * the claim's layer, roles put in card order. `name` says a span as the file does ("span 4",
 * "T3"); `fail` and `failRole` prefix the reason with where the card (and its role) is.
 */
export function checkedCard(
  spans: readonly SpanDraft[],
  card: FoundCard,
  name: (place: number) => string,
  fail: (why: string) => BadInput,
  failRole: (index: number, why: string) => BadInput,
): ClaimDraft {
  const claim = spans[card.claim]!;
  if (claim.label !== 'claim') throw fail(`${name(card.claim)} is ${withArticle(claim.label)}, not a claim`);
  const roles = card.roles.map(({ role, span, order }, j) => {
    const filler = spans[span]!;
    if (filler.label !== ROLE_LABEL[role]) {
      throw failRole(j, `the ${role} role takes ${ROLE_LABEL[role]} spans; ${name(span)} is ${withArticle(filler.label)}`);
    }
    if (filler.annotator !== claim.annotator) throw failRole(j, `${name(span)} is in another layer than its claim`);
    return { role, span, order: order ?? j + 1 };
  });
  roles.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.order - b.order);
  const cluster = card.cluster ?? null;
  return { id: card.id, claim: card.claim, stance: card.stance, roles: roles.map(({ role, span }) => ({ role, span })), cluster };
}

/** Refuses a second card on one claim: `fail` says where. */
export function oneCardEach(cards: readonly ClaimDraft[], fail: (index: number, claim: number) => BadInput): void {
  const claimed = new Set<number>();
  cards.forEach((card, i) => {
    if (claimed.has(card.claim)) throw fail(i, card.claim);
    claimed.add(card.claim);
  });
}

export const isStance = (value: unknown): value is Stance => STANCES.includes(value as Stance);
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Hamish's JSONL `claims`: each names its claim and the spans filling its roles by their `id` in the same record. */
export function claimsOf(fields: Record<string, unknown>, spans: readonly SpanDraft[], line: number): ClaimDraft[] {
  const list = fields.claims;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new BadInput('"claims" is not a list of claim cards', line);
  const places = new Map<number, number>();
  spans.forEach((span, place) => {
    if (span.stored?.id !== undefined) places.set(span.stored.id, place);
  });
  const name = (place: number) => `span ${spans[place]!.stored!.id!}`;
  const cards = list.map((raw: unknown, i): ClaimDraft => {
    const fail = (why: string) => new BadInput(`claim ${i + 1}: ${why}`, line);
    const failRole = (j: number, why: string) => fail(`role ${j + 1}: ${why}`);
    if (typeof raw !== 'object' || raw === null) throw fail('not an object');
    const c = raw as Record<string, unknown>;
    const claim = placeOf(c.span, places, (why) => fail(`span ${why}`));
    if (c.annotator !== undefined && spans[claim]!.label === 'claim' && c.annotator !== spans[claim]!.annotator) {
      throw fail(`annotator ${JSON.stringify(c.annotator)} is not its claim span's (${JSON.stringify(spans[claim]!.annotator)})`);
    }
    const stance = c.stance ?? 'asserted';
    if (!isStance(stance)) throw fail(`stance ${JSON.stringify(stance)} is not one of ${STANCES.join(', ')}`);
    if (c.id !== undefined && !(Number.isInteger(c.id) && (c.id as number) > 0)) throw fail(`id ${JSON.stringify(c.id)} is not a card id`);
    if (c.cluster !== undefined && !(typeof c.cluster === 'string' && CLUSTER_ID.test(c.cluster))) {
      throw fail(`cluster ${JSON.stringify(c.cluster)} is not a cluster id (1 to 64 letters, digits, _ or -)`);
    }
    const rawRoles = c.roles ?? [];
    if (!Array.isArray(rawRoles)) throw fail('"roles" is not a list');
    const roles = rawRoles.map((item: unknown, j) => {
      if (typeof item !== 'object' || item === null) throw failRole(j, 'not an object');
      const r = item as Record<string, unknown>;
      if (!isRole(r.role)) throw failRole(j, `role ${JSON.stringify(r.role)} is not one of ${ROLES.join(', ')}`);
      const span = placeOf(r.span, places, (why) => failRole(j, `span ${why}`));
      if (r.order !== undefined && !(Number.isInteger(r.order) && (r.order as number) > 0)) {
        throw failRole(j, `order ${JSON.stringify(r.order)} is not a place in the chain (1, 2, …)`);
      }
      return { role: r.role, span, order: r.order as number | undefined };
    });
    const cluster = (c.cluster as string | undefined) ?? null;
    return checkedCard(spans, { id: c.id as number | undefined, claim, stance, roles, cluster }, name, fail, failRole);
  });
  oneCardEach(cards, (i, claim) => new BadInput(`claim ${i + 1}: ${name(claim)} has a card already`, line));
  return cards;
}

function placeOf(id: unknown, places: ReadonlyMap<number, number>, fail: (why: string) => BadInput): number {
  if (!Number.isInteger(id)) throw fail(`${JSON.stringify(id)} is not a span id`);
  const place = places.get(id as number);
  if (place === undefined) throw fail(`${String(id)} is not among this line's spans`);
  return place;
}

/**
 * doccano's relation JSONL: `relations` ({from_id, to_id, type}) between `entities` by their
 * ids, each from a claim to a span filling its role `type`, a role's spans in the order of the
 * list; `stances` (Hamish's export) is a claim's stance, by its entity id. The entities are the
 * last of the article's spans (spanFieldsOf reads `entities` last).
 */
export function relationsOf(fields: Record<string, unknown>, spans: readonly SpanDraft[], line: number): ClaimDraft[] {
  const { entities, relations = [], stances = {} } = fields as { entities: unknown[]; relations?: unknown; stances?: unknown };
  if (!Array.isArray(relations)) throw new BadInput('"relations" is not a list of relations', line);
  if (typeof stances !== 'object' || stances === null || Array.isArray(stances)) throw new BadInput('"stances" is not an object of stances by entity id', line);
  const first = spans.length - entities.length;
  const places = new Map<unknown, number>();
  entities.forEach((entity, j) => places.set((entity as { id?: unknown }).id, first + j));
  const idOf = new Map([...places].map(([id, place]) => [place, id]));
  const name = (place: number) => `entity ${String(idOf.get(place))}`;
  const entityAt = (id: unknown, fail: (why: string) => BadInput, what: string): number => {
    const place = id === undefined ? undefined : places.get(id);
    if (place === undefined) throw fail(`${what} ${JSON.stringify(id)} is no entity of this line`);
    return place;
  };
  const cards = new Map<number, { stance: Stance; roles: { role: Role; span: number }[]; relations: number[] }>();
  const cardAt = (claim: number) => {
    let card = cards.get(claim);
    if (!card) cards.set(claim, (card = { stance: 'asserted', roles: [], relations: [] }));
    return card;
  };
  relations.forEach((raw: unknown, i) => {
    const fail = (why: string) => new BadInput(`relation ${i + 1}: ${why}`, line);
    if (typeof raw !== 'object' || raw === null) throw fail('not an object');
    const r = raw as Record<string, unknown>;
    if (!isRole(r.type)) throw fail(`type ${JSON.stringify(r.type)} is no role of a claim card (${ROLES.join(', ')})`);
    const card = cardAt(entityAt(r.from_id, fail, 'from_id'));
    card.roles.push({ role: r.type, span: entityAt(r.to_id, fail, 'to_id') });
    card.relations.push(i);
  });
  for (const [id, stance] of Object.entries(stances)) {
    const fail = (why: string) => new BadInput(`stances: ${why}`, line);
    if (!isStance(stance)) throw fail(`${JSON.stringify(stance)} is not one of ${STANCES.join(', ')}`);
    cardAt(entityAt(places.has(id) ? id : Number(id), fail, 'claim')).stance = stance;
  }
  return [...cards]
    .sort(([a], [b]) => a - b)
    .map(([claim, card]) => {
      const fail = (why: string) => new BadInput(`relation ${card.relations[0]! + 1}: ${why}`, line);
      const failRole = (j: number, why: string) => new BadInput(`relation ${card.relations[j]! + 1}: ${why}`, line);
      return checkedCard(spans, { id: undefined, claim, stance: card.stance, roles: card.roles }, name, card.relations.length ? fail : (why) => new BadInput(`stances: ${why}`, line), failRole);
    });
}
