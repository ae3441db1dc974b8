/**
 * What a claim card holds: a stance, and roles filled with spans of the claim's layer and
 * document. Plain data, shared by the core, the contract and the renderer.
 */
import type { Label } from './labels.ts';

export const STANCES = ['asserted', 'denied', 'hedged'] as const;
export type Stance = (typeof STANCES)[number];

/** In the card's order: who asserts it, through whom it came, where and when it happens. */
export const ROLES = ['source', 'via', 'location', 'date'] as const;
export type Role = (typeof ROLES)[number];

/** A cluster's id (issue 14). A plain pattern, so that an import's reader checks it without zod. */
export const CLUSTER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The label of the spans a role takes. */
export const ROLE_LABEL: Readonly<Record<Role, Label>> = {
  source: 'actor',
  via: 'actor',
  location: 'location',
  date: 'date',
};

export const ROLE_NAMES: Readonly<Record<Role, { readonly en: string; readonly ar: string }>> = {
  source: { en: 'Source', ar: 'المصدر' },
  via: { en: 'Via', ar: 'عبر' },
  location: { en: 'Location', ar: 'المكان' },
  date: { en: 'Date', ar: 'التاريخ' },
};

/** "an actor", "a location": a label in a sentence. */
export const withArticle = (label: Label): string => (label === 'actor' ? 'an actor' : `a ${label}`);
