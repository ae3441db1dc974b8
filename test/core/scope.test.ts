/**
 * Article scope in the core, through dispatch on a real SQLite file: ranges left out of the
 * article merge and split, take no spans from any door, refuse to swallow spans, are undone and
 * redone across a reopen, live in one layer each; proposals wait for a yes and, turned down, do
 * not come back; on the seed corpus they are measured against a hand-made expected scope.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proposeScope } from '../../electron/core/scope/propose.ts';
import { inScope } from '../../electron/core/scope/ranges.ts';
import { addText, assertHamishError, codePointRange, openCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { expectedScope, ScopeTally } from '../support/scope.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const DOC = SEED_IDS[0]!;

test('out-of-scope ranges merge when they meet and split when part comes back', () => {
  const core = openCore();
  core.call('setScope', { documentId: DOC, start: 100, end: 200, inScope: false });
  let scope = core.call('setScope', { documentId: DOC, start: 150, end: 300, inScope: false });
  assert.deepEqual(scope.out, [[100, 300]]);
  scope = core.call('setScope', { documentId: DOC, start: 300, end: 320, inScope: false });
  assert.deepEqual(scope.out, [[100, 320]], 'touching ranges are one');
  scope = core.call('setScope', { documentId: DOC, start: 180, end: 220, inScope: true });
  assert.deepEqual(scope.out, [[100, 180], [220, 320]]);
  assert.equal(scope.layer, core.call('session', {}).annotator);
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, [[100, 180], [220, 320]]);
  assertHamishError(() => core.call('setScope', { documentId: DOC, start: 3000, end: 99999, inScope: false }), 'invalid_input', /runs past the end/);
  assertHamishError(() => core.callRaw('setScope', { documentId: DOC, start: 5, end: 5, inScope: false }), 'invalid_input', /end after it starts/);
  core.close();
});

test('out-of-scope text takes no span, and a range holding spans is refused, naming them', () => {
  const core = openCore();
  const text = core.call('openDocument', { id: DOC }).text;
  const credit = codePointRange(text, 'صدى البلد');
  const lastIraq = codePointRange(text, 'مستويات جفاف تاريخية بالعراق');
  core.call('setScope', { documentId: DOC, start: credit.start - 8, end: [...text].length, inScope: false });
  assertHamishError(
    () => core.call('createSpan', { documentId: DOC, ...credit, label: 'actor' }),
    'invalid_input',
    /lies in text marked out of scope \(\d+–3791\): bring that text back into scope first/,
  );
  // Moving an edge into it is refused as well, and nothing changes.
  const reuters = core.call('createSpan', { documentId: DOC, ...codePointRange(text, 'وكالة رويترز'), label: 'actor' });
  assertHamishError(() => core.call('updateSpan', { id: reuters.id, end: lastIraq.end }), 'invalid_input', /out of scope/);
  assert.deepEqual(core.call('openDocument', { id: DOC }).spans.map((s) => [s.start, s.end]), [[reuters.start, reuters.end]]);

  assertHamishError(
    () => core.call('setScope', { documentId: DOC, start: 0, end: 100, inScope: false }),
    'invalid_input',
    /^0–100 holds a span: actor «وكالة رويترز» \(\d+–\d+\); delete it first, or mark less$/,
  );
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, [[credit.start - 8, 3791]], 'the refused range left scope as it was');
  // Back in scope, the text takes spans again.
  core.call('setScope', { documentId: DOC, ...credit, inScope: true });
  assert.equal(core.call('createSpan', { documentId: DOC, ...credit, label: 'actor' }).start, credit.start);
  core.close();
});

test('scope changes are undone and redone with the layer, also after the library is reopened', () => {
  const first = openCore();
  first.call('createSpan', { documentId: DOC, ...codePointRange(first.call('openDocument', { id: DOC }).text, 'وكالة رويترز'), label: 'actor' });
  first.call('setScope', { documentId: DOC, start: 1077, end: 3791, inScope: false });
  first.call('rejectScope', { documentId: DOC, start: 900, end: 1000 });
  first.close();

  const core = openCore({ file: first.file });
  let step = core.call('undo', { documentId: DOC });
  assert.deepEqual(step?.scope?.out, [[1077, 3791]], 'the rejection is undone first');
  step = core.call('undo', { documentId: DOC });
  assert.deepEqual(step?.scope?.out, [], 'then the range');
  assert.deepEqual(step?.spans, []);
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, []);
  step = core.call('undo', { documentId: DOC });
  assert.equal(step?.spans.length, 1, 'then the span before them');
  assert.equal(step?.scope, undefined);
  core.call('redo', { documentId: DOC });
  step = core.call('redo', { documentId: DOC });
  assert.deepEqual(step?.scope?.out, [[1077, 3791]]);
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, [[1077, 3791]]);
  core.close();
});

test("scope is the layer's: a colleague's is read, not changed; gold has its own", () => {
  const core = openCore({ annotator: 'layla' });
  core.call('setScope', { documentId: DOC, start: 1077, end: 3791, inScope: false });
  core.call('setAnnotator', { name: 'omar' });
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, [], "omar's own layer leaves nothing out");
  assert.deepEqual(core.call('openDocument', { id: DOC, layers: ['layla'] }).scope, {
    ...core.call('openDocument', { id: DOC, layers: ['layla'] }).scope,
    layer: 'layla',
    out: [[1077, 3791]],
  });
  // omar's span there is his to make; layla's scope does not stop him.
  const credit = codePointRange(core.call('openDocument', { id: DOC }).text, 'صدى البلد');
  core.call('createSpan', { documentId: DOC, ...credit, label: 'actor' });
  const gold = core.call('setScope', { documentId: DOC, start: 2000, end: 3791, inScope: false, layer: 'gold' });
  assert.deepEqual([gold.layer, gold.out], ['gold', [[2000, 3791]]]);
  assertHamishError(() => core.call('createSpan', { documentId: DOC, start: 2100, end: 2110, label: 'actor', layer: 'gold' }), 'invalid_input', /out of scope/);
  assert.deepEqual(core.call('undo', { documentId: DOC, layer: 'gold' })?.scope?.out, []);
  assert.deepEqual(core.call('openDocument', { id: DOC, layers: ['layla'] }).scope.out, [[1077, 3791]], "undo in gold leaves layla's alone");
  core.close();
});

test('a proposal waits for a yes; accepted it is out of scope, turned down it does not come back', () => {
  const core = openCore();
  const [proposal] = core.call('openDocument', { id: DOC }).scope.proposals;
  assert.ok(proposal);
  assert.deepEqual([proposal.start, proposal.end], [1077, 3791]);
  assert.match(proposal.why, /^«المصدر: صدى البلد» and what follows it: the article ends there/);
  assert.deepEqual(core.call('openDocument', { id: DOC }).scope.out, [], 'nothing is out before the yes');

  const accepted = core.call('setScope', { documentId: DOC, start: proposal.start, end: proposal.end, inScope: false });
  assert.deepEqual([accepted.out, accepted.proposals], [[[1077, 3791]], []]);

  const other = SEED_IDS[1]!;
  const proposals = core.call('openDocument', { id: other }).scope.proposals;
  assert.deepEqual(proposals.map((p) => [p.start, p.end]), [[58, 124], [2431, 2445]]);
  assert.match(proposals[0]!.why, /repeats a line above it; «\[ad_1\]»: an ad marker/);
  const rejected = core.call('rejectScope', { documentId: other, start: 58, end: 124 });
  assert.deepEqual(rejected.proposals.map((p) => [p.start, p.end]), [[2431, 2445]]);
  assert.deepEqual(rejected.out, []);
  assert.deepEqual(core.call('openDocument', { id: other }).scope.proposals.map((p) => [p.start, p.end]), [[2431, 2445]], 'still turned down when opened again');
  core.close();
});

test('lines that recur in two documents are proposed; long recurring paragraphs are not', () => {
  const core = openCore({ seed: false });
  const paragraph = 'قال مسؤول أمريكي إن مقاتلة تابعة للتحالف دمرت قاذفة صواريخ دفاعا عن النفس بعد أنباء عن هجوم صاروخي فاشل قرب قاعدة للتحالف في سوريا.';
  const a = addText(core, 'a', `خبر أول عن العراق.\n\n${paragraph}\n\nتابعونا على تطبيق الأخبار العاجلة\n`);
  const b = addText(core, 'b', `خبر ثان عن سوريا.\n\n${paragraph}\n\nتابعونا على تطبيق الاخبار العاجله\n`);
  for (const id of [a, b]) {
    const { text, scope } = core.call('openDocument', { id });
    assert.deepEqual(scope.proposals.map((p) => [...text].slice(p.start, p.end).join('').trim()), [text.trim().split('\n').at(-1)]);
    assert.match(scope.proposals[0]!.why, /recurs in 2 documents/);
  }
  assert.ok(inScope(core.call('openDocument', { id: a }).scope.out, 0, 5));
  // Counted in the library once, then brought up to date with what comes in later.
  addText(core, 'c', 'خبر ثالث.\nتابعونا على تطبيق الأخبار العاجلة');
  // Brought up to date inside a change's transaction too (bringing in what is in scope changes nothing).
  assert.match(core.call('setScope', { documentId: a, start: 0, end: 3, inScope: true }).proposals[0]!.why, /recurs in 3 documents/);
  core.close();
  const again = openCore({ file: core.file, seed: false });
  assert.match(again.call('openDocument', { id: b }).scope.proposals[0]!.why, /recurs in 3 documents/);
  assert.equal(connectionOf(again.hamish).prepare('SELECT documents FROM scope_lines WHERE key = ?').pluck().get('تابعونا علي تطبيق الاخبار العاجله'), 3);
  again.close();
});

test('proposed scope on the seed corpus against the hand-made expected scope', () => {
  const core = openCore();
  const tally = new ScopeTally();
  for (const [id, expected] of expectedScope()) {
    const { text } = core.call('openDocument', { id });
    tally.add(text, proposeScope(connectionOf(core.hamish), id).map((p) => [p.start, p.end] as const), expected);
  }
  const score = tally.score();
  console.log(`proposed scope on the seeds: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} (${score.both}/${score.expected} expected code points)`);
  assert.ok(score.precision >= 0.95, `precision ${score.precision}`);
  assert.ok(score.recall >= 0.9, `recall ${score.recall}`);
  core.close();
});
