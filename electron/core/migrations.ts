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
  /* claim cards */ `
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
];
