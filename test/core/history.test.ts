/**
 * Relabel, resize, notes, and undo/redo kept in SQLite: a change taken back stays taken back after
 * the database is closed and opened again, and another annotator's layer cannot be changed.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { assertHamishError, codePointRange, openCore, type OpenCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { tempDir } from '../support/hamish.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const DOC = SEED_IDS[0]!;

function spans(core: OpenCore) {
  return core.call('openDocument', { id: DOC }).spans.map(({ label, start, end, note }) => ({ label, start, end, note }));
}

function rangeOf(core: OpenCore, needle: string) {
  return codePointRange(core.call('openDocument', { id: DOC }).text, needle);
}

test('relabel, resize and note a span; each change is undone and redone in order', () => {
  const core = openCore();
  const word = rangeOf(core, 'وكالة رويترز');
  const span = core.call('createSpan', { documentId: DOC, ...word, label: 'claim' });
  core.call('updateSpan', { id: span.id, label: 'actor' });
  const reuters = rangeOf(core, 'رويترز');
  core.call('updateSpan', { id: span.id, start: reuters.start });
  core.call('updateSpan', { id: span.id, note: 'the news agency' });
  assert.deepEqual(spans(core), [{ label: 'actor', ...reuters, note: 'the news agency' }]);

  core.call('undo', { documentId: DOC });
  assert.deepEqual(spans(core), [{ label: 'actor', ...reuters, note: null }]);
  core.call('undo', { documentId: DOC });
  assert.deepEqual(spans(core), [{ label: 'actor', ...word, note: null }]);
  core.call('undo', { documentId: DOC });
  assert.deepEqual(spans(core), [{ label: 'claim', ...word, note: null }]);
  const gone = core.call('undo', { documentId: DOC });
  assert.deepEqual(gone, { spans: [{ spanId: span.id, span: null }], decisions: [] });
  assert.deepEqual(spans(core), []);
  assert.equal(core.call('undo', { documentId: DOC }), null, 'nothing left to undo');

  core.call('redo', { documentId: DOC });
  core.call('redo', { documentId: DOC });
  const back = core.call('openDocument', { id: DOC }).spans;
  assert.equal(back[0]!.id, span.id, 'redo brings the span back under its own id');
  assert.deepEqual(spans(core), [{ label: 'actor', ...word, note: null }]);
  core.close();
});

test('undo and redo survive closing and reopening the database', () => {
  const first = openCore();
  const word = rangeOf(first, 'العراق');
  const span = first.call('createSpan', { documentId: DOC, ...word, label: 'location' });
  first.call('deleteSpan', { id: span.id });
  first.close();

  const second = openCore({ file: first.file });
  second.call('undo', { documentId: DOC });
  assert.deepEqual(spans(second), [{ label: 'location', ...word, note: null }]);
  second.close();

  const third = openCore({ file: first.file });
  third.call('redo', { documentId: DOC });
  assert.deepEqual(spans(third), []);
  third.call('undo', { documentId: DOC });
  third.call('undo', { documentId: DOC });
  assert.deepEqual(spans(third), []);
  assert.equal(third.call('undo', { documentId: DOC }), null);
  third.close();
});

test('a new change after an undo ends the redo branch', () => {
  const core = openCore();
  const a = rangeOf(core, 'العراق');
  const b = rangeOf(core, 'سوريا');
  core.call('createSpan', { documentId: DOC, ...a, label: 'location' });
  core.call('undo', { documentId: DOC });
  core.call('createSpan', { documentId: DOC, ...b, label: 'location' });
  assert.equal(core.call('redo', { documentId: DOC }), null);
  assert.deepEqual(spans(core), [{ label: 'location', ...b, note: null }]);
  core.close();
});

test('a quietly refused duplicate leaves no history', () => {
  const core = openCore();
  const word = rangeOf(core, 'العراق');
  core.call('createSpan', { documentId: DOC, ...word, label: 'location' });
  core.call('createSpan', { documentId: DOC, ...word, label: 'location' });
  core.call('undo', { documentId: DOC });
  assert.equal(core.call('undo', { documentId: DOC }), null);
  core.close();
});

test('updates are checked like new spans, and other annotators spans are read-only', () => {
  const core = openCore();
  const word = rangeOf(core, 'العراق');
  const other = rangeOf(core, 'سوريا');
  const span = core.call('createSpan', { documentId: DOC, ...word, label: 'location' });
  core.call('createSpan', { documentId: DOC, ...other, label: 'location' });
  assertHamishError(() => core.call('updateSpan', { id: span.id, start: word.end }), 'invalid_input', /end after it starts/);
  assertHamishError(() => core.call('updateSpan', { id: span.id, end: word.end + 1_000_000 }), 'invalid_input', /past the end/);
  assertHamishError(() => core.call('updateSpan', { id: span.id, ...other }), 'invalid_input', /already has that label/);
  assertHamishError(() => core.callRaw('updateSpan', { id: span.id }), 'invalid_input', /say what to change/);
  assertHamishError(() => core.callRaw('updateSpan', { id: span.id, layer: 'gold' }), 'invalid_input', /say what to change/);
  core.close();

  const colleague = openCore({ file: core.file, annotator: 'colleague' });
  assertHamishError(() => colleague.call('deleteSpan', { id: span.id }), 'invalid_input', /another annotator/);
  assertHamishError(() => colleague.call('updateSpan', { id: span.id, label: 'actor' }), 'invalid_input', /another annotator/);
  assert.equal(colleague.call('undo', { documentId: DOC }), null, "undo takes back only one's own changes");
  colleague.close();
});

test('a history recorded before reviews existed (schema 3) still undoes; its changes were made by their layer\'s owner', () => {
  const file = join(tempDir(), 'schema-3.sqlite');
  const old = new Database(file);
  for (const step of MIGRATIONS.slice(0, 3)) old.exec(step);
  old.pragma('user_version = 3');
  const now = '2026-01-01T00:00:00.000Z';
  old.prepare(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'layla', ?)`).run(now);
  old.prepare(`INSERT INTO documents (id, title, text, text_sha256, length, imported_at) VALUES ('d', 't', 'قال الجيش', 'x', 9, ?)`).run(now);
  const span = { id: 1, document_id: 'd', annotator_id: 1, label: 'actor', start: 4, end: 9, note: null, created_at: now, updated_at: now };
  old.prepare(`INSERT INTO annotations VALUES (@id, @document_id, @annotator_id, @label, @start, @end, @note, @created_at, @updated_at)`).run(span);
  old.prepare(`INSERT INTO history (document_id, annotator_id, span_id, action, before, after, at) VALUES ('d', 1, 1, 'create', NULL, ?, ?)`).run(JSON.stringify(span), now);
  old.close();

  const core = openCore({ file, annotator: 'layla' });
  assert.deepEqual(connectionOf(core.hamish).prepare('SELECT by_id, step, decision_id FROM history').all(), [{ by_id: 1, step: null, decision_id: null }]);
  assert.deepEqual(core.call('undo', { documentId: 'd' })?.spans, [{ spanId: 1, span: null }]);
  assert.equal(core.call('redo', { documentId: 'd' })?.spans[0]?.span?.label, 'actor');
  assert.equal(connectionOf(core.hamish).pragma('integrity_check', { simple: true }), 'ok');
  core.close();
});
