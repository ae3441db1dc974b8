/**
 * MUC, B³ and CEAF-e against the reference CoNLL-2012 scorer's own test cases
 * (conll/reference-coreference-scorers, test/CorefMetricTestConfig.pm and TestCases.README): the
 * key TC-A is {a} {b c} {d e f}; each response below is its TC-A-n file's entities, mentions
 * with the wrong boundaries or not in the key written as other letters (B for a b that is a
 * different span, x y z and j for mentions of nothing in the key). The expected values are the
 * configuration's, as fractions. Then the same through the core: two annotators' claims and
 * clusters across documents.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bcubed, ceafe, coreference, maxAssignment, muc, type CorefScore, type Entity } from '../../electron/core/agreement/coreference.ts';
import { twoAnnotators } from '../support/clusters.ts';
import { assertHamishError, openCore } from '../support/core.ts';

const entities = (text: string): Entity[] => text.split(' ').map((entity) => [...entity]);
const KEY = entities('a bc def');

type Expected = readonly [recall: number, precision: number, f1: number];
const f1 = (r: number, p: number) => (2 * r * p) / (r + p);

const CASES: readonly { id: string; response: string; muc?: Expected; bcubed?: Expected; ceafe?: Expected }[] = [
  { id: 'A1', response: 'a bc def', muc: [1, 1, 1], bcubed: [1, 1, 1], ceafe: [1, 1, 1] },
  { id: 'A2', response: 'a de', muc: [1 / 3, 1, 0.5], bcubed: [7 / 3 / 6, 1, 14 / 25], ceafe: [0.6, 0.9, 0.72] },
  {
    id: 'A3',
    response: 'a bcx defy z',
    muc: [1, 3 / 5, 0.75],
    bcubed: [1, (4 + 7 / 12) / 9, 110 / 163],
    ceafe: [(1 + 4 / 5 + 6 / 7) / 3, (1 + 4 / 5 + 6 / 7) / 4, f1((1 + 4 / 5 + 6 / 7) / 3, (1 + 4 / 5 + 6 / 7) / 4)],
  },
  {
    id: 'A4',
    response: 'a bcx dy z',
    muc: [1 / 3, 1 / 3, 1 / 3],
    bcubed: [(3 + 1 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7, f1(5 / 9, 17 / 42)],
    ceafe: [0.73333, 0.55, 0.62857],
  },
  {
    id: 'A5',
    response: 'a bcxB dy z',
    muc: [1 / 3, 1 / 4, 2 / 7],
    bcubed: [(3 + 1 / 3) / 6, 2.5 / 8, f1(5 / 9, 5 / 16)],
    ceafe: [0.68889, 0.51667, 0.59048],
  },
  {
    id: 'A6',
    response: 'a bcx dy Bz',
    muc: [1 / 3, 1 / 4, 2 / 7],
    bcubed: [10 / 3 / 6, (1 + 4 / 3 + 1 / 2) / 8, f1(5 / 9, 17 / 48)],
    ceafe: [0.73333, 0.55, 0.62857],
  },
  { id: 'A10', response: 'a b c d e f', muc: [0, 0, 0], bcubed: [3 / 6, 1, 2 / 3] },
  { id: 'A11', response: 'abcdef', muc: [1, 3 / 5, 6 / 8], bcubed: [1, (1 / 6 + (2 * 2) / 6 + (3 * 3) / 6) / 6, 14 / 25] },
  // TC-A-12: a, c, d and e alone, b and f with wrong boundaries (B, F), and a mention of junk (j).
  { id: 'A12', response: 'a B j c d e F', muc: [0, 0, 0], bcubed: [13 / 36, 4 / 7, f1(13 / 36, 4 / 7)] },
  // TC-A-13: the same seven mentions in one entity.
  { id: 'A13', response: 'aBjcdeF', muc: [1 / 3, 1 / 6, 2 / 9], bcubed: [(1 + 1 / 2 + (2 * 2) / 3) / 6, (1 / 7 + 1 / 7 + (2 * 2) / 7) / 7, f1(17 / 36, 6 / 49)] },
];

function near(actual: CorefScore, expected: Expected, what: string): void {
  const tolerance = 1e-5; // the configuration's decimals are given to five places
  for (const [i, field] of (['recall', 'precision', 'f1'] as const).entries()) {
    assert.ok(Math.abs(actual[field] - expected[i]!) < tolerance, `${what} ${field}: ${actual[field]} is not ${expected[i]}`);
  }
}

for (const c of CASES) {
  test(`the reference scorer's ${c.id}`, () => {
    const response = entities(c.response);
    if (c.muc) near(muc(KEY, response), c.muc, 'MUC');
    if (c.bcubed) near(bcubed(KEY, response), c.bcubed, 'B³');
    if (c.ceafe) near(ceafe(KEY, response), c.ceafe, 'CEAF-e');
  });
}

test('the README\'s worked CEAF-e sums, and an assignment that a greedy choice gets wrong', () => {
  // TC3: common = 1 + 4/5 + 6/7.
  assert.ok(Math.abs(ceafe(KEY, entities('a bcx defy z')).recall * 3 - (1 + 4 / 5 + 6 / 7)) < 1e-12);
  // Greedy takes 0.9 and then 0.1 (1.0); the best is 0.8 + 0.8.
  assert.ok(Math.abs(maxAssignment([[0.9, 0.8], [0.8, 0.1]]) - 1.6) < 1e-12);
  assert.equal(maxAssignment([[0.5], [0.7], [0.2]]), 0.7, 'more rows than columns');
  assert.equal(coreference(KEY, KEY).conll, 1);
});

// --- through the core: claims are mentions, matched by range within a document ---

test('cluster agreement of two annotators through the core: as the scorer, over claims across documents', () => {
  const core = openCore({ file: twoAnnotators() });
  const report = core.call('clusterAgreement', { annotators: ['amal', 'badr'] });
  assert.deepEqual(report.annotators, ['amal', 'badr']);
  const pair = report.pairs[0]!;
  assert.deepEqual(pair.mentions, { first: 4, second: 4, matched: 4 });
  // amal: {000 002 004} {001}; badr: {000 002} {004 001}.
  const letters = { key: entities('abc d'), response: entities('ab cd') };
  const expected = coreference(letters.key, letters.response);
  assert.deepEqual(pair.muc, expected.muc);
  assert.deepEqual(pair.bcubed, expected.bcubed);
  assert.deepEqual(pair.ceafe, expected.ceafe);
  // MUC by hand: recall (3 − 2) / 2, precision (1 + 0) / 2.
  assert.equal(pair.muc.recall, 1 / 2);
  assert.equal(pair.muc.precision, 1 / 2);
  assert.equal(pair.conll, expected.conll);
  assertHamishError(() => core.call('clusterAgreement', { annotators: ['amal', 'nobody'] }), 'not_found', /unknown annotator/);
  core.close();
});
