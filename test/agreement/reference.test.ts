/**
 * The token measures against reference implementations: scikit-learn's cohen_kappa_score and
 * NLTK's AnnotationTask (kappa, pi, alpha), run by test/python/check_agreement.py on the CoNLL
 * export of the same library, so the tokens reach Python by another road than the report's.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import { annotatedLibrary } from '../support/annotated.ts';
import { runCli, tempDir } from '../support/hamish.ts';
import { pythonScript, pythonWith, runPython } from '../support/python.ts';

/** python3-sklearn and python3-nltk (.ci/run installs them); elsewhere these are skipped, saying why. */
const PYTHON = pythonWith('sklearn', 'nltk');

function check(conll: string, report: string) {
  return runPython(PYTHON, [pythonScript('check_agreement.py'), conll, report]);
}

async function exported(annotators: string[]): Promise<{ dir: string; conll: string; report: string }> {
  const db = await annotatedLibrary(6, { annotators, spansEach: 10, seed: 6 });
  const dir = tempDir();
  const conll = join(dir, 'export.conll');
  const exportRun = await runCli(['export', '--status', 'all', '--format', 'conll', '--annotators', annotators.join(','), '--out', conll, '--db', db]);
  assert.equal(exportRun.code, 0, exportRun.stderr);
  // Widened spans are welcome (an edge inside a token: the token is in, by both rules); lost ones are not.
  assert.doesNotMatch(exportRun.stderr, /could not be written/);
  const agreement = await runCli(['agreement', '--json', '--annotators', annotators.join(','), '--db', db]);
  assert.equal(agreement.code, 0, agreement.stderr);
  const report = join(dir, 'agreement.json');
  writeFileSync(report, agreement.stdout);
  return { dir, conll, report };
}

describe('agreement against scikit-learn and NLTK (test/python/check_agreement.py)', { skip: PYTHON.skip }, () => {
  test('three annotators: every pair, the means, Fleiss and alpha, per document and pooled', async () => {
    const { conll, report } = await exported(['layla', 'omar', 'sara']);
    const result = check(conll, report);
    assert.equal(result.stderr, '');
    // 6 documents and the corpus, 5 rows each (four labels and all), 3 pairs × 2 + 3 overall.
    assert.equal(result.stdout, `ok: ${7 * 5 * 9} comparisons\n`);
    assert.equal(result.code, 0);
  });

  test('two annotators', async () => {
    const { conll, report } = await exported(['omar', 'layla']);
    const result = check(conll, report);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, `ok: ${7 * 5 * 5} comparisons\n`);
  });

  test('the checker fails on a kappa off by a little, and on a null where the reference has a value', async () => {
    const { conll, report } = await exported(['layla', 'omar', 'sara']);
    const data = JSON.parse(readFileSync(report, 'utf8')) as AgreementReport;
    const all = data.corpus.labels.at(-1)!;
    all.pairs[1]!.kappa! += 1e-6;
    all.overall.fleissKappa = null;
    writeFileSync(report, JSON.stringify(data));
    const result = check(conll, report);
    assert.equal(result.code, 1);
    const problems = result.stderr.split('\n').filter((line) => line !== '');
    assert.match(problems[0]!, /^corpus all layla\/sara kappa: report says [\d.]+, reference [\d.]+$/);
    assert.match(problems[1]!, /^corpus all Fleiss' kappa: report says None, reference [\d.]+$/);
    assert.match(problems[2]!, /^2 problems in \d+ comparisons$/);
  });
});
