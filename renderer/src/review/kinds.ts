import type { ReviewUnit, UnitKind } from '../../../electron/contract/contract.ts';
import { ASPECT_NAMES, CARD_KIND_NAMES } from './card-units.ts';

export const KIND_NAMES: Record<UnitKind, string> = {
  agreed: 'Agreed',
  label: 'Same range, different label',
  range: 'Overlapping, different range',
  partial: 'Only some annotators',
};

/** What a unit is about, as its heading says it: a kind of span unit, or a card's role or stance. */
export function unitTitle(unit: ReviewUnit): string {
  if (!unit.card) return KIND_NAMES[unit.kind];
  const kind = unit.card.aspect === 'cluster' && unit.kind === 'label' ? 'Different clusters' : CARD_KIND_NAMES[unit.kind];
  return `${ASPECT_NAMES[unit.card.aspect]}: ${kind}`;
}
