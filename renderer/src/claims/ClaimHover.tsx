import { createContext, useContext, useEffect } from 'react';
import { ROLE_NAMES } from '../../../electron/contract/claims.ts';
import type { ViewSpan } from '../document-session.ts';
import type { CardSession } from './card-session.ts';

/** The open document's cards, for the hover card: it names a claim's roles and says what is hovered. */
export const ClaimHover = createContext<Pick<CardSession, 'hovering' | 'rolesOf'> | null>(null);

/** Tells the cards which spans are under the pointer while the hover card shows them. */
export function useHoveredSpans(spans: readonly ViewSpan[]): void {
  const cards = useContext(ClaimHover);
  useEffect(() => cards?.hovering(spans), [cards, spans]);
  // The card goes when the pointer leaves every span.
  useEffect(() => () => cards?.hovering([]), [cards]);
}

/** A claim's roles in the hover card: "Source مسؤول أمريكي · Via 1 وكالة رويترز". */
export function ClaimRoles({ claim }: { claim: number }) {
  const cards = useContext(ClaimHover);
  const roles = cards?.rolesOf(claim) ?? [];
  if (roles.length === 0) return null;
  return (
    <div className="hover-card-roles">
      {roles.map(({ role, order, text }) => (
        <span key={`${role}-${order}`} className={`hover-card-role role-${role}`}>
          <span className={`role-chip role-${role}`} aria-hidden="true" /> {ROLE_NAMES[role].en}
          {role === 'via' ? ` ${order}` : ''}:{' '}
          <span dir="rtl" lang="ar">
            {text}
          </span>
        </span>
      ))}
    </div>
  );
}
