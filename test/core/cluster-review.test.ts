/**
 * Review of claim clusters: for a claim every compared annotator marked, the other claims of its
 * cluster in each layer are the versions of a cluster unit; accepting one puts gold's claim in the
 * gold cluster of those mates (each mate joins when accepted in its own document), rejecting takes
 * it out; each a step of the gold layer's history, undone and redone across a reopening.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Output } from '../../electron/contract/contract.ts';
import { addText, assertHamishError, cardOf, codePointRange, goldSpanOf, openCore, type OpenCore } from '../support/core.ts';

const TEXT_A = 'قال مسؤول أمريكي إن مقاتلة تابعة للتحالف دمرت قاذفة صواريخ في العراق.';
const TEXT_B = 'ذكرت وكالة رويترز أن طائرة للتحالف دمرت منصة صواريخ قرب الموصل.';
const CLAIM_A = 'مقاتلة تابعة للتحالف دمرت قاذفة صواريخ في العراق';
const CLAIM_B = 'طائرة للتحالف دمرت منصة صواريخ قرب الموصل';
const PAIR = ['layla', 'omar'];
const claimA = codePointRange(TEXT_A, CLAIM_A);
const claimB = codePointRange(TEXT_B, CLAIM_B);

type Review = Output<'reviewDocument'>;

/** layla puts the two claims in one cluster; omar marks both and clusters nothing (or, `agree`, the same). */
function library(agree = false): { core: OpenCore; a: string; b: string } {
  const core = openCore({ seed: false, annotator: 'layla' });
  const a = addText(core, 'pentagon', TEXT_A);
  const b = addText(core, 'reuters', TEXT_B);
  for (const name of PAIR) {
    core.call('setAnnotator', { name });
    const inA = core.call('createSpan', { documentId: a, ...claimA, label: 'claim' }).id;
    const inB = core.call('createSpan', { documentId: b, ...claimB, label: 'claim' }).id;
    if (name === 'layla' || agree) core.call('joinCluster', { spanId: inA, withSpanId: inB });
  }
  core.call('setAnnotator', { name: 'lead' });
  return { core, a, b };
}

const clusterUnit = (review: Review) => review.units.find((unit) => unit.card?.aspect === 'cluster');
/** Each version's annotators and mates, a mate as its document's first word (imported from a .txt: no outlet, the title is the first line). */
const versionsOf = (review: Review) =>
  clusterUnit(review)!.versions.map((v) => [
    v.annotators.join('+'),
    v.mates!.map((m) => `${m.outlet ?? m.title.split(' ')[0]}:${m.text}:${m.inGold ? 'gold' : 'not in gold'}`),
  ]);
const goldClusters = (core: OpenCore) =>
  core.call('clusters', { annotator: 'gold' }).map((cluster) => cluster.members.map((m) => m.text).sort());

test('cluster units: each annotator’s mates of the claim, with their documents, after the claim', () => {
  const { core, a, b } = library();
  const review = core.call('reviewDocument', { documentId: a, annotators: PAIR });
  const unit = clusterUnit(review)!;
  assert.equal(unit.kind, 'label');
  assert.equal(unit.state, 'open');
  assert.deepEqual(unit.card, { claim: { ...claimA, text: CLAIM_A }, aspect: 'cluster' });
  assert.deepEqual(versionsOf(review), [
    ['layla', ['ذكرت:' + CLAIM_B + ':not in gold']],
    ['omar', []],
  ]);
  const claimAt = review.units.findIndex((u) => u.id === `${claimA.start}-${claimA.end}:claim`);
  assert.equal(review.units[claimAt + 1], unit, 'the cluster unit follows its claim');
  assert.deepEqual(versionsOf(core.call('reviewDocument', { documentId: b, annotators: PAIR })), [
    ['layla', ['قال:' + CLAIM_A + ':not in gold']],
    ['omar', []],
  ]);
  const found = core.call('nextDisagreement', { fromDocument: a, fromOffset: claimA.start, direction: 'next', annotators: PAIR });
  assert.equal(found?.unit.card?.aspect, 'cluster', 'Tab reaches the cluster disagreement');
  core.close();
});

test('accepting in each document builds the gold cluster; undo and redo across a reopening', () => {
  const { core, a, b } = library();
  const mateB = { documentId: b, ...claimB };
  const decision = core.call('decideCard', { documentId: a, claim: claimA, aspect: 'cluster', version: { mates: [mateB] }, verdict: 'accept' });
  assert.equal(decision.reviewer, 'lead');
  assert.match(decision.at, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(cardOf(decision), { claim: claimA, aspect: 'cluster', mates: [mateB] });
  assert.equal(goldSpanOf(decision).label, 'claim', 'the claim came into gold');
  assert.deepEqual(goldClusters(core), [], 'gold lacks the mate yet: no cluster shown');
  assert.equal(clusterUnit(core.call('reviewDocument', { documentId: a, annotators: PAIR }))!.state, 'accepted');
  assert.deepEqual(versionsOf(core.call('reviewDocument', { documentId: b, annotators: PAIR }))[0], [
    'layla',
    ['قال:' + CLAIM_A + ':gold'],
  ]);

  core.call('decideCard', { documentId: b, claim: claimB, aspect: 'cluster', version: { mates: [{ documentId: a, ...claimA }] }, verdict: 'accept' });
  assert.deepEqual(goldClusters(core), [[CLAIM_A, CLAIM_B].sort()]);
  assert.equal(clusterUnit(core.call('reviewDocument', { documentId: a, annotators: PAIR }))!.state, 'accepted');

  const file = core.file;
  core.close();
  const again = openCore({ file, annotator: 'lead' });
  const undone = again.call('undo', { documentId: b, layer: 'gold' })!;
  assert.equal(undone.decisions.length, 2, 'the claim and its cluster: one step');
  assert.deepEqual(goldClusters(again), []);
  assert.equal(clusterUnit(again.call('reviewDocument', { documentId: b, annotators: PAIR }))!.state, 'open');
  assert.equal(clusterUnit(again.call('reviewDocument', { documentId: a, annotators: PAIR }))!.state, 'accepted', 'A keeps its decision');
  again.call('redo', { documentId: b, layer: 'gold' });
  assert.deepEqual(goldClusters(again), [[CLAIM_A, CLAIM_B].sort()]);
  again.close();
});

test('rejecting takes gold’s claim out of its cluster; "in no cluster" accepted does too; unknown mates are refused', () => {
  const { core, a, b } = library();
  const decide = (doc: string, claim: typeof claimA, mates: { documentId: string; start: number; end: number }[], verdict: 'accept' | 'reject') =>
    core.call('decideCard', { documentId: doc, claim, aspect: 'cluster', version: { mates }, verdict });
  decide(a, claimA, [{ documentId: b, ...claimB }], 'accept');
  decide(b, claimB, [{ documentId: a, ...claimA }], 'accept');
  decide(a, claimA, [{ documentId: b, ...claimB }], 'reject');
  assert.deepEqual(goldClusters(core), []);
  let review = core.call('reviewDocument', { documentId: a, annotators: PAIR });
  assert.equal(clusterUnit(review)!.state, 'open', 'one version rejected, the other still open');
  decide(a, claimA, [], 'accept');
  review = core.call('reviewDocument', { documentId: a, annotators: PAIR });
  assert.equal(clusterUnit(review)!.state, 'accepted');
  assert.equal(clusterUnit(review)!.versions.find((v) => v.mates!.length === 0)!.decision?.verdict, 'accept');
  core.call('undo', { documentId: a, layer: 'gold' });
  core.call('undo', { documentId: a, layer: 'gold' });
  assert.deepEqual(goldClusters(core), [[CLAIM_A, CLAIM_B].sort()], 'undo puts gold’s claim back in the cluster');
  assertHamishError(
    () => decide(a, claimA, [{ documentId: b, start: 0, end: 3 }], 'accept'),
    'not_found',
    /no annotator put the claim .* in a cluster with just those claims/,
  );
  assertHamishError(
    () => core.callRaw('decideCard', { documentId: a, claim: claimA, aspect: 'cluster', version: claimB, verdict: 'accept' }),
    'invalid_input',
    /a cluster unit, its mates/,
  );
  core.close();
});

test('an agreed cluster is accepted with the agreed units, in each document', () => {
  const { core, a, b } = library(true);
  const unit = clusterUnit(core.call('reviewDocument', { documentId: a, annotators: PAIR }))!;
  assert.equal(unit.kind, 'agreed');
  assert.deepEqual(unit.versions[0]!.annotators, PAIR);
  core.call('acceptAgreed', { documentId: a, annotators: PAIR });
  core.call('acceptAgreed', { documentId: b, annotators: PAIR });
  assert.deepEqual(goldClusters(core), [[CLAIM_A, CLAIM_B].sort()]);
  assert.equal(core.call('reviewDocument', { documentId: b, annotators: PAIR }).review, 'adjudicated');
  core.close();
});
