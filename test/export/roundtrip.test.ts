/**
 * Each of our exports comes back with what it holds: exported, imported into an empty library and
 * exported again, it gives the same bytes (JSONL whole; doccano, Prodigy, Label Studio and brat as
 * far as their fields go, which the second export can only repeat if the import kept them).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { clusteredLibrary } from '../support/clusters.ts';
import { openCore } from '../support/core.ts';
import { exportCorpus, exportInProcess, importIntoEmpty, readExport, type ExportRequest } from '../support/export-corpus.ts';
import { tempDir } from '../support/hamish.ts';
import { checkerFor, runChecker } from '../support/python.ts';

/** The export corpus, and a document with metadata that the others lack. */
function corpusWithMeta(): string {
  const db = exportCorpus();
  const file = join(tempDir(), 'meta.jsonl');
  const text = 'أعلنت الوزارة في عمّان عن موعد الانتخابات.';
  writeFileSync(file, JSON.stringify({ id: 'd-meta', text, url: 'https://example.org/1', section: 'سياسة' }) + '\n');
  const core = openCore({ file: db, annotator: 'layla' });
  try {
    assert.deepEqual(core.call('importFiles', { paths: [file] }).failed, []);
  } finally {
    core.close();
  }
  return db;
}

describe('export → import into an empty library → export', () => {
  let db: string;
  before(() => {
    db = corpusWithMeta();
  });

  const CASES: readonly ExportRequest[] = [
    { format: 'jsonl' },
    { format: 'jsonl', manifest: true },
    { format: 'doccano' },
    { format: 'prodigy' },
    { format: 'brat' },
    { format: 'brat', filters: { annotators: ['omar'] } },
    { format: 'labelstudio' },
    { format: 'labelstudio', predictions: 'omar' },
  ];
  for (const request of CASES) {
    test(`${JSON.stringify(request)} gives the same bytes`, () => {
      const name = (which: string) => (request.format === 'brat' || request.format === 'labelstudio' ? which : `${which}.jsonl`);
      const first = exportInProcess(db, request, name('first'));
      const { db: copy, report } = importIntoEmpty(first);
      assert.deepEqual(report.failed, []);
      assert.deepEqual(report.conflicts, []);
      const second = exportInProcess(copy, request, name('second'));
      assert.deepEqual(readExport(second), readExport(first));
    });
  }

  test('jsonl with claim clusters gives the same bytes: the cluster ids come back as they were', () => {
    const first = exportInProcess(clusteredLibrary().file, { format: 'jsonl' }, 'clusters-first.jsonl');
    assert.match(readFileSync(first, 'utf8'), /"cluster":"[A-Za-z0-9_-]{8}"/);
    const { db: copy, report } = importIntoEmpty(first);
    assert.deepEqual(report.failed, []);
    assert.deepEqual(readExport(exportInProcess(copy, { format: 'jsonl' }, 'clusters-second.jsonl')), readExport(first));
  });

  test('doccano: pandas reads every line without NaN, the same keys on each', { skip: checkerFor('doccano').skip }, () => {
    const reference = exportInProcess(db, { format: 'jsonl' }, 'reference.jsonl');
    const out = exportInProcess(db, { format: 'doccano' }, 'doccano.jsonl');
    assert.deepEqual(runChecker(checkerFor('doccano'), 'check_export.py', reference, 'doccano', out), { code: 0, stdout: 'ok: 12 spans\n', stderr: '' });
  });

  test("Prodigy: a task's own meta.id never passes for the library's id", () => {
    const file = join(tempDir(), 'tasks.jsonl');
    // Another tool's task: its hash is not ours, so its meta.id is metadata like any other.
    writeFileSync(file, JSON.stringify({ text: 'قال الوزير إن الوفد وصل.', meta: { id: 'stale-7' }, _input_hash: 1, _task_hash: 2, answer: 'accept' }) + '\n');
    const { db: copy, report } = importIntoEmpty(file);
    assert.deepEqual(report.imported.map((entry) => entry.id), ['tasks-1']);
    const [task] = readExport(exportInProcess(copy, { format: 'prodigy' }, 'prodigy.jsonl')).get('.')!.trimEnd().split('\n');
    const { meta, _input_hash: hash } = JSON.parse(task!) as { meta: Record<string, unknown>; _input_hash: number };
    assert.equal(meta.id, 'tasks-1');
    assert.equal(meta.answer, 'accept', "another tool's answer stays with the article");
    assert.notEqual(hash, 1, 'the hashes are worked out anew');
  });

  test('the manifest line of a jsonl --manifest export is no article', () => {
    const out = exportInProcess(db, { format: 'jsonl', manifest: true }, 'with-manifest.jsonl');
    const { report } = importIntoEmpty(out);
    assert.deepEqual(report.failed, []);
    assert.deepEqual(report.imported.map((entry) => [entry.line, entry.id]), [[2, 'a-emoji'], [3, 'b-clitic'], [4, 'c-untagged'], [5, 'd-meta']]);
  });
});
