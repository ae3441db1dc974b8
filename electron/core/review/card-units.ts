/**
 * Card units: how the claim cards of several annotators line up. Pure: no database.
 *
 * Only claims every chosen annotator marked (same range) are compared: for another claim, its
 * span unit is decided first, and a card of a claim not everyone marked has nothing to agree
 * with. Per such claim and role, a span every card links in that role is an agreed unit of its
 * own; the spans only some link are one unit (partial: a single span some cards lack; range:
 * the cards link different spans). The via chain is compared as a set of links: order is
 * reported by agreement, not made a unit of review. The stance is a unit where the annotators
 * differ (label), or, when all give the same stance other than the default, an agreed one, so
 * that accepting the agreed units carries it into gold. The cluster is a unit likewise: each
 * annotator's other claims of the claim's cluster (none: in no cluster), a unit where someone put
 * the claim in a cluster; agreed when all name the same claims.
 */
import { ROLE_LABEL, ROLES, type Role, type Stance } from '../../contract/claims.ts';
import type { CardAspect, ClusterMate, UnitKind } from '../../contract/contract.ts';
import type { Label } from '../../contract/labels.ts';
import type { MateRange } from './decisions.ts';
import type { LayerSpan, Unit, Version } from './units.ts';

export interface CardSpan extends LayerSpan {
  readonly id: number;
}

/** A card as the core reads it (Cards.forDocument). */
export interface LayerCard {
  readonly claim: number;
  readonly stance: Stance;
  readonly roles: readonly { readonly role: Role; readonly span: number; readonly order: number }[];
}

export interface Claim {
  readonly start: number;
  readonly end: number;
}

export interface CardVersion extends Version {
  readonly stance?: Stance;
  readonly order?: number;
  readonly mates?: ClusterMate[];
}

export interface CardUnit extends Omit<Unit, 'group' | 'versions'> {
  readonly group: 'claims';
  readonly versions: readonly CardVersion[];
  readonly card: { readonly claim: Claim; readonly aspect: CardAspect };
}

export const DEFAULT_STANCE: Stance = 'asserted';

/** What a card decision is about: the claim, the aspect, and the version (a span's range, a stance, or a matesKey). */
export const cardKey = (claim: Claim, aspect: CardAspect, value: { start: number; end: number } | string): string =>
  `${claim.start}-${claim.end}/${aspect}/${typeof value === 'string' ? value : `${value.start}-${value.end}`}`;

export const versionValue = (aspect: CardAspect, version: CardVersion): { start: number; end: number } | string =>
  aspect === 'stance' ? version.stance! : aspect === 'cluster' ? matesKey(version.mates!) : version;

/** Mates in their one order: by document, then place. */
export const sortedMates = (mates: readonly MateRange[]): MateRange[] =>
  mates
    .map(({ documentId, start, end }) => ({ documentId, start, end }))
    .sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.start - b.start || a.end - b.end));

/** A set of mates as a key ('[]': in no cluster). */
export const matesKey = (mates: readonly MateRange[]): string =>
  JSON.stringify(sortedMates(mates).map(({ documentId, start, end }) => [documentId, start, end]));

/**
 * The card units of the chosen annotators' claims that all of them marked, each claim's right
 * after one another, claims in reading order; role units in card order, then the stance.
 */
export function cardUnitsOf(
  spans: readonly CardSpan[],
  cards: readonly LayerCard[],
  annotators: readonly string[],
  mates: ReadonlyMap<number, ClusterMate[]> = new Map(),
): CardUnit[] {
  const byId = new Map(spans.map((span) => [span.id, span]));
  const cardOf = new Map(cards.map((card) => [card.claim, card]));
  const claims = new Map<string, Map<string, CardSpan>>();
  for (const span of spans) {
    if (span.label !== 'claim' || !annotators.includes(span.annotator)) continue;
    const key = `${span.start}-${span.end}`;
    const mine = claims.get(key) ?? new Map<string, CardSpan>();
    mine.set(span.annotator, span);
    claims.set(key, mine);
  }
  const units: CardUnit[] = [];
  const shared = [...claims.values()].filter((by) => by.size === annotators.length);
  shared.sort((a, b) => first(a).start - first(b).start || first(b).end - first(a).end);
  for (const by of shared) {
    const claim = { start: first(by).start, end: first(by).end };
    const cardsOf = annotators.map((name) => ({ name, card: cardOf.get(by.get(name)!.id) }));
    for (const role of ROLES) {
      const versions = new Map<string, { start: number; end: number; label: Label; annotators: string[]; order: number }>();
      for (const { name, card } of cardsOf) {
        for (const link of card?.roles ?? []) {
          const span = link.role === role ? byId.get(link.span) : undefined;
          if (!span) continue;
          const key = `${span.start}-${span.end}`;
          const version = versions.get(key) ?? { start: span.start, end: span.end, label: ROLE_LABEL[role], annotators: [], order: link.order };
          version.annotators.push(name);
          versions.set(key, version);
        }
      }
      const all = [...versions.values()]
        .map(({ order, ...version }) => (role === 'via' ? { ...version, order } : version))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      const contested = all.filter((version) => version.annotators.length < annotators.length);
      for (const version of all.filter((v) => v.annotators.length === annotators.length)) {
        units.push(cardUnit(`${claim.start}-${claim.end}:claim/${role}/${version.start}-${version.end}`, claim, role, 'agreed', [version], []));
      }
      if (contested.length > 0) {
        const linked = new Set(contested.flatMap((version) => version.annotators));
        const kind = contested.length > 1 ? 'range' : 'partial';
        const missing = annotators.filter((name) => !linked.has(name));
        units.push(cardUnit(`${claim.start}-${claim.end}:claim/${role}`, claim, role, kind, contested, missing));
      }
    }
    const stances = new Map<Stance, string[]>();
    for (const { name, card } of cardsOf) {
      const stance = card?.stance ?? DEFAULT_STANCE;
      stances.set(stance, [...(stances.get(stance) ?? []), name]);
    }
    if (!(stances.size === 1 && stances.has(DEFAULT_STANCE))) {
      const versions = [...stances].map(([stance, names]) => ({ ...claim, label: 'claim' as const, annotators: names, stance }));
      units.push(cardUnit(`${claim.start}-${claim.end}:claim/stance`, claim, 'stance', stances.size === 1 ? 'agreed' : 'label', versions, []));
    }
    const clusters = new Map<string, { mates: ClusterMate[]; names: string[] }>();
    for (const name of annotators) {
      const theirs = mates.get(by.get(name)!.id) ?? [];
      const key = matesKey(theirs);
      const version = clusters.get(key) ?? { mates: theirs, names: [] };
      version.names.push(name);
      clusters.set(key, version);
    }
    if (clusters.size === 1 && clusters.has(matesKey([]))) continue;
    const versions = [...clusters.values()].map(({ mates, names }) => ({ ...claim, label: 'claim' as const, annotators: names, mates }));
    units.push(cardUnit(`${claim.start}-${claim.end}:claim/cluster`, claim, 'cluster', clusters.size === 1 ? 'agreed' : 'label', versions, []));
  }
  return units;
}

function first(by: ReadonlyMap<string, CardSpan>): CardSpan {
  return by.values().next().value!;
}

function cardUnit(id: string, claim: Claim, aspect: CardAspect, kind: UnitKind, versions: CardVersion[], missing: string[]): CardUnit {
  const start = Math.min(...versions.map((v) => v.start));
  const end = Math.max(...versions.map((v) => v.end));
  return { id, group: 'claims', kind, start, end, versions, missing, card: { claim, aspect } };
}
