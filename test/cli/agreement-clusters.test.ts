/** `hamish agreement --clusters`: MUC, B³, CEAF-e and CoNLL per pair, as a table and as --json, from the real CLI. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ClusterAgreement } from '../../electron/contract/contract.ts';
import { coreference } from '../../electron/core/agreement/coreference.ts';
import { twoAnnotators } from '../support/clusters.ts';
import { assertCliError, runCli } from '../support/hamish.ts';

describe('hamish agreement --clusters', () => {
  let db: string;
  before(() => {
    db = twoAnnotators();
  });
  // amal {000 002 004} {001} against badr {000 002} {004 001}, as letters.
  const expected = coreference([[...'abc'], ['d']], [[...'ab'], [...'cd']]);

  test('--json: the pair scored as the reference scorer does', async () => {
    const result = await runCli(['agreement', '--clusters', '--json', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as ClusterAgreement;
    assert.deepEqual(report.annotators, ['amal', 'badr']);
    assert.equal(report.documents, 4);
    const [pair] = report.pairs;
    assert.deepEqual(pair?.mentions, { first: 4, second: 4, matched: 4 });
    assert.deepEqual({ muc: pair?.muc, bcubed: pair?.bcubed, ceafe: pair?.ceafe, conll: pair?.conll }, expected);
  });

  test('the table: a row per pair, three decimals', async () => {
    const result = await runCli(['agreement', '--clusters', '--annotators', 'badr,amal', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const [title, , heading, row] = result.stdout.trimEnd().split('\n');
    assert.equal(title, 'Cluster agreement of badr, amal on 4 documents (key: the first of each pair)');
    assert.deepEqual(heading!.split(/\s{2,}/), ['pair', 'claims', 'matched', 'MUC R', 'P', 'F1', 'B³ R', 'P', 'F1', 'CEAF-e R', 'P', 'F1', 'CoNLL']);
    const cells = row!.split(/\s+/);
    assert.deepEqual(cells.slice(0, 3), ['badr/amal', '4/4', '4']);
    // badr is the key now: MUC recall and precision swap.
    assert.deepEqual(cells.slice(3, 5), [expected.muc.precision.toFixed(3), expected.muc.recall.toFixed(3)]);
    assert.equal(cells.at(-1), expected.conll.toFixed(3));
  });

  test('--label does not go with --clusters; the library is not opened for a bad command line', async () => {
    assertCliError(await runCli(['agreement', '--clusters', '--label', 'claim', '--db', db]), /--clusters measures claims: --label does not go with it/);
  });
});
