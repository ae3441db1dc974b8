import type { Card } from '../../contract/contract.ts';
import type { Db } from '../database.ts';
import { Cards, numbered } from './cards.ts';

/**
 * What an export writes of a document's cards: those of the exported claims, each holding only
 * the exported spans (filtered by label or annotator, a role may lose its spans), renumbered.
 */
export function cardsAmong(db: Db): (documentId: string, spans: readonly { id: number }[]) => Card[] {
  const cards = new Cards(db);
  return (documentId, spans) => {
    const exported = new Set(spans.map((span) => span.id));
    return cards
      .forDocument(documentId)
      .filter((card) => exported.has(card.claim))
      .map((card) => ({ ...card, roles: numbered(card.roles.filter((role) => exported.has(role.span))) }));
  };
}
