import { ROLE_NAMES } from '../../../electron/contract/claims.ts';
import type { CardAspect, Input, ReviewUnit, UnitKind } from '../../../electron/contract/contract.ts';

/** What a card unit's kind means: the same kinds as span units, said of a card's links. */
export const CARD_KIND_NAMES: Record<UnitKind, string> = {
  agreed: 'Every card has it',
  label: 'Different stances',
  range: 'Cards link different spans',
  partial: 'Only some cards link it',
};

export const ASPECT_NAMES: Record<CardAspect, string> = {
  source: ROLE_NAMES.source.en,
  via: ROLE_NAMES.via.en,
  location: ROLE_NAMES.location.en,
  date: ROLE_NAMES.date.en,
  stance: 'Stance',
  cluster: 'Cluster',
};

/** A cluster version as its heading says it: how many claims in how many documents, and their outlets where known. */
export function matesSaid(mates: NonNullable<ReviewUnit['versions'][number]['mates']>): string {
  if (mates.length === 0) return 'in no cluster';
  const documents = new Set(mates.map((mate) => mate.documentId)).size;
  const outlets = [...new Set(mates.flatMap((mate) => (mate.outlet === null ? [] : [mate.outlet])))];
  const claims = `${mates.length} claim${mates.length === 1 ? '' : 's'} in ${documents} document${documents === 1 ? '' : 's'}`;
  return `with ${claims}${outlets.length > 0 ? ` (${outlets.join(', ')})` : ''}`;
}

/** The decideCard request for a version of a card unit; null: a unit of spans. */
export function cardDecision(
  unit: ReviewUnit,
  version: ReviewUnit['versions'][number],
): Omit<Input<'decideCard'>, 'documentId' | 'verdict'> | null {
  if (!unit.card) return null;
  const { claim, aspect } = unit.card;
  return {
    claim: { start: claim.start, end: claim.end },
    aspect,
    version:
      version.stance !== undefined
        ? { stance: version.stance }
        : version.mates !== undefined
          ? { mates: version.mates.map(({ documentId, start, end }) => ({ documentId, start, end })) }
          : { start: version.start, end: version.end },
  };
}
