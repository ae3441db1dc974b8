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

/** A cluster version as the panel says it: the mates' outlets (else titles), or in no cluster. */
export function matesSaid(mates: NonNullable<ReviewUnit['versions'][number]['mates']>): string {
  return mates.length === 0 ? 'in no cluster' : `with ${mates.map((mate) => mate.outlet ?? mate.title).join(', ')}`;
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
