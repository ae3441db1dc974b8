/**
 * The hub's schema in PostgreSQL, one step per version, as the library's migrations are: the hub
 * records each step it took in `hamish.migrations`, and `hamish hub init` takes the ones it has
 * not. Steps are never edited once released; claim cards (step 2), their clusters and article
 * scope (step 3) came as further steps, each layer part a table keyed like `spans` (layer, author,
 * key, version).
 *
 * Access is PostgreSQL's own. Every person is a login role, member of `hamish_analyst` or
 * `hamish_lead`, named as they annotate. Row-level security lets a role write only rows of its
 * own layer (leads: also gold) that it is the author of; everyone reads everything; only leads
 * write the corpus, the assignments and decisions. Nothing is ever deleted: a deleted span is a
 * tombstone, so a sync can always tell what went.
 *
 * Every write takes a version from one sequence under one transaction-level advisory lock (the
 * trigger below), so versions commit in the order they are given: a reader that has seen version
 * N has seen every committed version below it, and pulls "everything after N" next time.
 */
import type pg from 'pg';
import { HamishError } from '../contract/errors.ts';

export const HUB_SCHEMA = 'hamish';
export const ANALYST_GROUP = 'hamish_analyst';
export const LEAD_GROUP = 'hamish_lead';

/**
 * The row-level security of a layer part (spans, cards, scopes): everyone reads it; a person writes
 * only rows of their own layer that they author, and a lead gold's too.
 */
function layerPartPolicies(table: string): string {
  return `
  ALTER TABLE hamish.${table} ENABLE ROW LEVEL SECURITY;
  CREATE POLICY everyone_reads ON hamish.${table} FOR SELECT TO hamish_analyst, hamish_lead USING (true);
  CREATE POLICY own_layer_inserts ON hamish.${table} FOR INSERT TO hamish_analyst, hamish_lead
    WITH CHECK (layer = current_user AND author = current_user);
  CREATE POLICY own_layer_updates ON hamish.${table} FOR UPDATE TO hamish_analyst, hamish_lead
    USING (layer = current_user AND author = current_user) WITH CHECK (layer = current_user AND author = current_user);
  CREATE POLICY lead_gold_inserts ON hamish.${table} FOR INSERT TO hamish_lead
    WITH CHECK (layer = 'gold' AND author = current_user);
  CREATE POLICY lead_gold_updates ON hamish.${table} FOR UPDATE TO hamish_lead
    USING (layer = 'gold' AND author = current_user) WITH CHECK (layer = 'gold' AND author = current_user);`;
}

export const HUB_MIGRATIONS: readonly string[] = [
  /* 1 */ `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hamish_analyst') THEN CREATE ROLE hamish_analyst NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hamish_lead') THEN CREATE ROLE hamish_lead NOLOGIN; END IF;
  END $$;
  GRANT USAGE ON SCHEMA hamish TO hamish_analyst, hamish_lead;

  -- Which hub this is: a library keeps what it pushed to and pulled from each hub apart.
  CREATE TABLE hamish.hub (id text PRIMARY KEY DEFAULT gen_random_uuid()::text, created_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO hamish.hub DEFAULT VALUES;

  CREATE TABLE hamish.members (
    name       text PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('analyst', 'lead')),
    created_at timestamptz NOT NULL DEFAULT now()
  );

  CREATE SEQUENCE hamish.versions;
  CREATE FUNCTION hamish.stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('hamish.versions'));
    NEW.version := nextval('hamish.versions');
    RETURN NEW;
  END $f$;

  CREATE TABLE hamish.documents (
    id          text PRIMARY KEY,
    title       text NOT NULL,
    source      text,
    text        text NOT NULL,
    text_sha256 text NOT NULL UNIQUE,
    meta        jsonb NOT NULL DEFAULT '{}',
    imported_by text NOT NULL DEFAULT current_user,
    imported_at timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL
  );
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.documents FOR EACH ROW EXECUTE FUNCTION hamish.stamp();
  -- Spans are offsets into the text: it never changes, here as in the library.
  CREATE FUNCTION hamish.text_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $f$
  BEGIN
    IF NEW.text IS DISTINCT FROM OLD.text OR NEW.text_sha256 IS DISTINCT FROM OLD.text_sha256 THEN
      RAISE EXCEPTION 'a document''s text is immutable';
    END IF;
    RETURN NEW;
  END $f$;
  CREATE TRIGGER text_is_immutable BEFORE UPDATE ON hamish.documents FOR EACH ROW EXECUTE FUNCTION hamish.text_is_immutable();

  -- Each layer's spans as its writer's library holds them: key is the span's id there.
  CREATE TABLE hamish.spans (
    layer       text NOT NULL,
    author      text NOT NULL DEFAULT current_user,
    key         bigint NOT NULL,
    document_id text NOT NULL REFERENCES hamish.documents (id),
    label       text NOT NULL CHECK (label IN ('claim', 'actor', 'location', 'date')),
    start       integer NOT NULL CHECK (start >= 0),
    "end"       integer NOT NULL CHECK ("end" > start),
    note        text,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    deleted     boolean NOT NULL DEFAULT false,
    version     bigint NOT NULL,
    PRIMARY KEY (layer, author, key)
  );
  CREATE INDEX spans_by_version ON hamish.spans (version);
  CREATE INDEX spans_by_document ON hamish.spans (document_id);
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.spans FOR EACH ROW EXECUTE FUNCTION hamish.stamp();

  -- Each analyst's progress through a document (new, in progress, done).
  CREATE TABLE hamish.statuses (
    layer       text NOT NULL DEFAULT current_user,
    document_id text NOT NULL REFERENCES hamish.documents (id),
    status      text NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    version     bigint NOT NULL,
    PRIMARY KEY (layer, document_id)
  );
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.statuses FOR EACH ROW EXECUTE FUNCTION hamish.stamp();

  -- Review decisions as the deciding lead's library holds them; in_effect false: taken back.
  CREATE TABLE hamish.decisions (
    author          text NOT NULL DEFAULT current_user,
    key             bigint NOT NULL,
    document_id     text NOT NULL REFERENCES hamish.documents (id),
    label           text NOT NULL CHECK (label IN ('claim', 'actor', 'location', 'date')),
    start           integer NOT NULL CHECK (start >= 0),
    "end"           integer NOT NULL CHECK ("end" > start),
    verdict         text NOT NULL CHECK (verdict IN ('accept', 'reject')),
    -- accept: the gold span it made, as spans (layer 'gold') key it
    gold_author     text,
    gold_key        bigint,
    reviewer        text NOT NULL,
    at              text NOT NULL,
    in_effect       boolean NOT NULL,
    version         bigint NOT NULL,
    PRIMARY KEY (author, key),
    CHECK ((verdict = 'accept') = (gold_key IS NOT NULL) AND (gold_key IS NULL) = (gold_author IS NULL))
  );
  CREATE INDEX decisions_by_version ON hamish.decisions (version);
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.decisions FOR EACH ROW EXECUTE FUNCTION hamish.stamp();

  -- Who annotates which document; removed rows stay, marked, so a sync sees the change.
  CREATE TABLE hamish.assignments (
    document_id text NOT NULL REFERENCES hamish.documents (id),
    analyst     text NOT NULL REFERENCES hamish.members (name),
    assigned_by text NOT NULL DEFAULT current_user,
    version     bigint NOT NULL,
    PRIMARY KEY (document_id, analyst)
  );
  CREATE INDEX assignments_by_analyst ON hamish.assignments (analyst);
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.assignments FOR EACH ROW EXECUTE FUNCTION hamish.stamp();

  GRANT SELECT ON ALL TABLES IN SCHEMA hamish TO hamish_analyst, hamish_lead;
  GRANT USAGE ON SEQUENCE hamish.versions TO hamish_analyst, hamish_lead;
  GRANT INSERT, UPDATE ON hamish.spans, hamish.statuses TO hamish_analyst, hamish_lead;
  GRANT INSERT, UPDATE ON hamish.documents, hamish.decisions, hamish.assignments TO hamish_lead;

  ${layerPartPolicies('spans')}
  ALTER TABLE hamish.statuses ENABLE ROW LEVEL SECURITY;
  ALTER TABLE hamish.decisions ENABLE ROW LEVEL SECURITY;
  CREATE POLICY everyone_reads ON hamish.statuses FOR SELECT TO hamish_analyst, hamish_lead USING (true);
  CREATE POLICY own_inserts ON hamish.statuses FOR INSERT TO hamish_analyst, hamish_lead WITH CHECK (layer = current_user);
  CREATE POLICY own_updates ON hamish.statuses FOR UPDATE TO hamish_analyst, hamish_lead
    USING (layer = current_user) WITH CHECK (layer = current_user);
  CREATE POLICY everyone_reads ON hamish.decisions FOR SELECT TO hamish_analyst, hamish_lead USING (true);
  CREATE POLICY own_inserts ON hamish.decisions FOR INSERT TO hamish_lead WITH CHECK (author = current_user);
  CREATE POLICY own_updates ON hamish.decisions FOR UPDATE TO hamish_lead
    USING (author = current_user) WITH CHECK (author = current_user);
  `,
  /* 2 */ `
  -- Claim cards, a layer part like spans: keyed by the claim span's key; roles name their spans
  -- as spans are keyed ([{role, author, key, position}]).
  CREATE TABLE hamish.cards (
    layer       text NOT NULL,
    author      text NOT NULL DEFAULT current_user,
    claim_key   bigint NOT NULL,
    document_id text NOT NULL REFERENCES hamish.documents (id),
    stance      text NOT NULL CHECK (stance IN ('asserted', 'denied', 'hedged')),
    roles       jsonb NOT NULL DEFAULT '[]',
    deleted     boolean NOT NULL DEFAULT false,
    version     bigint NOT NULL,
    PRIMARY KEY (layer, author, claim_key)
  );
  CREATE INDEX cards_by_version ON hamish.cards (version);
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.cards FOR EACH ROW EXECUTE FUNCTION hamish.stamp();
  GRANT SELECT, INSERT, UPDATE ON hamish.cards TO hamish_analyst, hamish_lead;
  ${layerPartPolicies('cards')}
  `,
  /* 3 */ `
  -- A claim's cluster travels with its card: claims of one layer with the same id are a cluster.
  ALTER TABLE hamish.cards ADD COLUMN cluster text;
  -- Each layer's scope of a document, a layer part like spans: the ranges left out of the article
  -- and the proposals turned down, JSON lists of [start, end] in code points.
  CREATE TABLE hamish.scopes (
    layer       text NOT NULL,
    author      text NOT NULL DEFAULT current_user,
    document_id text NOT NULL REFERENCES hamish.documents (id),
    out         jsonb NOT NULL DEFAULT '[]',
    rejected    jsonb NOT NULL DEFAULT '[]',
    version     bigint NOT NULL,
    PRIMARY KEY (layer, author, document_id)
  );
  CREATE INDEX scopes_by_version ON hamish.scopes (version);
  CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON hamish.scopes FOR EACH ROW EXECUTE FUNCTION hamish.stamp();
  GRANT SELECT, INSERT, UPDATE ON hamish.scopes TO hamish_analyst, hamish_lead;
  ${layerPartPolicies('scopes')}
  `,
];

/**
 * Takes the steps the hub has not taken, in one transaction, under a lock so that two inits at
 * once queue. Returns the version before and after. A hub from a newer Hamish is refused.
 */
export async function migrateHub(client: pg.Client, where: string): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('hamish.migrations'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${HUB_SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${HUB_SCHEMA}.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const from = await recordedVersion(client);
    if (from > HUB_MIGRATIONS.length) throw newerHub(where, from);
    for (let version = from; version < HUB_MIGRATIONS.length; version++) {
      await client.query(HUB_MIGRATIONS[version]!);
      await client.query(`INSERT INTO ${HUB_SCHEMA}.migrations (version) VALUES ($1)`, [version + 1]);
    }
    await client.query(`GRANT SELECT ON ${HUB_SCHEMA}.migrations TO ${ANALYST_GROUP}, ${LEAD_GROUP}`);
    await client.query('COMMIT');
    return { from, to: HUB_MIGRATIONS.length };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Refuses a hub not made (or not brought up to date) by this Hamish: what to do is said. */
export async function checkHubVersion(client: pg.Client, where: string): Promise<void> {
  const found = await client.query<{ exists: boolean }>(`SELECT to_regclass('${HUB_SCHEMA}.migrations') IS NOT NULL AS exists`);
  if (!found.rows[0]!.exists) throw new HamishError('unsupported_database', `${where} is not a Hamish hub yet (hamish hub init URL creates it)`);
  const version = await recordedVersion(client);
  if (version > HUB_MIGRATIONS.length) throw newerHub(where, version);
  if (version < HUB_MIGRATIONS.length) {
    throw new HamishError('unsupported_database', `${where} has hub schema ${version}; this Hamish needs ${HUB_MIGRATIONS.length} (an admin runs hamish hub init)`);
  }
}

async function recordedVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0)::integer AS version FROM ${HUB_SCHEMA}.migrations`);
  return rows[0]!.version;
}

function newerHub(where: string, version: number): HamishError {
  return new HamishError('unsupported_database', `${where} was made by a newer Hamish (hub schema ${version}; this one knows ${HUB_MIGRATIONS.length})`);
}
