/**
 * A library made by the first schema opens in this Hamish with everything in it kept:
 * test/fixtures/schema-1.sqlite was built by migration 1 alone (test/fixtures/make-schema-1.ts).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { SCHEMA_1_DOCUMENTS, SCHEMA_1_SPANS } from '../fixtures/schema-1.ts';
import { codePointRange, openCore } from '../support/core.ts';
import { PROJECT_ROOT, tempDir } from '../support/hamish.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'schema-1.sqlite');
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a library from the first schema', () => {
  test('the fixture is a schema 1 library', () => {
    const db = new Database(FIXTURE, { readonly: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), 1);
      assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'history'").pluck().get(), 0);
    } finally {
      db.close();
    }
  });

  test('opens at the latest schema with every document, status, place and span kept', () => {
    const before = digest(FIXTURE);
    const file = join(tempDir(), 'old.sqlite');
    copyFileSync(FIXTURE, file);
    // The status was shared; now each annotator's, it is layla's (and omar's) where they have spans.
    const core = openCore({ file, annotator: 'layla' });
    try {
      assert.equal(connectionOf(core.hamish).pragma('user_version', { simple: true }), MIGRATIONS.length);
      // Not a new library: the samples are not added to it.
      assert.deepEqual(
        core.call('listDocuments', {}).map(({ id, title, status }) => ({ id, title, status })),
        SCHEMA_1_DOCUMENTS.map(({ id, title, status }) => ({ id, title, status })).sort((a, b) => a.id.localeCompare(b.id)),
      );
      for (const document of SCHEMA_1_DOCUMENTS) {
        const opened = core.call('openDocument', { id: document.id, layers: 'all' });
        assert.equal(opened.text, document.text);
        assert.deepEqual(opened.meta, document.meta);
        assert.equal(opened.viewOffset, document.viewOffset);
        assert.deepEqual(
          opened.spans.map(({ id, start, end, label, annotator, note, createdAt, updatedAt }) => ({ id, start, end, label, annotator, note, createdAt, updatedAt })),
          SCHEMA_1_SPANS.filter((span) => span.documentId === document.id)
            .map(({ documentId: _d, ...span }) => span)
            .sort((a, b) => a.start - b.start || b.end - a.end),
        );
      }
      // And it works as any library: a new span, undone through the new history.
      const emoji = SCHEMA_1_DOCUMENTS[0];
      const span = core.call('createSpan', { documentId: emoji.id, ...codePointRange(emoji.text, 'عاجل'), label: 'claim' });
      assert.ok(span.id > 7, 'span ids are never reused');
      assert.equal(core.call('undo', { documentId: emoji.id })?.spans[0]?.spanId, span.id);
      assert.equal(connectionOf(core.hamish).pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      core.close();
    }
    assert.equal(digest(FIXTURE), before, 'the fixture itself is only copied');
  });
});
