import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import { annotatedLibrary } from '../support/annotated.ts';
import { assertCliError, runCli, tempDir } from '../support/hamish.ts';

const NUMBER = /^-?\d\.\d{3}$|^—$/;

describe('hamish agreement', () => {
  // Read only by every test: built once.
  let db: string;
  before(async () => {
    db = await annotatedLibrary();
  });

  test('prints a table per measure: a row per label, a column per pair, then the mean and all at once', async () => {
    const result = await runCli(['agreement', '--db', db]);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    const blocks = result.stdout.trimEnd().split('\n\n');
    assert.equal(blocks[0], 'Agreement of layla, omar, sara on 3 documents');
    const titles = ['exact F1', 'partial F1', "Cohen's kappa (tokens)", "Krippendorff's alpha (tokens)", 'alphaU (code points)'];
    assert.deepEqual(blocks.slice(1, 6).map((b) => b.split('\n')[0]!.split(/\s{2,}/)[0]), titles);
    for (const block of blocks.slice(1, 6)) {
      const [heading, ...rows] = block.split('\n');
      const columns = heading!.split(/\s{2,}/).slice(1);
      assert.deepEqual(columns.slice(0, 4), ['layla/omar', 'layla/sara', 'omar/sara', 'mean']);
      assert.deepEqual(rows.map((r) => r.split(/\s+/)[0]), ['claim', 'actor', 'location', 'date', 'all']);
      for (const row of rows) {
        const cells = row.trim().split(/\s+/).slice(1);
        assert.equal(cells.length, columns.length, row);
        for (const cell of cells) assert.match(cell, NUMBER, row);
      }
    }
    assert.match(blocks[3]!.split('\n')[0]!, /  Fleiss$/);
    assert.match(blocks[6]!, /^\d+ spans not made by everyone; --json lists them/);

    // The table shows the report's corpus figures.
    const json = JSON.parse((await runCli(['agreement', '--json', '--db', db])).stdout) as AgreementReport;
    const allRow = blocks[1]!.split('\n').find((r) => r.startsWith('all'))!.trim().split(/\s+/);
    const all = json.corpus.labels.at(-1)!;
    assert.deepEqual(allRow.slice(1), [...all.pairs.map((p) => p.exact.f1!.toFixed(3)), all.overall.mean.exactF1!.toFixed(3)]);
  });

  test('--json is the whole report; --annotators, --document and --label choose', async () => {
    const result = await runCli(['agreement', '--json', '--annotators', 'sara,layla', '--document', 'article-2', '--document', 'article-3', '--label', 'actor,date', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as AgreementReport;
    assert.deepEqual(report.annotators, ['sara', 'layla']);
    assert.deepEqual(report.documents.map((d) => d.id), ['article-2', 'article-3']);
    assert.deepEqual(report.labels, ['actor', 'date']);
    assert.ok(report.disagreements.length > 0);
    for (const d of report.disagreements) {
      assert.ok(['article-2', 'article-3'].includes(d.document));
      assert.ok(['actor', 'date'].includes(d.label));
      assert.equal(d.by.length + d.missing.length, 2);
    }
  });

  test('two annotators: one column, no mean', async () => {
    const result = await runCli(['agreement', '--annotators', 'omar,sara', '--label', 'location', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^exact F1 {2}omar\/sara\nlocation +-?\d\.\d{3}\nall +-?\d\.\d{3}\n/m);
  });

  test('refuses one annotator, an unknown one, an unknown document or label, and opens no library for a bad line', async () => {
    assertCliError(await runCli(['agreement', '--annotators', 'layla', '--db', db]), /^hamish: agreement: .*two or more annotators/);
    assertCliError(await runCli(['agreement', '--annotators', 'layla,nadia', '--db', db]), /^hamish: unknown annotator "nadia" \(annotators with spans: layla, omar, sara\)$/);
    assertCliError(await runCli(['agreement', '--document', 'article-9', '--db', db]), /^hamish: no document "article-9" in the library$/);
    assertCliError(await runCli(['agreement', '--label', 'person', '--db', db]), /^hamish: agreement: .*labels/);
    const never = join(tempDir(), 'never.sqlite');
    assertCliError(await runCli(['agreement', '--annotators', 'layla', '--db', never]), /two or more annotators/);
    assert.ok(!existsSync(never));
  });
});
