/** The gold layer exports alone (`--gold`, `filters.gold`) in every format, as any layer does. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExportFormat } from '../../electron/contract/contract.ts';
import { addText, codePointRange, openCore } from '../support/core.ts';
import { assertCliError, parseJsonl, runCli, tempDir } from '../support/hamish.ts';
import { checkerFor, runChecker } from '../support/python.ts';

const TEXT = 'قال المتحدث باسم الجيش إن القوات وصلت إلى بغداد يوم الاثنين.';

/** Two annotators; the lead accepts their agreed claim and one of their versions of بغداد. */
function reviewedLibrary(): { db: string; doc: string } {
  const core = openCore({ seed: false, annotator: 'layla' });
  const doc = addText(core, 'baghdad', TEXT);
  const claim = { start: codePointRange(TEXT, 'القوات').start, end: codePointRange(TEXT, 'الاثنين').end };
  core.call('createSpan', { documentId: doc, ...claim, label: 'claim' });
  core.call('createSpan', { documentId: doc, ...codePointRange(TEXT, 'بغداد'), label: 'location' });
  core.call('setAnnotator', { name: 'omar' });
  core.call('createSpan', { documentId: doc, ...claim, label: 'claim' });
  core.call('createSpan', { documentId: doc, ...codePointRange(TEXT, 'بغداد'), label: 'actor' });
  core.call('setAnnotator', { name: 'lead' });
  core.call('acceptAgreed', { documentId: doc, annotators: ['layla', 'omar'] });
  core.call('decide', { documentId: doc, version: { ...codePointRange(TEXT, 'بغداد'), label: 'location' }, verdict: 'accept' });
  core.close();
  return { db: core.file, doc };
}

test('hamish export --gold writes the gold layer alone, in every format', async () => {
  const { db, doc } = reviewedLibrary();
  const jsonl = await runCli(['export', '--db', db, '--gold']);
  assert.equal(jsonl.code, 0, jsonl.stderr);
  const [document] = parseJsonl(jsonl.stdout);
  assert.equal(document!.id, doc);
  assert.deepEqual(
    document!.spans.map((s) => [s.label, s.text, s.annotator]),
    [
      ['claim', 'القوات وصلت إلى بغداد يوم الاثنين', 'gold'],
      ['location', 'بغداد', 'gold'],
    ],
  );
  for (const format of ExportFormat.options) {
    const out = join(tempDir(), `gold-${format}`);
    const result = await runCli(['export', '--db', db, '--gold', '--format', format, '--out', out]);
    assert.equal(result.code, 0, `${format}: ${result.stderr}`);
    assert.match(result.stderr, /^wrote 1 document, 2 spans to .* \(reviewed only\)$/m, format);
  }
});

test('--gold is the gold layer alone: not with --annotator(s), nor together in the contract', async () => {
  const { db } = reviewedLibrary();
  assertCliError(await runCli(['export', '--db', db, '--gold', '--annotator', 'layla']), /--gold is the gold layer alone/);
  const core = openCore({ file: db });
  try {
    assert.throws(
      () => core.callRaw('exportDataset', { format: 'jsonl', out: join(tempDir(), 'x.jsonl'), filters: { gold: true, annotators: ['layla'] } }),
      /gold layer or annotators, not both/,
    );
    // An export that names gold as an annotator is the same layer.
    const out = join(tempDir(), 'named.jsonl');
    assert.equal(core.call('exportDataset', { format: 'jsonl', out, filters: { annotators: ['gold'] } }).spans, 2);
  } finally {
    core.close();
  }
});

test('--gold leaves out the documents nobody reviewed, and says so; --status all takes them, with no spans', async () => {
  const { db } = reviewedLibrary();
  const core = openCore({ file: db });
  addText(core, 'untouched', 'لم يراجع أحد هذا الخبر بعد.');
  core.close();
  // An unreviewed document's empty gold layer would read as "no entities here" to a trainer.
  const out = join(tempDir(), 'gold.jsonl');
  const result = await runCli(['export', '--db', db, '--gold', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, `wrote 1 document, 2 spans to ${out} (reviewed only; 1 other document left out: --status all exports every one)\n`);
  assert.deepEqual(parseJsonl(readFileSync(out, 'utf8')).map((d) => d.id), ['baghdad']);
  const all = await runCli(['export', '--db', db, '--gold', '--status', 'all']);
  assert.deepEqual(parseJsonl(all.stdout).map((d) => [d.id, d.spans.length]), [['baghdad', 2], ['untouched', 0]]);
});

test('Label Studio: the gold layer is the ground_truth annotation; --predictions sends a layer as pre-annotations', { skip: checkerFor('labelstudio').skip }, async () => {
  const { db } = reviewedLibrary();
  const reference = join(tempDir(), 'reference.jsonl');
  assert.equal((await runCli(['export', '--db', db, '--status', 'all', '--out', reference])).code, 0);
  const plain = join(tempDir(), 'ls');
  assert.equal((await runCli(['export', '--db', db, '--status', 'all', '--format', 'labelstudio', '--out', plain])).code, 0);
  assert.deepEqual(runChecker(checkerFor('labelstudio'), 'check_export.py', reference, 'labelstudio', plain), { code: 0, stdout: 'ok: 6 spans\n', stderr: '' });

  const out = join(tempDir(), 'ls-predictions');
  const result = await runCli(['export', '--db', db, '--status', 'all', '--format', 'labelstudio', '--predictions', 'layla', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const [task] = JSON.parse(readFileSync(join(out, 'tasks.json'), 'utf8')) as LabelStudioTask[];
  assert.deepEqual(
    task!.annotations.map((a) => [a.completed_by.first_name, a.ground_truth]),
    [['gold', true], ['omar', false]],
  );
  assert.deepEqual(
    task!.predictions!.map((p) => [p.model_version, p.result.map((r) => r.value.labels[0])]),
    [['layla', ['CLAIM', 'LOCATION']]],
  );
  assertCliError(await runCli(['export', '--db', db, '--status', 'all', '--format', 'labelstudio', '--predictions', 'nobody', '--out', join(tempDir(), 'x')]), /predictions: "nobody" is not one of the exported layers \(gold, layla, omar\)/);
  assertCliError(await runCli(['export', '--db', db, '--predictions', 'layla']), /--predictions is for --format labelstudio/);
});

interface LabelStudioTask {
  annotations: { completed_by: { first_name: string }; ground_truth: boolean }[];
  predictions?: { model_version: string; result: { value: { labels: string[] } }[] }[];
}
