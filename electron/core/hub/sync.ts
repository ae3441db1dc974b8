/**
 * One sync of a library with a hub: pull what colleagues changed since the last pull (documents,
 * their layers, gold, decisions), then push what changed in one's own layer since the last push
 * (a lead's gold and decisions too).
 *
 * Nothing is lost when a sync dies at any moment. A pull is read in one snapshot of the hub and
 * applied in one SQLite transaction together with its mark (the hub's highest version seen), so
 * it is in whole or not at all. A push is one PostgreSQL transaction; afterwards the library
 * notes what it sent. Dying in between only means the next sync sends the same rows again, which
 * the hub takes as no change (an upsert that changes nothing). Each layer has one writer, so two
 * syncs never fight over a row.
 */
import type pg from 'pg';
import { GOLD } from '../../contract/annotators.ts';
import type { Role, Stance } from '../../contract/claims.ts';
import type { Label } from '../../contract/labels.ts';
import { FITS, ROLE_ORDER } from '../claims/cards.ts';
import type { StoredSpan } from '../annotations.ts';
import { Annotators } from '../annotators.ts';
import type { Db } from '../database.ts';
import { Documents } from '../documents.ts';
import { History } from '../history.ts';
import { Decisions, verdictWith, type Verdict } from '../review/decisions.ts';
import { versionKey } from '../review/units.ts';
import type { Range } from '../scope/ranges.ts';
import { Scopes } from '../scope/scopes.ts';
import { HamishError } from '../../contract/errors.ts';
import { connectHub, type HubUrl } from '../../hub/connect.ts';
import { memberOf, type MemberKind } from '../../hub/members.ts';
import { checkHubVersion } from '../../hub/schema.ts';

export interface SyncReport {
  readonly pulled: { readonly documents: number; readonly spans: number; readonly decisions: number; readonly cards: number; readonly scopes: number };
  readonly pushed: { readonly spans: number; readonly deleted: number; readonly statuses: number; readonly decisions: number; readonly cards: number; readonly scopes: number };
  /** Hub documents whose id this library holds with another text: left out, each with why. */
  readonly conflicts: readonly string[];
  /** Own spans on documents the hub does not have: they stay in the library. */
  readonly waiting: number;
}

export interface Member {
  readonly name: string;
  readonly kind: MemberKind;
}

interface HubDocument {
  id: string;
  title: string;
  source: string | null;
  text: string;
  meta: Record<string, unknown>;
}

/** A row of a layer part on the hub: its writer's, keyed by its id in the writer's library. */
interface HubRow {
  author: string;
  key: number;
  document_id: string;
  label: Label;
  start: number;
  end: number;
}

interface HubSpan extends HubRow {
  layer: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted: boolean;
}

interface HubDecision extends HubRow {
  verdict: Verdict;
  gold_author: string | null;
  gold_key: number | null;
  reviewer: string;
  at: string;
  in_effect: boolean;
  /** Where the hub placed it: two leads' decisions on one version are taken in this order. */
  version: number;
}

/** A claim card on the hub; its claim and role fillers named as spans are keyed there. */
interface HubCard {
  layer: string;
  author: string;
  claim_key: number;
  stance: Stance;
  roles: { role: Role; author: string; key: number; position: number }[];
  cluster: string | null;
  deleted: boolean;
}

/** A layer's scope of a document on the hub (out and rejected: lists of [start, end]). */
interface HubScope {
  layer: string;
  author: string;
  document_id: string;
  out: unknown;
  rejected: unknown;
}

interface Pulled {
  readonly documents: HubDocument[];
  readonly spans: HubSpan[];
  readonly decisions: HubDecision[];
  readonly cards: HubCard[];
  readonly scopes: HubScope[];
  readonly through: number;
}

/** Rows per statement on the way up: arrays bound as parameters, not one statement per row. */
const BATCH = 5000;

/** Where a library synced: the hub's id and who it knows the library's annotator as. */
export interface SyncedAs {
  readonly hubId: string;
  readonly member: Member;
}

/**
 * A whole sync as `annotator`, who must be the hub's role of the URL: connects, checks the hub
 * and the member, syncs, disconnects. The CLI's `hamish sync` and the app's Sync both go here.
 */
export async function syncAs(db: Db, hub: HubUrl, annotator: string): Promise<SyncReport & SyncedAs> {
  const client = await connectHub(hub);
  try {
    await checkHubVersion(client, hub.shown);
    const member = await memberOf(client, hub.shown);
    if (annotator !== member.name) {
      throw new HamishError('invalid_input', `sync: the hub knows you as "${member.name}" but this library annotates as "${annotator}" (--annotator ${member.name})`);
    }
    return { ...(await syncLibrary(db, client, member)), member, hubId: await hubIdOf(client) };
  } finally {
    await client.end().catch(() => {});
  }
}

const hubIdOf = async (client: pg.Client) => (await client.query<{ id: string }>('SELECT id FROM hamish.hub')).rows[0]!.id;

/** How many of this library's changes the hub has not got yet (as the next push would send them). */
export function changesWaiting(db: Db, { hubId, member }: SyncedAs): number {
  const local = new LocalSide(db, hubId, member);
  const { spans, deleted, statuses, decisions } = local.changes();
  return spans.length + deleted.length + statuses.length + (member.kind === 'lead' ? decisions.length : 0) + local.changedCards().length + local.changedScopes().length;
}

export async function syncLibrary(db: Db, client: pg.Client, member: Member): Promise<SyncReport> {
  const local = new LocalSide(db, await hubIdOf(client), member);
  const pulled = await pull(client, member, local);
  const { conflicts, counts } = local.apply(pulled);
  const pushed = await push(client, member, local);
  return { pulled: counts, pushed, conflicts, waiting: local.waiting() };
}

async function pull(client: pg.Client, member: Member, local: LocalSide): Promise<Pulled> {
  const known = local.knownDocuments();
  const since = local.pulledThrough();
  // One snapshot: the mark read with the rows is exactly what they hold.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // A lead sees the whole corpus; an analyst their queue (and keeps what they had).
    const documents = (
      await client.query<HubDocument>(
        `SELECT id, title, source, text, meta FROM hamish.documents d
         WHERE NOT (id = ANY($1::text[]))
           AND ($2 OR EXISTS (SELECT 1 FROM hamish.assignments a WHERE a.document_id = d.id AND a.analyst = current_user))
         ORDER BY id`,
        [known, member.kind === 'lead'],
      )
    ).rows;
    const fresh = documents.map((d) => d.id);
    // What changed on the documents this library has, and everything on those it has not had.
    const changed = `author <> current_user AND ((version > $1 AND document_id = ANY($2::text[])) OR document_id = ANY($3::text[]))`;
    const spans = (
      await client.query<HubSpan>(
        `SELECT layer, author, key::float8 AS key, document_id, label, start, "end", note, created_at, updated_at, deleted
         FROM hamish.spans WHERE ${changed} ORDER BY version`,
        [since, known, fresh],
      )
    ).rows;
    const decisions = (
      await client.query<HubDecision>(
        `SELECT author, key::float8 AS key, document_id, label, start, "end", verdict, gold_author, gold_key::float8 AS gold_key, reviewer, at, in_effect, version::float8 AS version
         FROM hamish.decisions WHERE ${changed} ORDER BY version`,
        [since, known, fresh],
      )
    ).rows;
    const cards = (
      await client.query<HubCard>(
        `SELECT layer, author, claim_key::float8 AS claim_key, stance, roles, cluster, deleted FROM hamish.cards WHERE ${changed} ORDER BY version`,
        [since, known, fresh],
      )
    ).rows;
    const scopes = (
      await client.query<HubScope>(`SELECT layer, author, document_id, out, rejected FROM hamish.scopes WHERE ${changed} ORDER BY version`, [since, known, fresh])
    ).rows;
    const through = (
      await client.query<{ through: string }>(
        `SELECT greatest(
           (SELECT max(version) FROM hamish.documents), (SELECT max(version) FROM hamish.spans),
           (SELECT max(version) FROM hamish.decisions), (SELECT max(version) FROM hamish.statuses),
           (SELECT max(version) FROM hamish.assignments), (SELECT max(version) FROM hamish.cards), (SELECT max(version) FROM hamish.scopes), 0) AS through`,
      )
    ).rows[0]!.through;
    await client.query('COMMIT');
    return { documents, spans, decisions, cards, scopes, through: Number(through) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function push(client: pg.Client, member: Member, local: LocalSide): Promise<SyncReport['pushed']> {
  const changes = local.changes();
  const cards = local.changedCards();
  const scopes = local.changedScopes();
  // Only leads write decisions: an analyst's review stays in their library.
  const decisions = member.kind === 'lead' ? changes.decisions : [];
  let ordered: { key: number; version: number }[] = [];
  await client.query('BEGIN');
  try {
    for (let i = 0; i < changes.spans.length; i += BATCH) {
      const rows = changes.spans.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO hamish.spans AS s (layer, key, document_id, label, start, "end", note, created_at, updated_at)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[])
         ON CONFLICT (layer, author, key) DO UPDATE SET
           document_id = EXCLUDED.document_id, label = EXCLUDED.label, start = EXCLUDED.start, "end" = EXCLUDED."end",
           note = EXCLUDED.note, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, deleted = false
         WHERE (s.label, s.start, s."end", s.note, s.updated_at, s.deleted)
           IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.start, EXCLUDED."end", EXCLUDED.note, EXCLUDED.updated_at, false)`,
        columns(rows, ['layer', 'id', 'documentId', 'label', 'start', 'end', 'note', 'createdAt', 'updatedAt']),
      );
    }
    for (let i = 0; i < changes.deleted.length; i += BATCH) {
      const rows = changes.deleted.slice(i, i + BATCH);
      await client.query(
        `UPDATE hamish.spans s SET deleted = true FROM unnest($1::text[], $2::bigint[]) AS gone (layer, key)
         WHERE s.layer = gone.layer AND s.author = current_user AND s.key = gone.key AND NOT s.deleted`,
        columns(rows, ['layer', 'spanId']),
      );
    }
    if (changes.statuses.length > 0) {
      await client.query(
        `INSERT INTO hamish.statuses AS t (document_id, status) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (layer, document_id) DO UPDATE SET status = EXCLUDED.status WHERE t.status IS DISTINCT FROM EXCLUDED.status`,
        columns(changes.statuses, ['hubId', 'status']),
      );
    }
    if (decisions.length > 0) {
      await client.query(
        `INSERT INTO hamish.decisions AS t (key, document_id, label, start, "end", verdict, gold_author, gold_key, reviewer, at, in_effect)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::boolean[])
         ON CONFLICT (author, key) DO UPDATE SET in_effect = EXCLUDED.in_effect WHERE t.in_effect IS DISTINCT FROM EXCLUDED.in_effect`,
        columns(decisions, ['id', 'documentId', 'label', 'start', 'end', 'verdict', 'goldAuthor', 'goldKey', 'reviewer', 'at', 'inEffect']),
      );
      // Read back, not RETURNING: a row the hub had already (a push that died before the library
      // noted it) returns nothing from the upsert, and its place must still come home.
      ({ rows: ordered } = await client.query<{ key: number; version: number }>(
        `SELECT key::float8 AS key, version::float8 AS version FROM hamish.decisions WHERE author = current_user AND key = ANY($1::bigint[])`,
        [decisions.map((d) => d.id)],
      ));
    }
    if (cards.length > 0) {
      // A card gone (or its claim) is a tombstone, as a deleted span is.
      await client.query(
        `INSERT INTO hamish.cards AS t (layer, claim_key, document_id, stance, roles, cluster, deleted)
         SELECT layer, key, document_id, stance, roles::jsonb, cluster, deleted
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[]) AS x (layer, key, document_id, stance, roles, cluster, deleted)
         ON CONFLICT (layer, author, claim_key) DO UPDATE SET stance = EXCLUDED.stance, roles = EXCLUDED.roles, cluster = EXCLUDED.cluster, deleted = EXCLUDED.deleted
         WHERE (t.stance, t.roles, t.cluster, t.deleted) IS DISTINCT FROM (EXCLUDED.stance, EXCLUDED.roles, EXCLUDED.cluster, EXCLUDED.deleted)`,
        [
          cards.map((c) => c.layer),
          cards.map((c) => c.claimId),
          cards.map((c) => c.documentId),
          cards.map((c) => (c.card === null ? 'asserted' : (JSON.parse(c.card) as { stance: string }).stance)),
          cards.map((c) => (c.card === null ? '[]' : JSON.stringify((JSON.parse(c.card) as { roles: unknown }).roles))),
          cards.map((c) => (c.card === null ? null : (JSON.parse(c.card) as { cluster: string | null }).cluster)),
          cards.map((c) => c.card === null),
        ],
      );
    }
    if (scopes.length > 0) {
      await client.query(
        `INSERT INTO hamish.scopes AS t (layer, document_id, out, rejected)
         SELECT layer, document_id, out::jsonb, rejected::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x (layer, document_id, out, rejected)
         ON CONFLICT (layer, author, document_id) DO UPDATE SET out = EXCLUDED.out, rejected = EXCLUDED.rejected
         WHERE (t.out, t.rejected) IS DISTINCT FROM (EXCLUDED.out, EXCLUDED.rejected)`,
        columns(scopes, ['layer', 'documentId', 'out', 'rejected']),
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  local.pushed({ ...changes, decisions }, ordered, cards, scopes);
  return {
    spans: changes.spans.length,
    deleted: changes.deleted.length,
    statuses: changes.statuses.length,
    decisions: decisions.length,
    cards: cards.length,
    scopes: scopes.length,
  };
}

/** Rows as one array per column, the form `unnest` takes. */
function columns<T extends object>(rows: readonly T[], keys: readonly (keyof T)[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key] ?? null));
}

interface OwnSpan {
  id: number;
  layer: string;
  documentId: string;
  label: Label;
  start: number;
  end: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

interface OwnDecision {
  id: number;
  documentId: string;
  label: Label;
  start: number;
  end: number;
  verdict: Verdict;
  goldAuthor: string | null;
  goldKey: number | null;
  reviewer: string;
  at: string;
  inEffect: number;
}

/** An own card as the hub should have it (null: gone), and what it was sent as before. */
interface OwnCard {
  claimId: number;
  layer: string;
  documentId: string;
  /** JSON {stance, roles, cluster}, as sent; null: the card (or its claim) is gone. */
  card: string | null;
}

/** An own layer's scope of a document as the hub should have it (a row undone away: nothing out). */
interface OwnScope {
  scopeId: number;
  layer: string;
  documentId: string;
  out: string;
  rejected: string;
}

interface Changes {
  readonly spans: OwnSpan[];
  readonly deleted: { spanId: number; layer: string }[];
  readonly statuses: { hubId: string; documentId: string; status: string }[];
  readonly decisions: OwnDecision[];
}

/** The library's side: what it has pulled and pushed, and the statements that read and write it. */
class LocalSide {
  private readonly s;
  private readonly documents: Documents;
  private readonly annotators: Annotators;
  private readonly history: History;
  private readonly decisions: Decisions;
  private readonly scopes: Scopes;
  /** The layers this member writes on the hub. */
  private readonly layers: string;

  private readonly db: Db;
  private readonly hub: string;
  private readonly member: Member;

  constructor(db: Db, hub: string, member: Member) {
    this.db = db;
    this.hub = hub;
    this.member = member;
    this.documents = new Documents(db);
    this.annotators = new Annotators(db);
    this.history = new History(db);
    this.decisions = new Decisions(db);
    this.scopes = new Scopes(db);
    this.layers = JSON.stringify(member.kind === 'lead' ? [member.name, GOLD] : [member.name]);
    const own = `n.name IN (SELECT value FROM json_each(@layers))
      AND NOT EXISTS (SELECT 1 FROM hub_pulled_spans l WHERE l.hub = @hub AND l.span_id = a.id)`;
    this.s = {
      known: db.prepare<[string], string>('SELECT hub_id FROM hub_documents WHERE hub = ?').pluck(),
      through: db.prepare<[string], number>('SELECT pulled_through FROM hub_state WHERE hub = ?').pluck(),
      setThrough: db.prepare<[string, number]>(
        'INSERT INTO hub_state (hub, pulled_through) VALUES (?, ?) ON CONFLICT (hub) DO UPDATE SET pulled_through = excluded.pulled_through',
      ),
      mapDocument: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO hub_documents (hub, hub_id, document_id) VALUES (?, ?, ?)'),
      localDocument: db.prepare<[string, string], { id: string; length: number }>(
        'SELECT d.id, d.length FROM hub_documents hd JOIN documents d ON d.id = hd.document_id WHERE hd.hub = ? AND hd.hub_id = ?',
      ),
      pulledSpan: db.prepare<[string, string, string, number], number>(
        'SELECT span_id FROM hub_pulled_spans WHERE hub = ? AND layer = ? AND author = ? AND key = ?',
      ).pluck(),
      linkSpan: db.prepare<[string, string, string, number, number]>(
        'INSERT OR REPLACE INTO hub_pulled_spans (hub, layer, author, key, span_id) VALUES (?, ?, ?, ?, ?)',
      ),
      holders: db.prepare<[string, number], number>('SELECT count(*) FROM hub_pulled_spans WHERE hub = ? AND span_id = ?').pluck(),
      unlinkSpan: db.prepare<[string, string, string, number]>('DELETE FROM hub_pulled_spans WHERE hub = ? AND layer = ? AND author = ? AND key = ?'),
      deleteSpan: db.prepare<[number]>('DELETE FROM annotations WHERE id = ?'),
      goldSpan: db.prepare<[number, number], StoredSpan>('SELECT * FROM annotations WHERE id = ? AND annotator_id = ?'),
      insertSpan: db.prepare<[Record<string, unknown>], number>(`
        INSERT INTO annotations (id, document_id, annotator_id, label, start, "end", note, created_at, updated_at)
        VALUES (@id, @documentId, @annotatorId, @label, @start, @end, @note, @createdAt, @updatedAt)
        ON CONFLICT DO NOTHING RETURNING id`).pluck(),
      sameSpan: db.prepare<[Record<string, unknown>], number>(`
        SELECT id FROM annotations WHERE document_id = @documentId AND annotator_id = @annotatorId
          AND label = @label AND start = @start AND "end" = @end`).pluck(),
      pulledDecision: db.prepare<[string, string, number], number>(
        'SELECT decision_id FROM hub_pulled_decisions WHERE hub = ? AND author = ? AND key = ?',
      ).pluck(),
      linkDecision: db.prepare<[string, string, number, number]>(
        'INSERT OR REPLACE INTO hub_pulled_decisions (hub, author, key, decision_id) VALUES (?, ?, ?, ?)',
      ),
      unlinkDecision: db.prepare<[string, string, number]>('DELETE FROM hub_pulled_decisions WHERE hub = ? AND author = ? AND key = ?'),
      // Out of effect as undo leaves a decision, but for good: a redo cannot bring it back.
      dropDecision: db.prepare<[number]>(`UPDATE history SET state = 'dropped' WHERE decision_id = ?`),
      orderDecision: db.prepare<[number, number]>('UPDATE decisions SET hub_order = ? WHERE id = ?'),
      changedSpans: db.prepare<[{ hub: string; layers: string }], OwnSpan>(`
        SELECT a.id, n.name AS layer, hd.hub_id AS documentId, a.label, a.start, a."end" AS "end", a.note,
               a.created_at AS createdAt, a.updated_at AS updatedAt
        FROM annotations a JOIN annotators n ON n.id = a.annotator_id
        JOIN hub_documents hd ON hd.hub = @hub AND hd.document_id = a.document_id
        LEFT JOIN hub_pushed_spans p ON p.hub = @hub AND p.span_id = a.id
        WHERE ${own}
          AND (p.span_id IS NULL OR p.layer IS NOT n.name OR p.label IS NOT a.label OR p.start IS NOT a.start
               OR p."end" IS NOT a."end" OR p.note IS NOT a.note)
        ORDER BY a.id`),
      deletedSpans: db.prepare<[string], { spanId: number; layer: string }>(`
        SELECT p.span_id AS spanId, p.layer FROM hub_pushed_spans p
        WHERE p.hub = ? AND NOT EXISTS (
          SELECT 1 FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE a.id = p.span_id AND n.name = p.layer)`),
      waiting: db.prepare<[{ hub: string; layers: string }], number>(`
        SELECT count(*) FROM annotations a JOIN annotators n ON n.id = a.annotator_id
        WHERE ${own} AND NOT EXISTS (SELECT 1 FROM hub_documents hd WHERE hd.hub = @hub AND hd.document_id = a.document_id)`).pluck(),
      // Status is each annotator's own: the member's (no row: new).
      changedStatuses: db.prepare<[{ hub: string; me: string }], { hubId: string; documentId: string; status: string }>(`
        SELECT hubId, documentId, status FROM (
          SELECT hd.hub_id AS hubId, hd.document_id AS documentId, ps.status AS pushed,
                 coalesce((SELECT s.status FROM document_status s JOIN annotators n ON n.id = s.annotator_id
                           WHERE s.document_id = hd.document_id AND n.name = @me), 'new') AS status
          FROM hub_documents hd LEFT JOIN hub_pushed_statuses ps ON ps.hub = hd.hub AND ps.document_id = hd.document_id
          WHERE hd.hub = @hub)
        WHERE pushed IS NOT status AND (pushed IS NOT NULL OR status <> 'new')`),
      changedDecisions: db.prepare<[{ hub: string; me: string }], OwnDecision>(`
        SELECT id, documentId, label, start, "end", verdict, goldAuthor, goldKey, reviewer, at, inEffect FROM (
          SELECT d.id, hd.hub_id AS documentId, d.label, d.start, d."end" AS "end", d.verdict,
                 CASE WHEN d.gold_span_id IS NULL THEN NULL ELSE coalesce(g.author, @me) END AS goldAuthor,
                 coalesce(g.key, d.gold_span_id) AS goldKey, n.name AS reviewer, d.at,
                 EXISTS (SELECT 1 FROM history h WHERE h.decision_id = d.id AND h.state = 'done') AS inEffect,
                 p.in_effect AS pushedInEffect
          FROM decisions d JOIN annotators n ON n.id = d.reviewer_id
          JOIN hub_documents hd ON hd.hub = @hub AND hd.document_id = d.document_id
          LEFT JOIN hub_pushed_decisions p ON p.hub = @hub AND p.decision_id = d.id
          LEFT JOIN hub_pulled_spans g ON g.hub = @hub AND g.layer = '${GOLD}' AND g.span_id = d.gold_span_id
          WHERE NOT EXISTS (SELECT 1 FROM hub_pulled_decisions l WHERE l.hub = @hub AND l.decision_id = d.id)
            -- The hub's schema has span decisions only: card decisions stay in the library.
            AND NOT EXISTS (SELECT 1 FROM card_decisions c WHERE c.decision_id = d.id))
        WHERE pushedInEffect IS NOT inEffect AND (pushedInEffect IS NOT NULL OR inEffect)
        ORDER BY id`),
      // Own cards whose claim is on the hub, as the app shows them (roles that still fit), unlike what was sent.
      changedCards: db.prepare<[{ hub: string; layers: string; me: string }], OwnCard>(`
        SELECT claimId, layer, documentId, card FROM (
          SELECT c.claim_id AS claimId, n.name AS layer, hd.hub_id AS documentId,
                 json_object('stance', c.stance, 'cluster', c.cluster, 'roles', json((
                   SELECT json_group_array(json_object('role', role, 'author', author, 'key', key, 'position', position)) FROM (
                     SELECT r.role, coalesce(g.author, @me) AS author, coalesce(g.key, r.span_id) AS key, r.position
                     FROM card_roles r JOIN annotations s ON s.id = r.span_id
                     LEFT JOIN hub_pulled_spans g ON g.hub = @hub AND g.layer = n.name AND g.span_id = r.span_id
                     WHERE r.card_id = c.id AND ${FITS}
                     ORDER BY ${ROLE_ORDER}, r.position, r.span_id)))) AS card,
                 p.card AS sent
          FROM cards c JOIN annotations c_span ON c_span.id = c.claim_id AND c_span.label = 'claim'
          JOIN annotators n ON n.id = c_span.annotator_id
          JOIN hub_documents hd ON hd.hub = @hub AND hd.document_id = c_span.document_id
          LEFT JOIN hub_pushed_cards p ON p.hub = @hub AND p.claim_id = c.claim_id
          WHERE n.name IN (SELECT value FROM json_each(@layers))
            AND NOT EXISTS (SELECT 1 FROM hub_pulled_spans l WHERE l.hub = @hub AND l.span_id = c.claim_id))
        WHERE sent IS NOT card
        UNION ALL
        SELECT p.claim_id, p.layer, p.hub_document, NULL FROM hub_pushed_cards p
        WHERE p.hub = @hub AND NOT EXISTS (
          SELECT 1 FROM cards c JOIN annotations s ON s.id = c.claim_id JOIN annotators n ON n.id = s.annotator_id
          WHERE c.claim_id = p.claim_id AND s.label = 'claim' AND n.name = p.layer)`),
      notePushedCard: db.prepare<[string, number, string, string, string]>(
        'INSERT OR REPLACE INTO hub_pushed_cards (hub, claim_id, layer, hub_document, card) VALUES (?, ?, ?, ?, ?)',
      ),
      forgetPushedCard: db.prepare<[string, number]>('DELETE FROM hub_pushed_cards WHERE hub = ? AND claim_id = ?'),
      dropCard: db.prepare<[number]>('DELETE FROM cards WHERE claim_id = ?'),
      insertCard: db.prepare<[number, string, string | null], number>('INSERT INTO cards (claim_id, stance, cluster) VALUES (?, ?, ?) RETURNING id').pluck(),
      // Own layers' scopes of hub documents unlike what was sent, and those sent whose row is gone.
      changedScopes: db.prepare<[{ hub: string; layers: string }], OwnScope>(`
        SELECT s.id AS scopeId, n.name AS layer, hd.hub_id AS documentId, s.out, s.rejected
        FROM scopes s JOIN annotators n ON n.id = s.annotator_id
        JOIN hub_documents hd ON hd.hub = @hub AND hd.document_id = s.document_id
        LEFT JOIN hub_pushed_scopes p ON p.hub = @hub AND p.scope_id = s.id
        WHERE n.name IN (SELECT value FROM json_each(@layers)) AND (p.out IS NOT s.out OR p.rejected IS NOT s.rejected)
        UNION ALL
        SELECT p.scope_id, p.layer, p.hub_document, '[]', '[]' FROM hub_pushed_scopes p
        WHERE p.hub = @hub AND NOT EXISTS (SELECT 1 FROM scopes s WHERE s.id = p.scope_id) AND (p.out <> '[]' OR p.rejected <> '[]')`),
      notePushedScope: db.prepare<[{ hub: string } & OwnScope]>(`
        INSERT OR REPLACE INTO hub_pushed_scopes (hub, scope_id, layer, hub_document, out, rejected)
        VALUES (@hub, @scopeId, @layer, @documentId, @out, @rejected)`),
      insertRole: db.prepare<[number, string, number, number]>('INSERT OR IGNORE INTO card_roles (card_id, role, span_id, position) VALUES (?, ?, ?, ?)'),
      notePushedSpan: db.prepare<[Record<string, unknown>]>(`
        INSERT OR REPLACE INTO hub_pushed_spans (hub, span_id, layer, label, start, "end", note)
        VALUES (@hub, @id, @layer, @label, @start, @end, @note)`),
      forgetPushedSpan: db.prepare<[string, number]>('DELETE FROM hub_pushed_spans WHERE hub = ? AND span_id = ?'),
      notePushedStatus: db.prepare<[string, string, string]>('INSERT OR REPLACE INTO hub_pushed_statuses (hub, document_id, status) VALUES (?, ?, ?)'),
      notePushedDecision: db.prepare<[string, number, number]>('INSERT OR REPLACE INTO hub_pushed_decisions (hub, decision_id, in_effect) VALUES (?, ?, ?)'),
    };
  }

  knownDocuments(): string[] {
    return this.s.known.all(this.hub);
  }

  pulledThrough(): number {
    return this.s.through.get(this.hub) ?? 0;
  }

  waiting(): number {
    return this.s.waiting.get({ hub: this.hub, layers: this.layers })!;
  }

  /** Takes a pull in, whole, with its mark. */
  apply(pulled: Pulled): { conflicts: string[]; counts: SyncReport['pulled'] } {
    return this.db
      .transaction(() => {
        const conflicts: string[] = [];
        let documents = 0;
        for (const d of pulled.documents) {
          const outcome = this.documents.add({ name: d.id, libraryId: d.id, text: d.text, title: d.title, source: d.source, meta: d.meta });
          if (outcome.kind === 'conflict') {
            conflicts.push(`document "${d.id}": this library has another text under that id; the hub's is left out`);
            continue;
          }
          this.s.mapDocument.run(this.hub, d.id, outcome.id);
          documents++;
        }
        const spans = this.applySpans(pulled.spans);
        const decisions = this.applyDecisions(pulled.decisions);
        this.followWinners(new Set(pulled.decisions.flatMap((row) => this.s.localDocument.get(this.hub, row.document_id)?.id ?? [])));
        const cards = this.applyCards(pulled.cards);
        const scopes = this.applyScopes(pulled.scopes, conflicts);
        this.s.setThrough.run(this.hub, pulled.through);
        return { conflicts, counts: { documents, spans, decisions, cards, scopes } };
      })
      .immediate();
  }

  /**
   * Each changed row lets go of its local span, which goes once no row holds it; then the rows
   * not deleted come back as the hub has them (under the span's old id where it went): the rows
   * are one snapshot of each layer, so whatever order their writers changed them in, the end
   * state holds no two spans alike. Two hub rows alike (two leads giving gold the same span)
   * share one local span. A lead's own gold span is never taken for a colleague's row: it is
   * the lead's to push, and it must not go when the colleague deletes theirs.
   */
  private applySpans(rows: readonly HubSpan[]): number {
    const freed = new Map<HubSpan, number | undefined>();
    for (const row of rows) {
      if (row.layer === this.member.name) continue;
      const linked = this.s.pulledSpan.get(this.hub, row.layer, row.author, row.key);
      if (linked !== undefined) {
        this.s.unlinkSpan.run(this.hub, row.layer, row.author, row.key);
        if (this.s.holders.get(this.hub, linked) === 0) this.s.deleteSpan.run(linked);
        else {
          freed.set(row, undefined);
          continue;
        }
      }
      freed.set(row, linked);
    }
    let applied = 0;
    for (const [row, id] of freed) {
      applied++;
      const document = this.s.localDocument.get(this.hub, row.document_id);
      if (row.deleted || !document || row.end > document.length) continue;
      const span = {
        id: id ?? null,
        documentId: document.id,
        annotatorId: this.annotators.idOf(row.layer),
        label: row.label,
        start: row.start,
        end: row.end,
        note: row.note,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      let stored = this.s.insertSpan.get(span);
      if (stored === undefined) {
        // The same span already in that layer: another hub row's, or one a file brought.
        stored = this.s.sameSpan.get(span)!;
        const ownGold = this.member.kind === 'lead' && row.layer === GOLD && this.s.holders.get(this.hub, stored) === 0;
        if (ownGold) continue;
      }
      this.s.linkSpan.run(this.hub, row.layer, row.author, row.key, stored);
    }
    return applied;
  }

  /** A colleague's card replaces what the library had of it, on the local spans its keys became. */
  private applyCards(rows: readonly HubCard[]): number {
    let applied = 0;
    for (const row of rows) {
      if (row.layer === this.member.name || (row.layer === GOLD && row.author === this.member.name)) continue;
      const claim = this.s.pulledSpan.get(this.hub, row.layer, row.author, row.claim_key);
      if (claim === undefined) continue;
      this.s.dropCard.run(claim);
      applied++;
      if (row.deleted) continue;
      const card = this.s.insertCard.get(claim, row.stance, row.cluster)!;
      for (const role of row.roles) {
        const span = role.author === this.member.name ? role.key : this.s.pulledSpan.get(this.hub, row.layer, role.author, role.key);
        if (span !== undefined) this.s.insertRole.run(card, role.role, span, role.position);
      }
    }
    return applied;
  }

  /**
   * A colleague's scope replaces the library's row of that layer, outside its history, as pulled
   * spans are. Gold another lead wrote is noted as sent, so that it does not go back up as ours.
   */
  private applyScopes(rows: readonly HubScope[], conflicts: string[]): number {
    let applied = 0;
    for (const row of rows) {
      if (row.author === this.member.name) continue;
      const document = this.s.localDocument.get(this.hub, row.document_id);
      if (!document) continue;
      // Written in SQL by hand, a row could hold anything: the library keeps its own row then.
      const fits = (ranges: unknown): ranges is Range[] =>
        Array.isArray(ranges) &&
        ranges.every((r) => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && 0 <= r[0] && r[0] < r[1] && r[1] <= document.length);
      if (!fits(row.out) || !fits(row.rejected)) {
        conflicts.push(`scope of layer "${row.layer}" on document "${row.document_id}": not a list of [start, end] ranges within the text; left out`);
        continue;
      }
      const scope = { out: row.out, rejected: row.rejected };
      const { after } = this.scopes.change(document.id, this.annotators.idOf(row.layer), scope);
      if (row.layer === GOLD && this.member.kind === 'lead') {
        this.s.notePushedScope.run({ hub: this.hub, scopeId: after.id, layer: row.layer, documentId: row.document_id, out: after.out, rejected: after.rejected });
      }
      applied++;
    }
    return applied;
  }

  /**
   * Gold follows the decision that wins each version (the last the hub ordered): a rejection that
   * overrides a lead's acceptance takes that acceptance's gold span out. The accepting lead's
   * library does it, as a step of gold's history (seen, undoable), and the push sends the removal
   * as any gold change; every other library then pulls it as it pulls any span. Only the span's
   * writer removes it: a library taking out a colleague's span itself would keep it out even if
   * the rejection were taken back before the writer heard of it, apart from the hub for good.
   */
  private followWinners(documentIds: ReadonlySet<string>): void {
    const gold = this.annotators.idOf(GOLD);
    for (const documentId of documentIds) {
      const decisions = this.decisions.inEffect(documentId);
      // Oldest first: the last of each version wins.
      const winners = new Map(decisions.map((decision) => [versionKey(decision), decision]));
      for (const accepted of decisions) {
        const winner = winners.get(versionKey(accepted))!;
        if (accepted.verdict !== 'accept' || winner.verdict !== 'reject') continue;
        const span = this.s.goldSpan.get(accepted.goldSpanId, gold);
        if (span === undefined || this.s.holders.get(this.hub, span.id)! > 0) continue;
        this.s.deleteSpan.run(span.id);
        this.history.record('delete', span, null, { by: this.annotators.idOf(winner.reviewer) });
      }
    }
  }

  private applyDecisions(rows: readonly HubDecision[]): number {
    const gold = this.annotators.idOf(GOLD);
    let applied = 0;
    for (const row of rows) {
      const linked = this.s.pulledDecision.get(this.hub, row.author, row.key);
      if (linked !== undefined) {
        this.s.dropDecision.run(linked);
        this.s.unlinkDecision.run(this.hub, row.author, row.key);
      }
      const document = this.s.localDocument.get(this.hub, row.document_id);
      const goldSpanId =
        row.gold_key === null ? null : row.gold_author === this.member.name ? row.gold_key : this.s.pulledSpan.get(this.hub, GOLD, row.gold_author!, row.gold_key);
      // An acceptance whose gold span this library lacks waits for it (the next pull brings it).
      const verdict = verdictWith(row.verdict, goldSpanId);
      if (!row.in_effect || !document || verdict === null) {
        applied += linked === undefined ? 0 : 1;
        continue;
      }
      const reviewerId = this.annotators.idOf(row.reviewer);
      const id = this.decisions.add({ documentId: document.id, label: row.label, start: row.start, end: row.end, ...verdict, reviewerId, at: row.at });
      this.s.orderDecision.run(row.version, id);
      this.history.recordDecision(document.id, gold, { by: reviewerId, decision: id });
      this.s.linkDecision.run(this.hub, row.author, row.key, id);
      applied++;
    }
    return applied;
  }

  /** Own layers' scopes the hub has not got as they are now. */
  changedScopes(): OwnScope[] {
    return this.s.changedScopes.all({ hub: this.hub, layers: this.layers });
  }

  /** Own cards the hub has not got as they are now (their changes are not in changes(): they go in their own table). */
  changedCards(): OwnCard[] {
    return this.s.changedCards.all({ hub: this.hub, layers: this.layers, me: this.member.name });
  }

  /** What the hub has not got from this library yet. */
  changes(): Changes {
    return this.db
      .transaction(() => ({
        spans: this.s.changedSpans.all({ hub: this.hub, layers: this.layers }),
        deleted: this.s.deletedSpans.all(this.hub),
        statuses: this.s.changedStatuses.all({ hub: this.hub, me: this.member.name }),
        decisions: this.s.changedDecisions.all({ hub: this.hub, me: this.member.name }),
      }))
      .deferred();
  }

  /** Notes what the hub now has: the rows as they were sent, so a change made since still shows. */
  pushed(changes: Changes, ordered: readonly { key: number; version: number }[], cards: readonly OwnCard[], scopes: readonly OwnScope[]): void {
    this.db
      .transaction(() => {
        for (const span of changes.spans) this.s.notePushedSpan.run({ hub: this.hub, ...span });
        for (const { spanId } of changes.deleted) this.s.forgetPushedSpan.run(this.hub, spanId);
        for (const { documentId, status } of changes.statuses) this.s.notePushedStatus.run(this.hub, documentId, status);
        for (const { id, inEffect } of changes.decisions) this.s.notePushedDecision.run(this.hub, id, inEffect ? 1 : 0);
        for (const { key, version } of ordered) this.s.orderDecision.run(version, key);
        for (const { claimId, layer, documentId, card } of cards) {
          if (card === null) this.s.forgetPushedCard.run(this.hub, claimId);
          else this.s.notePushedCard.run(this.hub, claimId, layer, documentId, card);
        }
        for (const scope of scopes) this.s.notePushedScope.run({ hub: this.hub, ...scope });
      })
      .immediate();
  }
}
