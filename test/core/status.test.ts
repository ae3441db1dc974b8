/**
 * A document's status is each annotator's own, and the library's numbers are one annotator's:
 * their status, their spans (issue 10, items 14 and 15). The export's status filter, the JSONL
 * export and import, and a library from before keep to that.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { ExportFilters } from '../../electron/contract/contract.ts';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { addText, codePointRange, openCore, type OpenCore } from '../support/core.ts';
import { parseJsonl, tempDir } from '../support/hamish.ts';

const TEXT = 'قال المتحدث إن الجيش انسحب من المدينة.';
const QUIET = 'لا جديد اليوم.';

/** Runs `work` as `annotator` on the library at `file`. */
function as<T>(file: string, annotator: string, work: (core: OpenCore) => T): T {
  const core = openCore({ file, annotator, seed: false });
  try {
    return work(core);
  } finally {
    core.close();
  }
}

const tag = (core: OpenCore, id: string, needle: string, label: 'actor' | 'location') =>
  core.call('createSpan', { documentId: id, ...codePointRange(TEXT, needle), label });

/** What the library shows `annotator`: each document's status and span count. */
const library = (file: string, annotator: string) =>
  as(file, annotator, (core) => core.call('listDocuments', {}).map(({ id, status, spanCount }) => ({ id, status, spanCount })));

function exportJsonl(file: string, filters: ExportFilters = {}) {
  const out = join(tempDir(), 'export.jsonl');
  as(file, 'layla', (core) => core.call('exportDataset', { format: 'jsonl', out, filters }));
  return parseJsonl(readFileSync(out, 'utf8')).map((d) => ({
    id: d.id,
    status: d.meta.status,
    statuses: (d as unknown as { statuses: Record<string, string> }).statuses,
    spans: d.spans.map((s) => `${s.annotator}:${s.text}`),
  }));
}

/** layla tags "article" and marks it done; omar tags it and is still at it; omar marks "quiet" done, with nothing to tag. */
function twoAnnotators(): string {
  const file = as(join(tempDir(), 'hamish.sqlite'), 'layla', (core) => {
    addText(core, 'article', TEXT);
    addText(core, 'quiet', QUIET);
    tag(core, 'article', 'المتحدث', 'actor');
    tag(core, 'article', 'المدينة', 'location');
    core.call('setDocumentStatus', { id: 'article', status: 'done' });
    return core.file;
  });
  as(file, 'omar', (core) => {
    tag(core, 'article', 'الجيش', 'actor');
    core.call('setDocumentStatus', { id: 'quiet', status: 'done' });
  });
  return file;
}

describe('each annotator has their own status', () => {
  test("one analyst's done is not a colleague's; the library counts one's own spans", () => {
    const file = twoAnnotators();
    assert.deepEqual(library(file, 'layla'), [
      { id: 'article', status: 'done', spanCount: 2 },
      { id: 'quiet', status: 'new', spanCount: 0 },
    ]);
    assert.deepEqual(library(file, 'omar'), [
      { id: 'article', status: 'in_progress', spanCount: 1 },
      { id: 'quiet', status: 'done', spanCount: 0 },
    ]);
    // A colleague with no spans there sees the document new, as opened too.
    as(file, 'sami', (core) => {
      assert.deepEqual(core.call('openDocument', { id: 'article' }).summary, {
        id: 'article',
        title: TEXT,
        status: 'new',
        spanCount: 0,
        length: [...TEXT].length,
        review: 'not_started',
      });
      // The gold layer's progress is its review: a change to it is no one's status.
      core.call('createSpan', { documentId: 'article', ...codePointRange(TEXT, 'الجيش'), label: 'actor', layer: 'gold' });
      assert.equal(core.call('openDocument', { id: 'article' }).summary.status, 'new');
    });
  });

  test('spans that come in by import make the document in progress for their annotator, as the app shows it', () => {
    const file = join(tempDir(), 'hamish.sqlite');
    const jsonl = join(tempDir(), 'mine.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ id: 'article', text: TEXT, spans: [{ ...codePointRange(TEXT, 'الجيش'), label: 'actor' }] })}\n`);
    as(file, 'layla', (core) => core.call('importFiles', { paths: [jsonl] }));
    assert.deepEqual(library(file, 'layla'), [{ id: 'article', status: 'in_progress', spanCount: 1 }]);
    assert.deepEqual(library(file, 'omar'), [{ id: 'article', status: 'new', spanCount: 0 }]);
  });

  test('"done only" exports each annotator\'s layer where that annotator is done, and documents done without spans', () => {
    const file = twoAnnotators();
    assert.deepEqual(exportJsonl(file, { statuses: ['done'] }), [
      { id: 'article', status: 'done', statuses: { layla: 'done' }, spans: ['layla:المتحدث', 'layla:المدينة'] },
      { id: 'quiet', status: 'done', statuses: { omar: 'done' }, spans: [] },
    ]);
    assert.deepEqual(exportJsonl(file, { statuses: ['done'], annotators: ['omar'] }), [
      { id: 'quiet', status: 'done', statuses: { omar: 'done' }, spans: [] },
    ]);
    assert.deepEqual(exportJsonl(file, { statuses: ['in_progress'] }), [
      { id: 'article', status: 'in_progress', statuses: { omar: 'in_progress' }, spans: ['omar:الجيش'] },
    ]);
    // Everything: each annotator's status, and the document's together (in progress while anyone is).
    assert.deepEqual(
      exportJsonl(file).map(({ id, status, statuses }) => ({ id, status, statuses })),
      [
        { id: 'article', status: 'in_progress', statuses: { layla: 'done', omar: 'in_progress' } },
        { id: 'quiet', status: 'done', statuses: { omar: 'done' } },
      ],
    );
  });

  test("the gold layer's status is its review: \"done only\" exports gold where the review is adjudicated", () => {
    const file = as(join(tempDir(), 'hamish.sqlite'), 'layla', (core) => {
      addText(core, 'agreed', TEXT);
      addText(core, 'open', `${TEXT} ثم عاد.`);
      tag(core, 'agreed', 'الجيش', 'actor');
      tag(core, 'open', 'المتحدث', 'actor');
      return core.file;
    });
    as(file, 'omar', (core) => {
      tag(core, 'agreed', 'الجيش', 'actor');
      tag(core, 'open', 'المدينة', 'location');
    });
    as(file, 'sami', (core) => {
      core.call('acceptAgreed', { documentId: 'agreed', annotators: ['layla', 'omar'] });
      core.call('decide', { documentId: 'open', version: { ...codePointRange(TEXT, 'المتحدث'), label: 'actor' }, verdict: 'accept' });
    });
    assert.deepEqual(exportJsonl(file, { gold: true, statuses: ['done'] }), [
      { id: 'agreed', status: 'done', statuses: { gold: 'done' }, spans: ['gold:الجيش'] },
    ]);
    assert.deepEqual(exportJsonl(file, { gold: true, statuses: ['in_progress'] }), [
      { id: 'open', status: 'in_progress', statuses: { gold: 'in_progress' }, spans: ['gold:المتحدث'] },
    ]);
    // By everyone, done: only layers that are, and the people here never said they were.
    assert.deepEqual(exportJsonl(file, { statuses: ['done'] }), [
      { id: 'agreed', status: 'done', statuses: { gold: 'done' }, spans: ['gold:الجيش'] },
    ]);
  });

  test('a JSONL export brings every annotator\'s status into another library; a bad one is refused at its line', () => {
    const file = twoAnnotators();
    const out = join(tempDir(), 'all.jsonl');
    as(file, 'layla', (core) => core.call('exportDataset', { format: 'jsonl', out, filters: {} }));
    const other = join(tempDir(), 'other.sqlite');
    as(other, 'sami', (core) => assert.deepEqual(core.call('importFiles', { paths: [out] }).failed, []));
    assert.deepEqual(library(other, 'layla'), library(file, 'layla'));
    assert.deepEqual(library(other, 'omar'), library(file, 'omar'));
    assert.deepEqual(library(other, 'sami'), [
      { id: 'article', status: 'new', spanCount: 0 },
      { id: 'quiet', status: 'new', spanCount: 0 },
    ]);

    const bad = join(tempDir(), 'bad.jsonl');
    const [line] = readFileSync(out, 'utf8').split('\n');
    writeFileSync(bad, `${line!.replace('"statuses":{"layla":"done"', '"statuses":{"layla":"finished"')}\n`);
    const report = as(join(tempDir(), 'third.sqlite'), 'sami', (core) => core.call('importFiles', { paths: [bad] }));
    assert.equal(report.failed[0]?.line, 1);
    assert.equal(report.failed[0]?.reason, '"statuses": "layla" is "finished", not "in_progress" or "done"');
  });

  test('a library from before: the shared status goes to everyone with spans there, else to the name chosen in the app', () => {
    const file = join(tempDir(), 'before.sqlite');
    const db = new Database(file);
    const step = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE document_status'));
    for (const sql of MIGRATIONS.slice(0, step)) db.exec(sql);
    db.pragma(`user_version = ${step}`);
    const insertDocument = db.prepare(`
      INSERT INTO documents (id, title, text, text_sha256, length, status, imported_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01')`);
    for (const [id, status] of [['both', 'done'], ['started', 'new'], ['read', 'done'], ['untouched', 'new']] as const) {
      insertDocument.run(id, id, `${TEXT} ${id}`, id, [...TEXT].length + id.length + 1, status);
    }
    const annotator = db.prepare<[string], number>("INSERT INTO annotators (name, created_at) VALUES (?, '2026-01-01') RETURNING id").pluck();
    // The name chosen in the app is registered as the app opens the library.
    const [layla, omar, gold] = ['layla', 'omar', 'gold', 'sami'].map((name) => annotator.get(name)!);
    const span = db.prepare(`
      INSERT INTO annotations (document_id, annotator_id, label, start, "end", created_at, updated_at) VALUES (?, ?, 'actor', 4, 11, 'x', 'x')`);
    for (const [id, who] of [['both', layla], ['both', omar], ['both', gold], ['started', layla]] as const) span.run(id, who);
    db.prepare("INSERT INTO settings (key, value) VALUES ('annotator', 'sami')").run();
    db.close();

    const statuses = (name: string) => library(file, name).map(({ id, status }) => `${id}:${status}`);
    assert.deepEqual(statuses('layla'), ['both:done', 'read:new', 'started:in_progress', 'untouched:new']);
    assert.deepEqual(statuses('omar'), ['both:done', 'read:new', 'started:new', 'untouched:new']);
    assert.deepEqual(statuses('sami'), ['both:new', 'read:done', 'started:new', 'untouched:new']);
  });
});
