/**
 * Claim cards in SQLite: a claim span's stance and the spans that fill its roles (migration
 * "claim cards"). A card belongs to its claim's layer; its roles take spans of that layer and
 * document, of the role's label. Rows refer to spans by id: a role whose span is gone or
 * relabelled, or a card whose claim is, is left out when read, and comes back when undo brings
 * the span back. The next change to a card writes only what is shown.
 */
import { ROLE_LABEL, ROLES, withArticle, type Role, type Stance } from '../../contract/claims.ts';
import type { Card } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { Label } from '../../contract/labels.ts';
import type { Db } from '../database.ts';

export interface StoredRole {
  readonly role: Role;
  readonly span_id: number;
  readonly position: number;
}

/** A card exactly as stored: what the history keeps, so that undo puts it back as it was. */
export interface StoredCard {
  readonly id: number;
  readonly claim_id: number;
  readonly stance: Stance;
  readonly roles: readonly StoredRole[];
  /** Its cluster's id (clusters/clusters.ts); absent in history entries older than clusters. */
  readonly cluster?: string | null;
}

/** What the checks need of a span. */
export interface SpanRef {
  readonly id: number;
  readonly document_id: string;
  readonly annotator_id: number;
  readonly label: Label;
}

/** An edit gives the card's new stance and roles, and its cluster when it changes that. */
type Edit = (card: StoredCard, claim: SpanRef) => Omit<StoredCard, 'id' | 'claim_id'>;

/** The roles' order, and which role fillers count (the claim's layer and document, the role's label): hub/sync.ts reads cards by them too. */
export const ROLE_ORDER = `CASE r.role WHEN 'source' THEN 0 WHEN 'via' THEN 1 WHEN 'location' THEN 2 ELSE 3 END`;
export const FITS = `s.document_id = c_span.document_id AND s.annotator_id = c_span.annotator_id
  AND s.label = CASE r.role WHEN 'source' THEN 'actor' WHEN 'via' THEN 'actor' ELSE r.role END`;

export class Cards {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      span: db.prepare<[number], SpanRef>('SELECT id, document_id, annotator_id, label FROM annotations WHERE id = ?'),
      card: db.prepare<[number], Omit<StoredCard, 'roles'>>('SELECT id, claim_id, stance, cluster FROM cards WHERE claim_id = ?'),
      roles: db.prepare<[number], StoredRole>('SELECT role, span_id, position FROM card_roles WHERE card_id = ? ORDER BY role, position'),
      insert: db.prepare<[{ claim: number; stance: Stance }], number>('INSERT INTO cards (claim_id, stance) VALUES (@claim, @stance) RETURNING id').pluck(),
      // An upsert, not INSERT OR REPLACE: replacing would delete the row and cascade to its roles.
      put: db.prepare<[Omit<StoredCard, 'roles' | 'cluster'> & { cluster: string | null }]>(`
        INSERT INTO cards (id, claim_id, stance, cluster) VALUES (@id, @claim_id, @stance, @cluster)
        ON CONFLICT (id) DO UPDATE SET claim_id = excluded.claim_id, stance = excluded.stance, cluster = excluded.cluster`),
      clearRoles: db.prepare<[number]>('DELETE FROM card_roles WHERE card_id = ?'),
      putRole: db.prepare<[StoredRole & { card: number }]>(
        'INSERT INTO card_roles (card_id, role, span_id, position) VALUES (@card, @role, @span_id, @position)',
      ),
      delete: db.prepare<[number]>('DELETE FROM cards WHERE id = ?'),
      issued: db
        .prepare<[], number>(
          `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'cards'), 0), coalesce((SELECT max(id) FROM cards), 0))`,
        )
        .pluck(),
      present: db.prepare<[number], 1>('SELECT 1 FROM cards WHERE id = ?').pluck(),
      // A cluster is shown when another claim of the layer is in it too.
      forDocument: db.prepare<[string], { id: number; claim: number; annotator: string; stance: Stance; cluster: string | null }>(`
        SELECT c.id, c.claim_id AS claim, n.name AS annotator, c.stance,
          CASE WHEN EXISTS (
            SELECT 1 FROM cards o JOIN annotations o_span ON o_span.id = o.claim_id
            WHERE o.cluster = c.cluster AND o.id <> c.id AND o_span.annotator_id = c_span.annotator_id AND o_span.label = 'claim'
          ) THEN c.cluster END AS cluster
        FROM annotations c_span JOIN cards c ON c.claim_id = c_span.id JOIN annotators n ON n.id = c_span.annotator_id
        WHERE c_span.document_id = ? AND c_span.label = 'claim' ORDER BY c_span.start, c_span."end" DESC, c_span.id`),
      rolesForDocument: db.prepare<[string], { card: number; role: Role; span: number }>(`
        SELECT r.card_id AS card, r.role, r.span_id AS span
        FROM annotations c_span JOIN cards c ON c.claim_id = c_span.id JOIN card_roles r ON r.card_id = c.id
        JOIN annotations s ON s.id = r.span_id
        WHERE c_span.document_id = ? AND c_span.label = 'claim' AND ${FITS}
        ORDER BY r.card_id, ${ROLE_ORDER}, r.position, r.span_id`),
    };
  }

  /** The cards of a document's claims, every layer's, in reading order of the claims. */
  forDocument(documentId: string): Card[] {
    const roles = new Map<number, { role: Role; span: number }[]>();
    for (const row of this.statements.rolesForDocument.all(documentId)) {
      const list = roles.get(row.card) ?? [];
      list.push({ role: row.role, span: row.span });
      roles.set(row.card, list);
    }
    return this.statements.forDocument.all(documentId).map(({ cluster, ...card }) => ({
      ...card,
      roles: numbered(roles.get(card.id) ?? []),
      ...(cluster !== null && { cluster }),
    }));
  }

  /**
   * Changes the card of `claimId` in layer `layerId` (made if it has none): returns the claim and
   * the card before (null: it had none) and after, as stored.
   */
  change(claimId: number, layerId: number, edit: Edit): { claim: SpanRef; before: StoredCard | null; after: StoredCard } {
    const claim = this.claimOf(claimId, layerId);
    const before = this.stored(claimId);
    const shown: StoredCard = before
      ? { ...before, roles: before.roles.filter((r) => this.fits(claim, r)) }
      : { id: 0, claim_id: claimId, stance: 'asserted', roles: [], cluster: null };
    const edited = edit(shown, claim);
    const id = before?.id ?? this.statements.insert.get({ claim: claimId, stance: edited.stance })!;
    // In the order stored() reads it, so that an edit that changes nothing compares equal.
    const cluster = edited.cluster === undefined ? (shown.cluster ?? null) : edited.cluster;
    const after: StoredCard = { id, claim_id: claimId, stance: edited.stance, cluster, roles: edited.roles };
    this.restore(id, after);
    return { claim, before, after };
  }

  /** The span to fill `role` with, checked: of the claim's layer and document and the role's label. */
  filler(claim: SpanRef, role: Role, spanId: number): SpanRef {
    const span = this.statements.span.get(spanId);
    if (!span) throw new HamishError('not_found', `span: no span ${spanId}`);
    if (span.document_id !== claim.document_id) {
      throw new HamishError('invalid_input', `span: span ${spanId} is in another document than claim ${claim.id}`);
    }
    if (span.annotator_id !== claim.annotator_id) {
      throw new HamishError('invalid_input', `span: span ${spanId} is in another layer than claim ${claim.id}`);
    }
    const wanted = ROLE_LABEL[role];
    if (span.label !== wanted) {
      throw new HamishError('invalid_input', `span: the ${role} role takes ${wanted} spans; span ${spanId} is ${withArticle(span.label)}`);
    }
    return span;
  }

  /** The largest card id this library has issued. */
  issued(): number {
    return this.statements.issued.get()!;
  }

  /**
   * A card an import brings for a claim that has none (else null: the library's stays). It keeps
   * the file's id if this library never issued it (`issuedBefore`: ids are never reused, the
   * history refers to them), else takes a new one.
   */
  add(card: Omit<StoredCard, 'id'> & { id: number | undefined }, issuedBefore: number): { claim: SpanRef; card: StoredCard } | null {
    if (this.statements.card.get(card.claim_id)) return null;
    const free = card.id !== undefined && card.id > issuedBefore && !this.statements.present.get(card.id);
    const id = free ? card.id! : this.statements.insert.get({ claim: card.claim_id, stance: card.stance })!;
    const stored: StoredCard = { ...card, id };
    this.restore(id, stored);
    return { claim: this.statements.span.get(card.claim_id)!, card: stored };
  }

  /** Puts a card back exactly as it was stored (undo and redo), or takes it away (null). */
  restore(cardId: number, card: StoredCard | null): void {
    if (!card) {
      this.statements.delete.run(cardId);
      return;
    }
    this.statements.put.run({ id: card.id, claim_id: card.claim_id, stance: card.stance, cluster: card.cluster ?? null });
    this.statements.clearRoles.run(card.id);
    for (const role of card.roles) this.statements.putRole.run({ card: card.id, ...role });
  }

  /** The card of a claim as shown: null when it has none, or its claim is gone. */
  shown(claimId: number): Card | null {
    return this.forDocumentOf(claimId)?.find((card) => card.claim === claimId) ?? null;
  }

  /** The card as stored, with every role row (also those hidden). */
  stored(claimId: number): StoredCard | null {
    const card = this.statements.card.get(claimId);
    return card ? { ...card, roles: this.statements.roles.all(card.id) } : null;
  }

  private forDocumentOf(claimId: number): Card[] | null {
    const claim = this.statements.span.get(claimId);
    return claim ? this.forDocument(claim.document_id) : null;
  }

  private fits(claim: SpanRef, role: StoredRole): boolean {
    const span = this.statements.span.get(role.span_id);
    return (
      span !== undefined &&
      span.document_id === claim.document_id &&
      span.annotator_id === claim.annotator_id &&
      span.label === ROLE_LABEL[role.role]
    );
  }

  private claimOf(claimId: number, layerId: number): SpanRef {
    const claim = this.statements.span.get(claimId);
    if (!claim) throw new HamishError('not_found', `claim: no span ${claimId}`);
    if (claim.label !== 'claim') throw new HamishError('invalid_input', `claim: span ${claimId} is ${withArticle(claim.label)}, not a claim`);
    // Another annotator's layer is theirs: it can be read, not changed.
    if (claim.annotator_id !== layerId) throw new HamishError('invalid_input', `claim: span ${claimId} belongs to another annotator`);
    return claim;
  }
}

/** Each role's spans numbered from 1, in the order given. */
export function numbered(roles: readonly { role: Role; span: number }[]): Card['roles'] {
  const seen = new Map<Role, number>();
  return roles.map(({ role, span }) => {
    const order = (seen.get(role) ?? 0) + 1;
    seen.set(role, order);
    return { role, span, order };
  });
}

/** The edits the contract offers, on the card as shown. */
export const edits = {
  stance: (stance: Stance): Edit => (card) => ({ stance, roles: card.roles }),

  /** Puts the claim in a cluster, or (null) out of it. */
  cluster: (cluster: string | null): Edit => (card) => ({ stance: card.stance, roles: card.roles, cluster }),

  /** Adds the span to the role (at `order` in it, from 1; default last); linked already, nothing changes. */
  link: (role: Role, spanId: number, order?: number): Edit => (card) => {
    const list = inRole(card, role);
    if (list.includes(spanId)) return card;
    const at = order === undefined ? list.length : order - 1;
    if (at > list.length) throw new HamishError('invalid_input', `order: the ${role} role has ${list.length} spans; ${order} is past its end`);
    list.splice(at, 0, spanId);
    return withRole(card, role, list);
  },

  unlink: (role: Role, spanId: number): Edit => (card) => {
    const list = inRole(card, role);
    if (!list.includes(spanId)) throw new HamishError('invalid_input', `span: span ${spanId} is not in the ${role} role of this card`);
    return withRole(card, role, list.filter((id) => id !== spanId));
  },

  reorderVia: (spanIds: readonly number[]): Edit => (card) => {
    const list = inRole(card, 'via');
    const same = spanIds.length === list.length && spanIds.every((id) => list.includes(id));
    if (!same) {
      throw new HamishError('invalid_input', `spans: name every span of the via chain once (it holds ${list.join(', ') || 'none'})`);
    }
    return withRole(card, 'via', [...spanIds]);
  },
};

function inRole(card: StoredCard, role: Role): number[] {
  return card.roles
    .filter((r) => r.role === role)
    .sort((a, b) => a.position - b.position)
    .map((r) => r.span_id);
}

function withRole(card: StoredCard, role: Role, spanIds: readonly number[]): Omit<StoredCard, 'id' | 'claim_id'> {
  const others = card.roles.filter((r) => r.role !== role);
  const mine = spanIds.map((span_id, position) => ({ role, span_id, position }));
  const roles = [...others, ...mine].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.position - b.position);
  return { stance: card.stance, roles };
}
