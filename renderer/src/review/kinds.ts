import type { ReviewUnit, UnitKind } from '../../../electron/contract/contract.ts';
import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import { ASPECT_NAMES, CARD_KIND_NAMES } from './card-units.ts';

export const KIND_NAMES: Record<UnitKind, string> = {
  agreed: 'Agreed',
  label: 'Same range, different label',
  range: 'Overlapping, different range',
  partial: 'Only some annotators',
};

/** What a scope unit's versions are: ranges left out of the article. */
export const OUT_OF_ARTICLE = 'Out of the article';

/** What a unit is about, as its heading says it: a kind of span or scope unit, or a card's role or stance. */
export function unitTitle(unit: ReviewUnit): string {
  if (unit.group === 'scope') return `${OUT_OF_ARTICLE}: ${KIND_NAMES[unit.kind].toLowerCase()}`;
  if (!unit.card) return KIND_NAMES[unit.kind];
  const kind = unit.card.aspect === 'cluster' && unit.kind === 'label' ? 'Different clusters' : CARD_KIND_NAMES[unit.kind];
  return `${ASPECT_NAMES[unit.card.aspect]}: ${kind}`;
}

/** A version's label as the review says it (a scope version has none: it is a range left out). */
export function labelSaid({ label }: ReviewUnit['versions'][number]): string {
  return label === undefined ? OUT_OF_ARTICLE : LABEL_NAMES[label].en;
}
