/** PRAGMA application_id of a Hamish library ("Hami"): what tells it from another program's SQLite file. */
export const HAMISH_APPLICATION_ID = 0x48616d69;

/**
 * The schema, one step per version. A database records the last step it took in
 * PRAGMA user_version; opening it runs the steps it has not taken. Steps are never edited once
 * released: a change to the schema is a new step at the end.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1 */ `
  CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    source      TEXT,
    text        TEXT NOT NULL,
    text_sha256 TEXT NOT NULL UNIQUE,
    length      INTEGER NOT NULL,               -- in code points
    meta        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
    view_offset INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL
  ) STRICT;

  -- Annotations are offsets into the text, so the text can never change under them.
  CREATE TRIGGER documents_text_is_immutable
  BEFORE UPDATE OF text, text_sha256, length ON documents
  BEGIN
    SELECT RAISE(ABORT, 'a document''s text is immutable');
  END;

  CREATE TABLE annotators (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE annotations (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    label        TEXT NOT NULL CHECK (label IN ('claim', 'actor', 'location', 'date')),
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    note         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (document_id, annotator_id, label, start, "end")
  ) STRICT;

  CREATE INDEX annotations_by_document ON annotations (document_id, start);
  `,
  /* 2 */ `
  -- Span ids are never reused (AUTOINCREMENT), so the history can bring a deleted span back
  -- under its own id.
  CREATE TABLE annotations_v2 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    label        TEXT NOT NULL CHECK (label IN ('claim', 'actor', 'location', 'date')),
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    note         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (document_id, annotator_id, label, start, "end")
  ) STRICT;
  INSERT INTO annotations_v2 SELECT * FROM annotations;
  DROP TABLE annotations;
  ALTER TABLE annotations_v2 RENAME TO annotations;
  CREATE INDEX annotations_by_document ON annotations (document_id, start);

  -- Every change to a span: who, when, what, and the span before and after (JSON, NULL when it
  -- did not exist). Undo and redo walk it per document and annotator; nothing is ever deleted,
  -- so it is also the audit trail.
  CREATE TABLE history (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    span_id      INTEGER NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('create', 'delete', 'update')),
    before       TEXT CHECK (before IS NULL OR json_valid(before)),
    after        TEXT CHECK (after IS NULL OR json_valid(after)),
    -- done: in effect; undone: taken back, can be redone; dropped: undone and then overtaken by a
    -- new change, so no longer redoable.
    state        TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),
    at           TEXT NOT NULL
  ) STRICT;
  CREATE INDEX history_by_layer ON history (document_id, annotator_id, state, seq);
  `,
  /* 3 */ `
  -- Library-wide choices, such as who is annotating on this machine (chosen in the app).
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
  /* 4 */ `
  -- Review decisions: a version (a range and label some annotator gave) accepted into the gold
  -- layer or rejected, by whom and when. A decision is in effect while its history entries are
  -- (undo takes it back with them).
  CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    label        TEXT NOT NULL CHECK (label IN ('claim', 'actor', 'location', 'date')),
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    verdict      TEXT NOT NULL CHECK (verdict IN ('accept', 'reject')),
    -- accept: the gold span the version (or the reviewer's edit of it) became
    gold_span_id INTEGER,
    reviewer_id  INTEGER NOT NULL REFERENCES annotators (id),
    at           TEXT NOT NULL,
    CHECK ((verdict = 'accept') = (gold_span_id IS NOT NULL))
  ) STRICT;
  CREATE INDEX decisions_by_document ON decisions (document_id, id);

  -- The history gains who acted (by_id: in a shared layer such as gold, not the layer's owner),
  -- steps that undo together (accepting every agreed unit at once), and decisions, which may
  -- change no span at all (a rejection).
  CREATE TABLE history_v4 (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    by_id        INTEGER NOT NULL REFERENCES annotators (id),
    -- NULL: a step of its own; else the seq of the first entry of its step
    step         INTEGER,
    span_id      INTEGER,
    decision_id  INTEGER REFERENCES decisions (id),
    action       TEXT NOT NULL CHECK (action IN ('create', 'delete', 'update', 'decide')),
    before       TEXT CHECK (before IS NULL OR json_valid(before)),
    after        TEXT CHECK (after IS NULL OR json_valid(after)),
    state        TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),
    at           TEXT NOT NULL,
    CHECK ((action = 'decide') = (span_id IS NULL)),
    CHECK (action <> 'decide' OR decision_id IS NOT NULL)
  ) STRICT;
  INSERT INTO history_v4 (seq, document_id, annotator_id, by_id, span_id, action, before, after, state, at)
    SELECT seq, document_id, annotator_id, annotator_id, span_id, action, before, after, state, at FROM history;
  DROP TABLE history;
  ALTER TABLE history_v4 RENAME TO history;
  CREATE INDEX history_by_layer ON history (document_id, annotator_id, state, seq);
  CREATE INDEX history_by_decision ON history (decision_id) WHERE decision_id IS NOT NULL;
  `,
  /* 5 */ `
  -- The library's list reads only these columns of every document: from this index, without
  -- stepping over each text (100,000 documents: about a third less time).
  CREATE INDEX documents_listed ON documents (id, title, status, length);
  `,
  /* 6 */ `
  -- The corpus's whole words, for the proclitic rule, kept rather than read out of every text in
  -- every process. They are added lazily, after import (which stays as fast as a bare insert):
  -- words_through is the last document (by rowid) whose words are in. Documents are never
  -- deleted but by a restore, which brings the backup's words and mark with its documents.
  CREATE TABLE words (word TEXT PRIMARY KEY) STRICT;
  CREATE TABLE words_through (through INTEGER NOT NULL) STRICT;
  INSERT INTO words_through VALUES (0);
  `,
  /* 7 */ `
  -- The mark of a Hamish library. A file is only written once it carries it, or, made before it,
  -- has exactly the tables of its schema (database.ts): another program's file is never touched.
  PRAGMA application_id = ${HAMISH_APPLICATION_ID};
  `,
  /* 8 */ `
  -- How far a document has got is each annotator's own (no row: new). The gold layer has none:
  -- its status is its review.
  CREATE TABLE document_status (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    status       TEXT NOT NULL CHECK (status IN ('in_progress', 'done')),
    PRIMARY KEY (document_id, annotator_id)
  ) STRICT;

  -- The shared status was about the spans in the document: it becomes that of everyone with spans
  -- there. Spans in a document still marked new were work begun (the app showed it in progress).
  INSERT INTO document_status (document_id, annotator_id, status)
    SELECT DISTINCT a.document_id, a.annotator_id, CASE d.status WHEN 'new' THEN 'in_progress' ELSE d.status END
    FROM annotations a JOIN documents d ON d.id = a.document_id JOIN annotators n ON n.id = a.annotator_id
    WHERE n.name <> 'gold';
  -- A document marked without anyone's spans was marked by the one who used the app on this
  -- library: the name chosen there, else the library's only annotator.
  INSERT INTO document_status (document_id, annotator_id, status)
    SELECT d.id, m.id, d.status
    FROM documents d, (
      SELECT id FROM annotators WHERE name = (SELECT value FROM settings WHERE key = 'annotator')
      UNION ALL
      SELECT id FROM annotators
      WHERE name <> 'gold' AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'annotator')
        AND (SELECT count(*) FROM annotators WHERE name <> 'gold') = 1
    ) m
    WHERE d.status <> 'new'
      AND NOT EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id);

  DROP INDEX documents_listed;
  ALTER TABLE documents DROP COLUMN status;
  CREATE INDEX documents_listed ON documents (id, title, length);
  `,
  /* 9 */ `
  -- What this library exchanged with each team hub (a PostgreSQL database; hub = its id), so a
  -- sync sends only what changed since and takes only what is new. Pushed: this library's own
  -- rows as the hub last got them. Pulled: which local row each colleague's hub row became.
  CREATE TABLE hub_state (hub TEXT PRIMARY KEY, pulled_through INTEGER NOT NULL) STRICT;
  CREATE TABLE hub_documents (
    hub         TEXT NOT NULL,
    hub_id      TEXT NOT NULL,
    document_id TEXT NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (hub, hub_id)
  ) STRICT;
  CREATE TABLE hub_pushed_spans (
    hub TEXT NOT NULL, span_id INTEGER NOT NULL, layer TEXT NOT NULL,
    label TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, note TEXT,
    PRIMARY KEY (hub, span_id)
  ) STRICT;
  CREATE TABLE hub_pulled_spans (
    hub TEXT NOT NULL, layer TEXT NOT NULL, author TEXT NOT NULL, key INTEGER NOT NULL,
    span_id INTEGER NOT NULL,
    PRIMARY KEY (hub, layer, author, key)
  ) STRICT;
  CREATE INDEX hub_pulled_spans_by_span ON hub_pulled_spans (span_id);
  CREATE TABLE hub_pushed_statuses (hub TEXT NOT NULL, document_id TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (hub, document_id)) STRICT;
  CREATE TABLE hub_pushed_decisions (hub TEXT NOT NULL, decision_id INTEGER NOT NULL, in_effect INTEGER NOT NULL, PRIMARY KEY (hub, decision_id)) STRICT;
  CREATE TABLE hub_pulled_decisions (
    hub TEXT NOT NULL, author TEXT NOT NULL, key INTEGER NOT NULL, decision_id INTEGER NOT NULL,
    PRIMARY KEY (hub, author, key)
  ) STRICT;
  CREATE INDEX hub_pulled_decisions_by_decision ON hub_pulled_decisions (decision_id);
  `,
  /* 10 */ `
  -- A claim span's card: its stance and the spans that fill its roles, in the claim's layer. The
  -- spans are referred to by id without foreign keys: a card or role whose span is deleted or
  -- relabelled is hidden when read (claims/cards.ts), so that every way a span goes (the editor,
  -- a review decision, undo) leaves cards consistent, and undoing it brings the roles back.
  CREATE TABLE cards (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id INTEGER NOT NULL UNIQUE,
    stance   TEXT NOT NULL DEFAULT 'asserted' CHECK (stance IN ('asserted', 'denied', 'hedged'))
  ) STRICT;
  CREATE TABLE card_roles (
    card_id  INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('source', 'via', 'location', 'date')),
    span_id  INTEGER NOT NULL,
    -- the order within the role (via: the chain, agency first)
    position INTEGER NOT NULL,
    PRIMARY KEY (card_id, role, span_id)
  ) STRICT;
  CREATE INDEX card_roles_by_span ON card_roles (span_id);
  -- A history entry with a card_id is a change to that card (before and after: the card as
  -- stored); its span_id is the card's claim.
  ALTER TABLE history ADD COLUMN card_id INTEGER;
  `,
  /* 11 */ `
  -- A review decision about a claim card: which aspect (a role, or the stance) of the card of the
  -- claim at claim_start–claim_end it decided. Its row in decisions holds the rest: for a role, the
  -- range and label of the span that fills it (gold_span_id: the gold span linked); for the stance,
  -- the claim's range (gold_span_id: the gold claim), the stance being here. Kept in decisions, a
  -- card decision is undone with the gold layer's history as a span decision is. For the cluster,
  -- the claim's range too (gold_span_id: the gold claim), and mates: the other claims of the
  -- cluster as a JSON list of {documentId, start, end} in code points, sorted ([]: in no cluster).
  CREATE TABLE card_decisions (
    decision_id INTEGER PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
    claim_start INTEGER NOT NULL CHECK (claim_start >= 0),
    claim_end   INTEGER NOT NULL CHECK (claim_end > claim_start),
    aspect      TEXT NOT NULL CHECK (aspect IN ('source', 'via', 'location', 'date', 'stance', 'cluster')),
    stance      TEXT CHECK (stance IN ('asserted', 'denied', 'hedged')),
    mates       TEXT CHECK (mates IS NULL OR json_valid(mates)),
    CHECK ((aspect = 'stance') = (stance IS NOT NULL)),
    CHECK ((aspect = 'cluster') = (mates IS NOT NULL))
  ) STRICT;
  `,
  /* 12 */ `
  -- A claim's cluster (issue 14): "the same claim" across documents, in the claim's layer. It is
  -- on the card so that joining and leaving are card changes (history, undo, export, hidden with
  -- a deleted claim). Claims of a layer with the same id are a cluster; one alone is none.
  ALTER TABLE cards ADD COLUMN cluster TEXT;
  CREATE INDEX cards_by_cluster ON cards (cluster) WHERE cluster IS NOT NULL;
  `,
  /* 13 */ `
  -- A layer's scope of a document: the ranges it leaves out of the article (boilerplate: related
  -- headlines, tags, a second article), and the proposed ranges it turned down, so that they are
  -- not proposed again. Both are JSON lists of [start, end] in code points, sorted and merged:
  -- a handful per document, always read and written whole (core/scope/scopes.ts).
  CREATE TABLE scopes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    out          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(out)),
    rejected     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rejected)),
    UNIQUE (document_id, annotator_id)
  ) STRICT;
  -- The short lines of the corpus (folded, see scope/lines.ts) and in how many documents each
  -- occurs: a line found in two or more is proposed out of scope (a site's tag line, a related
  -- headline). Brought up to date, like words, with the documents after lines_through (rowid).
  CREATE TABLE scope_lines (key TEXT PRIMARY KEY, documents INTEGER NOT NULL) STRICT;
  CREATE TABLE scope_lines_through (through INTEGER NOT NULL) STRICT;
  INSERT INTO scope_lines_through VALUES (0);
  -- A history entry with a scope_id is a change to that scope row (before and after: the row as
  -- stored); its span_id is the same id, since only a decision's entry may have no span_id.
  ALTER TABLE history ADD COLUMN scope_id INTEGER;
  `,
  /* 14 */ `
  -- Suggestions an analyst turned down, per document and layer: a rejected one is not offered
  -- again (core/suggest/rejections.ts). Offsets in code points, as spans'.
  CREATE TABLE suggestion_rejections (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    label        TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    rejected_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id, label, start, "end")
  ) STRICT;
  -- The library's gazetteer: each spelling of a known name a row, with the entry's name.
  CREATE TABLE gazetteer (
    form  TEXT NOT NULL,
    label TEXT NOT NULL CHECK (label IN ('actor', 'location', 'date')),
    name  TEXT NOT NULL,
    PRIMARY KEY (form, label)
  ) STRICT;
  `,
  /* 15 */ `
  -- Where the team's hub placed a review decision among everyone's (its version there): two leads
  -- deciding the same version are ordered by the hub, not by when each library heard of the
  -- other's, so every library lets the same one win. NULL: not on a hub yet (it comes after).
  ALTER TABLE decisions ADD COLUMN hub_order INTEGER;
  -- Claim cards this library sent each hub, as sent (JSON: stance and roles), keyed by the claim.
  CREATE TABLE hub_pushed_cards (
    hub TEXT NOT NULL, claim_id INTEGER NOT NULL, layer TEXT NOT NULL, hub_document TEXT NOT NULL, card TEXT NOT NULL,
    PRIMARY KEY (hub, claim_id)
  ) STRICT;
  -- Each layer's scope of a document this library sent each hub (or took from it, for gold that
  -- another lead wrote), as sent: out and rejected as JSON, so that only a change goes up.
  CREATE TABLE hub_pushed_scopes (
    hub TEXT NOT NULL, scope_id INTEGER NOT NULL, layer TEXT NOT NULL, hub_document TEXT NOT NULL,
    out TEXT NOT NULL, rejected TEXT NOT NULL,
    PRIMARY KEY (hub, scope_id)
  ) STRICT;
  `,
  /* 16 */ `
  -- A suggestion turned down is a change of its layer, undone and redone with it: each rejection
  -- gets an id never reused, and a history entry with a rejection_id is that row before and after
  -- (JSON; its span_id the same id, as for scope). Rejections from before have no entry: they stay.
  CREATE TABLE suggestion_rejections_v16 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    label        TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    rejected_at  TEXT NOT NULL,
    UNIQUE (document_id, annotator_id, label, start, "end")
  ) STRICT;
  INSERT INTO suggestion_rejections_v16 (document_id, annotator_id, label, start, "end", rejected_at)
    SELECT document_id, annotator_id, label, start, "end", rejected_at FROM suggestion_rejections;
  DROP TABLE suggestion_rejections;
  ALTER TABLE suggestion_rejections_v16 RENAME TO suggestion_rejections;
  ALTER TABLE history ADD COLUMN rejection_id INTEGER;
  -- Review decisions about scope: a range some compared annotator left out of the article, taken
  -- into gold's scope (accept) or not (reject), by whom and when. Not a row of decisions, whose
  -- label a range of scope has none of. In effect while its history entry is done: that entry is
  -- always gold's scope row before and after (the same when the decision changed nothing), so that
  -- undo takes the decision back with what it did.
  CREATE TABLE scope_decisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL CHECK (start >= 0),
    "end"       INTEGER NOT NULL CHECK ("end" > start),
    verdict     TEXT NOT NULL CHECK (verdict IN ('accept', 'reject')),
    reviewer_id INTEGER NOT NULL REFERENCES annotators (id),
    at          TEXT NOT NULL
  ) STRICT;
  CREATE INDEX scope_decisions_by_document ON scope_decisions (document_id, id);
  ALTER TABLE history ADD COLUMN scope_decision_id INTEGER REFERENCES scope_decisions (id);
  CREATE INDEX history_by_scope_decision ON history (scope_decision_id) WHERE scope_decision_id IS NOT NULL;
  `,
  /* 17 */ `
  -- The library's search (core/library-page.ts): each document's title and text folded
  -- (text/normalise.ts, the hamish_fold function database.ts gives SQLite), by word. Contentless:
  -- the texts are in documents already; rowid is the document's. Texts never change and documents
  -- are only added (documents.ts indexes each as it is imported), but for a restore, which builds
  -- the index again (backup/restore.ts). Every word typed is searched as a prefix, and the first
  -- letter or two typed match most of a large library: prefix indexes of 1 and 2 letters answer
  -- those without walking every word that starts so (at 100,000 documents, 'ب' took 160 ms).
  CREATE VIRTUAL TABLE document_search USING fts5(title, text, content = '', prefix = '1 2');
  INSERT INTO document_search (rowid, title, text) SELECT rowid, hamish_fold(title), hamish_fold(text) FROM documents;
  `,
  /* 18 */ `
  -- The search asks the index only which documents hold a word starting so (library-page.ts):
  -- never a phrase, a column or a place in the text. Without each word's columns and places
  -- (detail = none) the index is a sixth of the size. It holds each title and text in its search
  -- form (text/search-form.ts: folded, lower case, separators made spaces), which the ascii
  -- tokenizer splits as unicode61 split the folded text, in about half the time.
  DROP TABLE document_search;
  CREATE VIRTUAL TABLE document_search USING fts5(title, text, content = '', prefix = '1 2', detail = none, tokenize = ascii);
  INSERT INTO document_search (rowid, title, text) SELECT rowid, hamish_search_form(title), hamish_search_form(text) FROM documents;
  `,
];

/** The first version whose libraries carry the mark: an unmarked file at it or above is not ours. */
export const MARKED_FROM = 7;
