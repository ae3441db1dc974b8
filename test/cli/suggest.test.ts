import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { assertCliError, runCli, tempDir, writeFiles } from '../support/hamish.ts';

const ARTICLE = 'قال مسؤول أمس إن صواريخ أطلقت من العراق على قاعدة في سوريا، وإن العراق سيرد.';
/** "start-end" of the n-th `needle` in ARTICLE, in code points (all of ARTICLE is in the BMP). */
const at = (needle: string, n = 0) => {
  let index = -1;
  for (let k = 0; k <= n; k++) index = ARTICLE.indexOf(needle, index + 1);
  return `${index}-${index + needle.length}`;
};

/** A library of one article (not the seeds), through the real CLI. */
async function library(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  writeFiles(dir, { 'article.txt': ARTICLE });
  const db = join(dir, 'library.sqlite');
  const imported = await runCli(['import', join(dir, 'article.txt'), '--db', db, '--no-seeds']);
  assert.equal(imported.code, 0, imported.stderr);
  return { dir, db };
}

describe('hamish suggest', () => {
  test('prints the suggestions, a gazetteer added first with its bad rows at file:line', async () => {
    const { dir, db } = await library();
    writeFiles(dir, { 'places.csv': 'name,label,variants\nالعراق,location,\nسوريا,place,\n' });
    const result = await runCli(['suggest', '--db', db, '--gazetteer', join(dir, 'places.csv')]);
    assert.equal(result.code, 1, 'a gazetteer with bad rows makes the run unclean');
    assert.match(result.stderr, new RegExp(`places\\.csv:3: "place" is not a label a name can have`));
    const lines = result.stdout.trimEnd().split('\n').map((line) => line.split('\t').slice(1));
    const claim = 'صواريخ أطلقت من العراق على قاعدة في سوريا';
    assert.deepEqual(lines, [
      [at('مسؤول'), 'actor', 'reporting', 'مسؤول'],
      [at('أمس'), 'date', 'dates', 'أمس'],
      [at(claim), 'claim', 'reporting', claim],
      [at('العراق'), 'location', 'gazetteer', 'العراق'],
      [at('العراق', 1), 'location', 'gazetteer', 'العراق'],
    ]);

    const json = await runCli(['suggest', '--db', db, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const [record] = json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { document: string; suggestions: unknown[] });
    assert.equal(record!.document, 'article');
    assert.equal(record!.suggestions.length, 5);
  });

  test('--into LAYER writes them as spans of a layer of its own; nothing is in anyone else’s', async () => {
    const { db } = await library();
    const result = await runCli(['suggest', '--db', db, '--into', 'suggested']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /wrote 3 spans and 0 out-of-scope stretches into the layer "suggested" in 1 documents/);
    const sqlite = new Database(db, { readonly: true });
    try {
      const rows = sqlite
        .prepare('SELECT n.name, a.label, a.start, a."end" FROM annotations a JOIN annotators n ON n.id = a.annotator_id ORDER BY a.start')
        .all();
      const row = (label: string, needle: string) => ({ name: 'suggested', label, start: ARTICLE.indexOf(needle), end: ARTICLE.indexOf(needle) + needle.length });
      assert.deepEqual(rows, [row('actor', 'مسؤول'), row('date', 'أمس'), row('claim', 'صواريخ أطلقت من العراق على قاعدة في سوريا')]);
    } finally {
      sqlite.close();
    }
    // Written once: a second run proposes nothing over the layer's own spans.
    const again = await runCli(['suggest', '--db', db, '--into', 'suggested']);
    assert.match(again.stderr, /wrote 0 spans/);
  });

  test('the proposed scope is printed, and --into leaves it out of the layer before suggesting', async () => {
    const dir = tempDir();
    const boilerplate = '\n\nكلمات دلالية: العراق سوريا أمس';
    writeFiles(dir, { 'article.txt': ARTICLE + boilerplate });
    const db = join(dir, 'library.sqlite');
    assert.equal((await runCli(['import', join(dir, 'article.txt'), '--db', db, '--no-seeds'])).code, 0);
    const printed = await runCli(['suggest', '--db', db]);
    assert.equal(printed.code, 0, printed.stderr);
    const scope = printed.stdout.split('\n').filter((line) => line.includes('\tout of scope\t'));
    assert.equal(scope.length, 1, printed.stdout);
    const [from, to] = scope[0]!.split('\t')[1]!.split('-').map(Number);
    assert.equal(ARTICLE.length + boilerplate.length, to);
    assert.ok(from! >= ARTICLE.length, 'the article itself stays in scope');
    // Without scope both أمس are dates; with it the one in the tag line is left out.
    assert.equal(printed.stdout.split('\n').filter((line) => line.endsWith('\tأمس')).length, 2);

    const written = await runCli(['suggest', '--db', db, '--into', 'suggested']);
    assert.match(written.stderr, /wrote 3 spans and 1 out-of-scope stretches/);
    const sqlite = new Database(db, { readonly: true });
    try {
      assert.deepEqual(sqlite.prepare("SELECT label, start FROM annotations WHERE label = 'date'").all(), [{ label: 'date', start: ARTICLE.indexOf('أمس') }]);
    } finally {
      sqlite.close();
    }
  });

  test('refuses --into with --json, and a document that is not there', async () => {
    const { db } = await library();
    assertCliError(await runCli(['suggest', '--db', db, '--into', 'x', '--json']), /choose one/);
    assertCliError(await runCli(['suggest', '--db', db, '--document', 'nope']), /no document "nope"/);
  });
});
