/**
 * Review: agreement units of two annotators' layers, decisions into the gold layer, undo of
 * decisions (accept-all-agreed as one step), review status, and moving between disagreements.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Output } from '../../electron/contract/contract.ts';
import { unitsOf } from '../../electron/core/review/units.ts';
import { addText, assertHamishError, codePointRange, goldSpanOf, openCore, spanVersion, type OpenCore } from '../support/core.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const TEXT = 'قال المتحدث باسم الجيش إن القوات وصلت إلى بغداد يوم الاثنين.';
const SECOND = 'وأعلنت الوزارة في عمان أن الوفد غادر.';
const PAIR = ['layla', 'omar'];

const at = (needle: string, text = TEXT) => codePointRange(text, needle);

/**
 * layla and omar agree on the claim and on القوات; differ on the range of the spokesman, on the
 * label of بغداد; only layla marked the date. In the second document they differ on الوزارة.
 */
function library(): { core: OpenCore; doc: string; second: string } {
  const core = openCore({ seed: false, annotator: 'layla' });
  const doc = addText(core, 'a-baghdad', TEXT);
  const second = addText(core, 'b-amman', SECOND);
  const span = (documentId: string, range: { start: number; end: number }, label: 'claim' | 'actor' | 'location' | 'date') =>
    core.call('createSpan', { documentId, ...range, label });
  const claim = { start: at('القوات').start, end: at('الاثنين').end };
  span(doc, claim, 'claim');
  span(doc, at('المتحدث باسم الجيش'), 'actor');
  span(doc, at('القوات'), 'actor');
  span(doc, at('بغداد'), 'location');
  span(doc, at('يوم الاثنين'), 'date');
  span(second, at('الوزارة', SECOND), 'actor');
  core.call('setAnnotator', { name: 'omar' });
  span(doc, claim, 'claim');
  span(doc, at('المتحدث'), 'actor');
  span(doc, at('القوات'), 'actor');
  span(doc, at('بغداد'), 'actor');
  span(second, at('الوزارة', SECOND), 'location');
  core.call('setAnnotator', { name: 'lead' });
  return { core, doc, second };
}

type Review = Output<'reviewDocument'>;
const kinds = (review: Review) => review.units.map((unit) => [unit.kind, unit.versions.map((v) => `${v.label}:${v.text}:${v.annotators.join('+')}`).join(' | '), unit.state]);
const unit = (review: Review, text: string) => review.units.find((u) => u.versions.some((v) => v.text === text))!;

test('units: agreed, label, range and partial, in reading order, the same whatever the order of annotators', () => {
  const { core, doc } = library();
  const review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.deepEqual(kinds(review), [
    ['range', 'actor:المتحدث باسم الجيش:layla | actor:المتحدث:omar', 'open'],
    ['agreed', 'claim:القوات وصلت إلى بغداد يوم الاثنين:layla+omar', 'open'],
    ['agreed', 'actor:القوات:layla+omar', 'open'],
    ['label', 'actor:بغداد:omar | location:بغداد:layla', 'open'],
    ['partial', 'date:يوم الاثنين:layla', 'open'],
  ]);
  assert.deepEqual(unit(review, 'يوم الاثنين').missing, ['omar']);
  assert.deepEqual(review.gold, []);
  const reversed = core.call('reviewDocument', { documentId: doc, annotators: ['omar', 'layla'] });
  assert.deepEqual(reversed.units.map((u) => u.id), review.units.map((u) => u.id), 'ids do not depend on the order asked');
  assert.deepEqual(unit(reversed, 'القوات').versions[0]!.annotators, ['omar', 'layla']);
  core.close();
});

test('a nested entity both gave is agreed on its own, not merged with the one around it', () => {
  const spans = ['layla', 'omar'].flatMap((annotator) => [
    { start: 0, end: 20, label: 'actor' as const, annotator },
    { start: 5, end: 9, label: 'actor' as const, annotator },
  ]);
  assert.deepEqual(unitsOf(spans, PAIR).map((u) => [u.id, u.kind]), [['0-20:actor', 'agreed'], ['5-9:actor', 'agreed']]);
  // Chains of overlaps are one unit; a span only touching the next is not in it.
  const chain = [
    { start: 0, end: 5, label: 'location' as const, annotator: 'layla' },
    { start: 4, end: 8, label: 'location' as const, annotator: 'omar' },
    { start: 8, end: 9, label: 'date' as const, annotator: 'omar' },
  ];
  assert.deepEqual(unitsOf(chain, PAIR).map((u) => [u.id, u.kind]), [['0-8:entities', 'range'], ['8-9:entities', 'partial']]);
});

test('accept, reject and accept an edit: the gold layer follows, the reviewer and time are recorded', () => {
  const { core, doc } = library();
  const status = () => core.call('listDocuments', {}).find((d) => d.id === doc)!.review;
  assert.equal(status(), 'not_started');

  const baghdad = unit(core.call('reviewDocument', { documentId: doc, annotators: PAIR }), 'بغداد');
  const location = spanVersion(baghdad.versions.find((v) => v.label === 'location')!);
  const accepted = core.call('decide', { documentId: doc, version: location, verdict: 'accept' });
  assert.equal(accepted.reviewer, 'lead');
  assert.ok(!Number.isNaN(Date.parse(accepted.at)));
  assert.deepEqual(
    { ...goldSpanOf(accepted), createdAt: '', updatedAt: '' },
    { id: goldSpanOf(accepted).id, documentId: doc, ...at('بغداد'), label: 'location', annotator: 'gold', note: null, createdAt: '', updatedAt: '' },
  );
  assert.equal(status(), 'in_review');

  let review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.equal(unit(review, 'بغداد').state, 'accepted');
  assert.deepEqual(unit(review, 'بغداد').versions.map((v) => [v.label, v.decision?.verdict ?? null]), [['actor', null], ['location', 'accept']]);
  const date = spanVersion(unit(review, 'يوم الاثنين').versions[0]!);
  core.call('decide', { documentId: doc, version: date, verdict: 'reject' });
  // The spokesman: layla's range, but only the name, relabelled by the reviewer.
  const spokesman = spanVersion(unit(review, 'المتحدث').versions[0]!);
  const edited = core.call('decide', { documentId: doc, version: spokesman, verdict: 'accept', edit: { ...at('المتحدث باسم الجيش'), label: 'actor' } });
  assert.deepEqual([goldSpanOf(edited).start, goldSpanOf(edited).end], [at('المتحدث باسم الجيش').start, at('المتحدث باسم الجيش').end]);

  review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.deepEqual(review.units.map((u) => u.state), ['accepted', 'open', 'open', 'accepted', 'rejected']);
  assert.deepEqual(review.gold.map((s) => s.label), ['actor', 'location']);
  core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  assert.equal(status(), 'adjudicated');

  // The gold layer is a layer: opened alone, and exported alone.
  assert.deepEqual(core.call('openDocument', { id: doc, layers: ['gold'] }).spans.length, 4);
  core.close();
});

test('rejecting an accepted version takes it out of gold; accepting it again with an edit moves its gold span', () => {
  const { core, doc } = library();
  const version = spanVersion(unit(core.call('reviewDocument', { documentId: doc, annotators: PAIR }), 'يوم الاثنين').versions[0]!);
  const first = core.call('decide', { documentId: doc, version, verdict: 'accept' });
  const again = core.call('decide', { documentId: doc, version, verdict: 'accept', edit: { ...at('الاثنين'), label: 'date' } });
  assert.equal(goldSpanOf(again).id, goldSpanOf(first).id, 'the same gold span, moved');
  assert.deepEqual(core.call('openDocument', { id: doc, layers: ['gold'] }).spans.map((s) => [s.start, s.end]), [[at('الاثنين').start, at('الاثنين').end]]);
  core.call('decide', { documentId: doc, version, verdict: 'reject' });
  assert.deepEqual(core.call('openDocument', { id: doc, layers: ['gold'] }).spans, []);
  assert.equal(unit(core.call('reviewDocument', { documentId: doc, annotators: PAIR }), 'يوم الاثنين').state, 'rejected');

  // Undo walks back decision by decision.
  core.call('undo', { documentId: doc, layer: 'gold' });
  assert.equal(core.call('openDocument', { id: doc, layers: ['gold'] }).spans.length, 1);
  assert.equal(unit(core.call('reviewDocument', { documentId: doc, annotators: PAIR }), 'يوم الاثنين').state, 'accepted');
  core.close();
});

test('accept all agreed is one step of undo; undo and redo bring the decisions back and forth', () => {
  const { core, doc } = library();
  const decisions = core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  assert.deepEqual(decisions.map((d) => goldSpanOf(d).label), ['claim', 'actor']);
  assert.deepEqual(core.call('acceptAgreed', { documentId: doc, annotators: PAIR }), [], 'nothing open and agreed is left');
  const reject = core.call('decide', {
    documentId: doc,
    version: spanVersion(unit(core.call('reviewDocument', { documentId: doc, annotators: PAIR }), 'يوم الاثنين').versions[0]!),
    verdict: 'reject',
  });

  assert.deepEqual(core.call('undo', { documentId: doc, layer: 'gold' }), { spans: [], decisions: [reject.id] });
  const undone = core.call('undo', { documentId: doc, layer: 'gold' })!;
  assert.deepEqual(undone.decisions.sort(), decisions.map((d) => d.id).sort());
  assert.deepEqual(undone.spans.map((s) => s.span), [null, null]);
  assert.deepEqual(core.call('openDocument', { id: doc, layers: ['gold'] }).spans, []);
  assert.deepEqual(core.call('reviewDocument', { documentId: doc, annotators: PAIR }).units.map((u) => u.state), ['open', 'open', 'open', 'open', 'open']);
  assert.equal(core.call('listDocuments', {}).find((d) => d.id === doc)!.review, 'not_started');
  assert.equal(core.call('undo', { documentId: doc, layer: 'gold' }), null);

  const redone = core.call('redo', { documentId: doc, layer: 'gold' })!;
  assert.deepEqual(redone.spans.map((s) => s.span!.id), decisions.map((d) => goldSpanOf(d).id), 'the same gold spans, under their ids');
  assert.deepEqual(core.call('reviewDocument', { documentId: doc, annotators: PAIR }).units.map((u) => u.state), ['open', 'accepted', 'accepted', 'open', 'open']);
  // The analyst's own layer has its own undo, untouched by the review's.
  assert.equal(core.call('undo', { documentId: doc }), null);
  core.close();
});

test('anyone edits gold, and the history says who; a colleague\'s layer stays read-only', () => {
  const { core, doc } = library();
  const gold = core.call('createSpan', { documentId: doc, ...at('الجيش'), label: 'actor', layer: 'gold' });
  assert.equal(gold.annotator, 'gold');
  core.call('setAnnotator', { name: 'sara' });
  core.call('updateSpan', { id: gold.id, label: 'location', layer: 'gold' });
  assertHamishError(() => core.call('updateSpan', { id: gold.id, label: 'date' }), 'invalid_input', /another annotator/);
  const layla = core.call('openDocument', { id: doc, layers: ['layla'] }).spans[0]!;
  assertHamishError(() => core.call('deleteSpan', { id: layla.id, layer: 'gold' }), 'invalid_input', /another annotator/);
  assertHamishError(() => core.call('deleteSpan', { id: layla.id }), 'invalid_input', /another annotator/);
  const audit = connectionOf(core.hamish)
    .prepare(`SELECT h.action, layer.name AS layer, by.name AS by FROM history h
              JOIN annotators layer ON layer.id = h.annotator_id JOIN annotators by ON by.id = h.by_id
              WHERE h.span_id = ? ORDER BY h.seq`)
    .all(gold.id);
  assert.deepEqual(audit, [
    { action: 'create', layer: 'gold', by: 'lead' },
    { action: 'update', layer: 'gold', by: 'sara' },
  ]);
  // Gold is a layer, not a person; lead only ever changed gold, so has no layer to switch to.
  assert.deepEqual(core.call('listAnnotators', {}), ['layla', 'omar', 'sara']);
  core.close();
});

test('next and previous open disagreement, across documents', () => {
  const { core, doc, second } = library();
  const next = (fromDocument: string, fromOffset: number, direction: 'next' | 'previous' = 'next') => {
    const found = core.call('nextDisagreement', { fromDocument, fromOffset, direction, annotators: PAIR });
    return found && [found.documentId, found.unit.versions[0]!.text];
  };
  assert.deepEqual(next(doc, 0), [doc, 'المتحدث باسم الجيش']);
  assert.deepEqual(next(doc, at('المتحدث').start), [doc, 'بغداد'], 'after the unit at the offset');
  assert.deepEqual(next(doc, at('بغداد').start), [doc, 'يوم الاثنين']);
  assert.deepEqual(next(doc, at('يوم الاثنين').start), [second, 'الوزارة']);
  assert.equal(next(second, at('الوزارة', SECOND).start), null);
  assert.deepEqual(next(second, 0, 'previous'), [doc, 'يوم الاثنين']);
  assert.deepEqual(next(doc, at('بغداد').start, 'previous'), [doc, 'المتحدث باسم الجيش']);
  // A decided unit is no longer open.
  const spokesman = core.call('nextDisagreement', { fromDocument: doc, fromOffset: at('بغداد').start, direction: 'previous', annotators: PAIR })!;
  core.call('decide', { documentId: doc, version: spanVersion(spokesman.unit.versions[0]!), verdict: 'reject' });
  assert.deepEqual(next(doc, at('بغداد').start, 'previous'), [doc, 'المتحدث باسم الجيش'], 'one version rejected, the other still open');
  core.call('decide', { documentId: doc, version: spanVersion(spokesman.unit.versions[1]!), verdict: 'reject' });
  assert.equal(next(doc, at('بغداد').start, 'previous'), null);
  core.close();
});

test('review inputs are checked', () => {
  const { core, doc } = library();
  const version = { ...at('بغداد'), label: 'date' as const };
  assertHamishError(() => core.callRaw('reviewDocument', { documentId: doc, annotators: ['layla'] }), 'invalid_input', /two or more/);
  assertHamishError(() => core.callRaw('reviewDocument', { documentId: doc, annotators: ['layla', 'layla'] }), 'invalid_input', /once/);
  assertHamishError(() => core.callRaw('reviewDocument', { documentId: doc, annotators: ['layla', 'gold'] }), 'invalid_input', /reviewed layer/);
  assertHamishError(() => core.call('reviewDocument', { documentId: doc, annotators: ['layla', 'nobody'] }), 'not_found', /"nobody"/);
  assertHamishError(() => core.call('reviewDocument', { documentId: 'nope', annotators: PAIR }), 'not_found', /nope/);
  assertHamishError(() => core.call('decide', { documentId: doc, version, verdict: 'accept' }), 'not_found', /no annotator marked date/);
  assertHamishError(
    () => core.callRaw('decide', { documentId: doc, version: { ...version, label: 'location' }, verdict: 'reject', edit: version }),
    'invalid_input',
    /only an acceptance/,
  );
  assertHamishError(() => core.callRaw('decide', { documentId: doc, version: { start: 5, end: 5, label: 'actor' }, verdict: 'accept' }), 'invalid_input');
  assertHamishError(() => core.call('openDocument', { id: doc, layers: ['nobody'] }), 'not_found', /"nobody"/);
  assert.deepEqual(core.call('openDocument', { id: doc, layers: ['gold'] }).spans, [], 'gold is always a layer to open');
  core.close();
});
