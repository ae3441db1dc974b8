/**
 * A colleague's work comes in as their layer: from their JSONL export or a copy of their library
 * file, matched by document id and text, kept with their names, notes and times; the same file
 * twice changes nothing; a document whose text differs is reported, not merged.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { registerFunctions } from '../../electron/core/database.ts';
import { addText, codePointRange, openCore, type OpenCore } from '../support/core.ts';
import { CARD_IDS, cardCorpus, REUTERS } from '../support/card-corpus.ts';
import { exportInProcess, readExport } from '../support/export-corpus.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { dumpLibrary } from '../support/library.ts';
import { runCli, tempDir } from '../support/hamish.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const EXTRA = 'وأعلنت الوزارة في عمان أن الوفد غادر.';

/** Layla's library: the samples, one article of her own, her spans (one with a note). */
function laylasLibrary(): OpenCore {
  const layla = openCore({ annotator: 'layla' });
  const extra = addText(layla, 'amman', EXTRA);
  const seed = SEED_IDS[0]!;
  const { text } = layla.call('openDocument', { id: seed });
  const span = layla.call('createSpan', { documentId: seed, ...codePointRange(text, 'رويترز'), label: 'actor' });
  layla.call('updateSpan', { id: span.id, note: 'وكالة أنباء' });
  layla.call('createSpan', { documentId: extra, ...codePointRange(EXTRA, 'عمان'), label: 'location' });
  return layla;
}

function exportOf(core: OpenCore): string {
  const out = join(tempDir(), 'export.jsonl');
  core.call('exportDataset', { format: 'jsonl', out });
  return readFileSync(out, 'utf8');
}

/** Every span of the library as its export has it, without the ids each library gives. */
function layers(core: OpenCore) {
  return exportOf(core)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; spans: Record<string, unknown>[] })
    .map(({ id, spans }) => [id, spans.map(({ id: _id, ...span }) => span)]);
}

test("a colleague's JSONL export: their spans become their layer, with notes and times; a second import changes nothing", () => {
  const layla = laylasLibrary();
  const file = join(tempDir(), 'layla.jsonl');
  writeFileSync(file, exportOf(layla));

  const omar = openCore({ annotator: 'omar' });
  const seed = SEED_IDS[0]!;
  const { text } = omar.call('openDocument', { id: seed });
  omar.call('createSpan', { documentId: seed, ...codePointRange(text, 'وكالة رويترز'), label: 'actor' });

  const first = omar.call('importFiles', { paths: [file] });
  assert.deepEqual(first.failed, []);
  assert.deepEqual(first.conflicts, []);
  assert.deepEqual(first.imported.map((e) => [e.id, e.spans]), [['amman', 1]], 'her own article comes in too');
  assert.equal(first.duplicates.find((e) => e.id === seed)!.spans, 1);

  const theirs = omar.call('openDocument', { id: seed, layers: ['layla'] }).spans;
  const hers = layla.call('openDocument', { id: seed }).spans;
  assert.deepEqual(
    theirs.map(({ id: _id, ...span }) => span),
    hers.map(({ id: _id, ...span }) => span),
    'her annotator name, note and times are kept',
  );
  assert.equal(omar.call('openDocument', { id: seed }).spans.length, 1, "omar's own layer is his alone");
  assert.deepEqual(omar.call('reviewDocument', { documentId: seed, annotators: ['layla', 'omar'] }).units.map((u) => u.kind), ['range']);

  const before = layers(omar);
  const history = () => connectionOf(omar.hamish).prepare('SELECT count(*) AS n FROM history').get();
  const entries = history();
  const second = omar.call('importFiles', { paths: [file] });
  assert.ok(second.duplicates.every((entry) => entry.spans === 0));
  assert.deepEqual(second.imported, []);
  assert.deepEqual(layers(omar), before, 'the same state');
  assert.deepEqual(history(), entries, 'nothing recorded either');
  layla.close();
  omar.close();
});

test('a document whose id is here with another text is reported as a conflict; the rest of the file goes in', () => {
  const layla = laylasLibrary();
  const records = exportOf(layla).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const at = records.findIndex((record) => record.id === 'amman');
  const changed = `${EXTRA} وعاد مساءً.`;
  records[at] = { ...records[at], text: changed, text_sha256: createHash('sha256').update(changed).digest('hex') };
  const file = join(tempDir(), 'edited.jsonl');
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');

  const omar = openCore({ annotator: 'omar' });
  addText(omar, 'amman', EXTRA);
  const report = omar.call('importFiles', { paths: [file] });
  assert.deepEqual(report.conflicts, [{ file, line: at + 1, id: 'amman', reason: "text differs from the library's; its spans were not merged" }]);
  assert.deepEqual(report.failed, []);
  assert.deepEqual(omar.call('openDocument', { id: 'amman', layers: 'all' }).spans, []);
  assert.equal(omar.call('openDocument', { id: SEED_IDS[0]!, layers: ['layla'] }).spans.length, 1, 'the other records went in');
  layla.close();
  omar.close();
});

test("a copy of a colleague's library file: read-only, every layer comes in, new documents too; twice changes nothing", async () => {
  const layla = laylasLibrary();
  // Her gold layer comes along as gold, like any layer.
  layla.call('createSpan', { documentId: 'amman', ...codePointRange(EXTRA, 'الوزارة'), label: 'actor', layer: 'gold' });
  layla.close();
  const copy = join(tempDir(), 'layla.sqlite');
  copyFileSync(layla.file, copy);
  const digest = () => createHash('sha256').update(readFileSync(copy)).digest('hex');
  const untouched = digest();

  const omar = openCore({ annotator: 'omar' });
  const report = omar.call('importFiles', { paths: [copy] });
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.imported.map((e) => e.id), ['amman']);
  const hers = openCore({ file: layla.file, annotator: 'layla' });
  assert.deepEqual(layers(omar), layers(hers), "omar's library now holds her layer as she has it");
  hers.close();

  const before = layers(omar);
  const cli = await runCli(['import', copy, '--db', omar.file]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /0 imported, 6 duplicates, 0 failed/);
  assert.deepEqual(layers(omar), before);
  assert.equal(digest(), untouched, 'her file is only read');
  omar.close();
});

test('a file named .sqlite that is not a Hamish library is refused, and nothing changes', () => {
  const dir = tempDir();
  const other = join(dir, 'other.sqlite');
  const db = new Database(other);
  db.exec('CREATE TABLE notes (body TEXT)');
  db.close();
  const newer = join(dir, 'newer.sqlite');
  const future = new Database(newer);
  registerFunctions(future);
  for (const step of MIGRATIONS) future.exec(step);
  future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  future.close();
  const text = join(dir, 'text.sqlite');
  writeFileSync(text, 'not a database at all, just words');

  const core = openCore({ annotator: 'omar' });
  const report = core.call('importFiles', { paths: [other, newer, text] });
  assert.deepEqual(
    report.failed.map((f) => [f.file, f.reason.replace(f.file, 'FILE')]),
    [
      [other, "FILE is not a Hamish database (it holds another program's tables)"],
      [newer, `FILE was made by a newer Hamish (schema ${MIGRATIONS.length + 1}; this one knows ${MIGRATIONS.length})`],
      [text, 'FILE is not a Hamish database (file is not a database)'],
    ],
  );
  core.close();
});

test("a colleague's library file brings their claim cards with their layers, matched by document id and text; twice changes nothing", () => {
  const theirs = cardCorpus();
  const copy = join(tempDir(), 'colleagues.sqlite');
  copyFileSync(theirs, copy);
  const sara = openCore({ annotator: 'sara', seed: false });
  // The same article is here already, with a card of her own on it.
  addText(sara, CARD_IDS.reuters, REUTERS);
  const claim = sara.call('createSpan', { documentId: CARD_IDS.reuters, ...codePointRange(REUTERS, 'الهجوم لم يقع'), label: 'claim' }).id;
  sara.call('setStance', { claim, stance: 'denied' });

  const report = sara.call('importFiles', { paths: [copy] });
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.conflicts, []);
  const table = (file: string, annotators: string[]) =>
    readExport(exportInProcess(file, { format: 'claims-json', filters: { annotators } }, 'claims.json')).get('.');
  assert.equal(table(sara.file, ['layla', 'omar']), table(theirs, ['layla', 'omar']), 'their cards, as they have them');
  assert.match(table(sara.file, ['sara'])!, /"stance":"denied"/, 'hers stays');
  const cards = sara.call('openDocument', { id: CARD_IDS.reuters, layers: ['layla'] }).cards;
  assert.deepEqual(cards.find((card) => card.stance === 'hedged')!.roles.filter((r) => r.role === 'via').map((r) => r.order), [1, 2]);

  // Every table but sqlite_sequence: the import reserves span ids it then finds it does not need.
  const state = () => ({ ...dumpLibrary(sara.file), sqlite_sequence: [] });
  const before = state();
  const again = sara.call('importFiles', { paths: [copy] });
  assert.deepEqual(again.imported, []);
  assert.deepEqual(state(), before, 'the same library, the same history');
  sara.close();
});

test("a colleague's library from before clusters (no cards.cluster) still brings their cards", () => {
  const theirs = join(tempDir(), 'before-clusters.sqlite');
  copyFileSync(cardCorpus(), theirs);
  const db = new Database(theirs);
  db.exec('DROP INDEX cards_by_cluster; ALTER TABLE cards DROP COLUMN cluster');
  db.pragma(`user_version = ${MIGRATIONS.findIndex((sql) => sql.includes('ADD COLUMN cluster'))}`);
  db.close();
  const before = readFileSync(theirs);
  const sara = openCore({ annotator: 'sara', seed: false });
  const report = sara.call('importFiles', { paths: [theirs] });
  assert.deepEqual(report.failed, []);
  const cards = sara.call('openDocument', { id: CARD_IDS.reuters, layers: ['layla'] }).cards;
  assert.ok(cards.some((card) => card.stance === 'hedged'), 'their hedged card came in');
  assert.ok(readFileSync(theirs).equals(before), 'their file is unchanged');
  sara.close();
});

test("a colleague's library file brings what each of their layers left out of the article; twice changes nothing; a file from before scope brings none", () => {
  const layla = laylasLibrary();
  const out = codePointRange(EXTRA, 'الوفد غادر');
  layla.call('setScope', { documentId: 'amman', ...out, inScope: false });
  layla.call('setScope', { documentId: 'amman', ...codePointRange(EXTRA, 'غادر'), inScope: false, layer: 'gold' });
  // A proposal she turned down stays hers: it is about what her library proposed.
  layla.call('rejectScope', { documentId: 'amman', start: 0, end: 3 });
  layla.close();
  const copy = join(tempDir(), 'layla.sqlite');
  copyFileSync(layla.file, copy);

  const omar = openCore({ annotator: 'omar' });
  assert.deepEqual(omar.call('importFiles', { paths: [copy] }).failed, []);
  const scopeOf = (core: OpenCore, layer: string) => core.call('openDocument', { id: 'amman', layers: [layer] }).scope.out;
  assert.deepEqual(scopeOf(omar, 'layla'), [[out.start, out.end]], 'her scope is her layer’s here');
  assert.deepEqual(scopeOf(omar, 'gold'), [[codePointRange(EXTRA, 'غادر').start, out.end]], 'her gold scope comes as gold');
  const rejected = connectionOf(omar.hamish).prepare<[], string>("SELECT s.rejected FROM scopes s JOIN annotators n ON n.id = s.annotator_id WHERE n.name = 'layla'").pluck();
  assert.equal(rejected.get(), '[]');
  // Undo in omar's library takes her scope back as one step of her layer's history there.
  const history = connectionOf(omar.hamish).prepare<[], number>('SELECT count(*) FROM history WHERE scope_id IS NOT NULL').pluck();
  assert.equal(history.get(), 2);
  const state = () => ({ ...dumpLibrary(omar.file), sqlite_sequence: [] });
  const before = state();
  assert.deepEqual(omar.call('importFiles', { paths: [copy] }).failed, []);
  assert.deepEqual(state(), before, 'the same file twice: the same library, the same history');
  omar.close();

  // A library from before scope (migration 13) has no scopes table: its spans come, no scope.
  const older = join(tempDir(), 'before-scope.sqlite');
  copyFileSync(copy, older);
  const db = new Database(older);
  db.exec('DROP TABLE scopes');
  db.pragma(`user_version = ${MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE scopes'))}`);
  db.close();
  const sara = openCore({ annotator: 'sara' });
  const report = sara.call('importFiles', { paths: [older] });
  assert.deepEqual(report.failed, []);
  assert.equal(sara.call('openDocument', { id: 'amman', layers: ['layla'] }).spans.length, 1, 'her spans came');
  assert.deepEqual(scopeOf(sara, 'layla'), []);
  sara.close();
});
