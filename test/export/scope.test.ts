/**
 * Scope in the files, through the real CLI: Hamish JSONL says what each layer left out of the
 * article (`scope`), importing it brings that back (a round trip gives the same bytes), a record
 * whose span lies in its own out-of-scope text fails at its line, and CoNLL leaves out-of-scope
 * text out of the file rather than tagging it O. Agreement does not count it either.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codePointRange, openCore } from '../support/core.ts';
import { parseConll } from '../support/conll.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { runCli, tempDir } from '../support/hamish.ts';

const DOC = SEED_IDS[0]!;

/** A library where layla tagged the first seed and left its boilerplate (from «المصدر») out; omar tagged it too. */
function library(): { db: string; text: string; boilerplate: number } {
  const core = openCore({ annotator: 'layla' });
  const { text } = core.call('openDocument', { id: DOC });
  const boilerplate = codePointRange(text, 'المصدر: صدى البلد').start;
  core.call('createSpan', { documentId: DOC, ...codePointRange(text, 'وكالة رويترز'), label: 'actor' });
  core.call('setScope', { documentId: DOC, start: boilerplate, end: [...text].length, inScope: false });
  core.call('setScope', { documentId: DOC, start: 19, end: 26, inScope: false }); // «نقلا عن»
  core.call('setAnnotator', { name: 'omar' });
  core.call('createSpan', { documentId: DOC, ...codePointRange(text, 'وكالة رويترز'), label: 'actor' });
  // In layla's boilerplate: omar tagged what she left out.
  core.call('createSpan', { documentId: DOC, ...codePointRange(text, 'صدى البلد'), label: 'actor' });
  core.close();
  return { db: core.file, text, boilerplate };
}

test('JSONL carries scope, and exported, imported into an empty library and exported again gives the same bytes', async () => {
  const { db, boilerplate } = library();
  const first = join(tempDir(), 'first.jsonl');
  const exported = await runCli(['export', '--db', db, '--status', 'all', '--out', first]);
  assert.equal(exported.code, 0, exported.stderr);
  const record = readFileSync(first, 'utf8').split('\n').map((line) => JSON.parse(line || 'null')).find((r) => r?.id === DOC);
  assert.deepEqual(record.scope, [{ annotator: 'layla', out: [[19, 26], [boilerplate, 3791]] }]);
  assert.equal(readFileSync(first, 'utf8').split('\n').filter((line) => line.includes('"scope"')).length, 1, 'only where a layer left text out');

  const copy = join(tempDir(), 'copy.sqlite');
  const imported = await runCli(['import', '--db', copy, '--no-seeds', first]);
  assert.equal(imported.code, 0, imported.stderr);
  const second = join(tempDir(), 'second.jsonl');
  assert.equal((await runCli(['export', '--db', copy, '--status', 'all', '--out', second])).code, 0);
  assert.equal(readFileSync(second, 'utf8'), readFileSync(first, 'utf8'));

  // Imported scope is a step of the layer's history, and takes no spans.
  const core = openCore({ file: copy, annotator: 'layla' });
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, [[19, 26], [boilerplate, 3791]]);
  assert.throws(() => core.call('createSpan', { documentId: DOC, start: boilerplate + 8, end: boilerplate + 11, label: 'actor' }), /out of scope/);
  assert.equal(core.call('undo', { documentId: DOC })?.spans.length, 1, "layla's span came in after her scope");
  assert.deepEqual(core.call('undo', { documentId: DOC })?.scope?.out, []);
  core.close();
});

test('a record whose span lies in its own out-of-scope text, or with a bad range, fails at its line', async () => {
  const text = 'قال الرئيس في الرياض إن الاجتماع سيعقد.\nاقرأ أيضا: خبر آخر عن عمان';
  const cue = text.indexOf('اقرأ');
  const end = text.length;
  const line = (scope: unknown, spans: unknown[] = []) => JSON.stringify({ id: 'x', text, offset_unit: 'codepoint', spans, scope });
  const file = join(tempDir(), 'bad.jsonl');
  const cases: [string, RegExp][] = [
    [
      line([{ annotator: 'layla', out: [[cue, end]] }], [{ start: end - 4, end, label: 'location', text: 'عمان', annotator: 'layla' }]),
      new RegExp(`bad\\.jsonl:1: span ${end - 4}–${end} \\("عمان"\\) lies in text marked out of scope \\(${cue}–${end}\\)`),
    ],
    [line([{ annotator: 'layla', out: [[cue, 99]] }]), new RegExp(`bad\\.jsonl:1: scope 1: range 1 \\(${cue}–99\\) runs past the end of the text \\(${end} code points\\)`)],
    [line([{ annotator: 'layla', out: [[5, 5]] }]), /bad\.jsonl:1: scope 1: range 1 \(\[5,5\]\) is not \[start, end\] with 0 ≤ start < end/],
    [line({ out: [] }), /bad\.jsonl:1: "scope" is not a list/],
  ];
  for (const [content, reason] of cases) {
    writeFileSync(file, content + '\n');
    const db = join(tempDir(), 'lib.sqlite');
    const result = await runCli(['import', '--db', db, '--no-seeds', file]);
    assert.match(result.stdout + result.stderr, reason);
  }
});

test('CoNLL leaves out-of-scope text out instead of tagging it O', async () => {
  const { db, text } = library();
  const out = join(tempDir(), 'layla.conll');
  const result = await runCli(['export', '--db', db, '--format', 'conll', '--status', 'all', '--annotators', 'layla', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const [document] = parseConll(readFileSync(out, 'utf8'));
  const tokens = document!.flat().map((row) => row.token);
  assert.ok(tokens.includes('رويترز'));
  for (const gone of ['صدى', 'دلالية', 'مشابهة', 'السوداني']) assert.ok(!tokens.includes(gone), `${gone} is left out`);
  // «نقلا عن» (19–26) is gone from the first sentence, which ends where it was cut.
  assert.equal(text.slice(19, 26), 'نقلا عن');
  assert.deepEqual(document![0]!.map((row) => row.token), ['أفادت', 'وكالة', 'رويترز']);
  assert.equal(document![1]![0]!.token, 'مسؤول');
});

test('agreement leaves out text either annotator left out of the article', async () => {
  const { db } = library();
  const result = await runCli(['agreement', '--db', db, '--annotators', 'layla,omar', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  const actor = JSON.stringify(report);
  // omar's span in layla's boilerplate is not a disagreement, and the one they share agrees.
  assert.ok(!actor.includes('صدى البلد'), 'the span in out-of-scope text is not counted');
  const core = openCore({ file: db });
  const page = core.call('agreementDisagreements', { annotators: ['layla', 'omar'], label: 'actor', pair: ['layla', 'omar'] });
  assert.deepEqual(page, { total: 0, disagreements: [] });
  const summary = core.call('agreementSummary', { annotators: ['layla', 'omar'] });
  assert.match(JSON.stringify(summary), /"actor"/);
  core.close();
});
