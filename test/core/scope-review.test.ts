/**
 * Scope reviewed into gold like spans: the ranges compared annotators left out of the article line
 * up as units (agreed, range, partial), decided by accept and reject into gold's scope, in gold's
 * history with reviewer and time, undone and redone, counted towards adjudicated, kept across a
 * reopen; accept all agreed takes agreed scope too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Output } from '../../electron/contract/contract.ts';
import { scopeUnitsOf } from '../../electron/core/review/scope-units.ts';
import { addText, assertHamishError, codePointRange, openCore, spanVersion, type OpenCore } from '../support/core.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const TEXT = [
  'قال المتحدث باسم الجيش إن القوات وصلت إلى بغداد.',
  'المصدر: صدى البلد',
  'كلمات دلالية: العراق، بغداد',
  'إقرأ أيضاً: وزير الخارجية يزور عمان',
].join('\n');
const PAIR = ['layla', 'omar'];
const at = (needle: string) => codePointRange(TEXT, needle);
/** From the start of one line to the end of another (or the text). */
const lines = (first: string, last?: string) => ({ start: at(first).start, end: last === undefined ? Array.from(TEXT).length : at(last).end });

const SOURCE = lines('المصدر: صدى البلد', 'المصدر: صدى البلد');
const TAGS = lines('كلمات دلالية: العراق، بغداد', 'كلمات دلالية: العراق، بغداد');
const READ_MORE = lines('إقرأ أيضاً');
const TAGS_ON = lines('كلمات دلالية');

/**
 * Both tag the same actor; only omar leaves out the source line (partial); layla leaves out most
 * of the tags line and, apart, the «إقرأ أيضاً» line, omar the tags line to the end (range).
 */
function library(): { core: OpenCore; doc: string } {
  const core = openCore({ seed: false, annotator: 'layla' });
  const doc = addText(core, 'baghdad', TEXT);
  const out = (range: { start: number; end: number }) => core.call('setScope', { documentId: doc, ...range, inScope: false });
  core.call('createSpan', { documentId: doc, ...at('المتحدث باسم الجيش'), label: 'actor' });
  out(READ_MORE);
  out({ start: TAGS.start, end: TAGS.end - 3 });
  core.call('setAnnotator', { name: 'omar' });
  core.call('createSpan', { documentId: doc, ...at('المتحدث باسم الجيش'), label: 'actor' });
  out(SOURCE);
  out(TAGS_ON);
  core.call('setAnnotator', { name: 'lead' });
  return { core, doc };
}

type Review = Output<'reviewDocument'>;
const scopeUnits = (review: Review) =>
  review.units.filter((unit) => unit.group === 'scope').map((unit) => [unit.kind, unit.versions.map((v) => `${v.start}-${v.end}:${v.annotators.join('+')}`).join(' | '), unit.state]);
const review = (core: OpenCore, doc: string) => core.call('reviewDocument', { documentId: doc, annotators: PAIR });

test('scope units line up as span units do: agreed, range, partial, in reading order with the spans', () => {
  assert.deepEqual(
    scopeUnitsOf(
      [
        { annotator: 'omar', out: [[10, 20], [30, 40], [50, 60]] },
        { annotator: 'layla', out: [[10, 20], [30, 45], [70, 80]] },
      ],
      PAIR,
    ).map((unit) => [unit.id, unit.kind, unit.versions.map((v) => `${v.start}-${v.end}:${v.annotators.join('+')}`), unit.missing]),
    [
      ['10-20:out', 'agreed', ['10-20:layla+omar'], []],
      ['30-45:scope', 'range', ['30-45:layla', '30-40:omar'], []],
      ['50-60:scope', 'partial', ['50-60:omar'], ['layla']],
      ['70-80:scope', 'partial', ['70-80:layla'], ['omar']],
    ],
  );

  const { core, doc } = library();
  const units = review(core, doc).units;
  assert.deepEqual(
    units.map((unit) => [unit.group, unit.kind]),
    [['entities', 'agreed'], ['scope', 'partial'], ['scope', 'range']],
    'the actor, then the source line, then the tags and what follows',
  );
  const [, source, tags] = units;
  assert.equal(source!.versions[0]!.text, 'المصدر: صدى البلد');
  assert.deepEqual(source!.missing, ['layla']);
  assert.equal(source!.versions[0]!.label, undefined, 'a range left out has no label');
  assert.deepEqual(tags!.versions.map((v) => [v.start, v.end, v.annotators]), [
    [TAGS_ON.start, TAGS_ON.end, ['omar']],
    [TAGS.start, TAGS.end - 3, ['layla']],
    [READ_MORE.start, READ_MORE.end, ['layla']],
  ]);
  core.close();
});

test('accepting leaves a range out of gold too, as a step of gold’s history with reviewer and time; rejecting keeps it in', () => {
  const { core, doc } = library();
  const decided = core.call('decideScope', { documentId: doc, version: READ_MORE, verdict: 'accept' });
  assert.equal(decided.reviewer, 'lead');
  assert.ok(!Number.isNaN(Date.parse(decided.at)));
  assert.deepEqual(decided.version, READ_MORE);
  assert.ok(!('goldSpan' in decided), 'a scope decision makes no gold span');
  assert.deepEqual(review(core, doc).goldOut, [[READ_MORE.start, READ_MORE.end]]);
  assert.deepEqual(core.call('openDocument', { id: doc, layers: ['gold'] }).scope.out, [[READ_MORE.start, READ_MORE.end]], 'gold’s scope, as the editor shows it');
  const history = connectionOf(core.hamish)
    .prepare<[], { layer: string; by: string; action: string }>(`
      SELECT l.name AS layer, b.name AS by, h.action FROM history h
      JOIN annotators l ON l.id = h.annotator_id JOIN annotators b ON b.id = h.by_id WHERE h.scope_decision_id IS NOT NULL`)
    .all();
  assert.deepEqual(history, [{ layer: 'gold', by: 'lead', action: 'create' }]);

  // Rejecting the partial source line: gold keeps it, and the unit is decided.
  core.call('decideScope', { documentId: doc, version: SOURCE, verdict: 'reject' });
  let units = review(core, doc).units.filter((unit) => unit.group === 'scope');
  assert.deepEqual(units.map((unit) => unit.state), ['rejected', 'accepted']);
  assert.equal(units[0]!.versions[0]!.decision?.verdict, 'reject');
  assert.deepEqual(review(core, doc).goldOut, [[READ_MORE.start, READ_MORE.end]]);

  // omar's longer version in place of layla's: the other version accepted before gives way.
  core.call('decideScope', { documentId: doc, version: TAGS_ON, verdict: 'accept' });
  assert.deepEqual(review(core, doc).goldOut, [[TAGS_ON.start, TAGS_ON.end]]);
  const most = { start: TAGS.start, end: TAGS.end - 3 };
  core.call('decideScope', { documentId: doc, version: most, verdict: 'accept' });
  assert.deepEqual(review(core, doc).goldOut, [[most.start, most.end]]);
  units = review(core, doc).units.filter((unit) => unit.group === 'scope');
  assert.deepEqual(units[1]!.versions.map((v) => v.decision?.verdict ?? null), [null, 'accept', null], 'an acceptance counts while gold leaves it out');
  assert.equal(units[1]!.state, 'accepted');

  // Rejecting an accepted version brings it back into gold's article; the unit is open again.
  core.call('decideScope', { documentId: doc, version: most, verdict: 'reject' });
  assert.deepEqual(review(core, doc).goldOut, []);
  assert.equal(review(core, doc).units.filter((unit) => unit.group === 'scope')[1]!.state, 'open');
  core.close();
});

test('undo and redo take a scope decision back and forth with what it did to gold; it stays across a reopen', () => {
  const { core, doc } = library();
  core.call('decideScope', { documentId: doc, version: READ_MORE, verdict: 'accept' });
  core.call('decideScope', { documentId: doc, version: SOURCE, verdict: 'reject' });
  const undone = core.call('undo', { documentId: doc, layer: 'gold' })!;
  assert.ok(undone.scope, 'the step says gold’s scope');
  assert.deepEqual(scopeUnits(review(core, doc)).map(([, , state]) => state), ['open', 'accepted'], 'the rejection is taken back');
  core.call('undo', { documentId: doc, layer: 'gold' });
  assert.deepEqual(review(core, doc).goldOut, []);
  assert.deepEqual(scopeUnits(review(core, doc)).map(([, , state]) => state), ['open', 'open']);
  core.call('redo', { documentId: doc, layer: 'gold' });
  assert.deepEqual(review(core, doc).goldOut, [[READ_MORE.start, READ_MORE.end]]);
  const file = core.file;
  core.close();

  const again = openCore({ file, annotator: 'lead' });
  assert.deepEqual(scopeUnits(review(again, doc)).map(([, , state]) => state), ['open', 'accepted']);
  // A reviewer who brings the range back into gold by hand reopens the question.
  again.call('setScope', { documentId: doc, ...READ_MORE, inScope: true, layer: 'gold' });
  assert.deepEqual(scopeUnits(review(again, doc)).map(([, , state]) => state), ['open', 'open']);
  again.close();
});

test('scope counts towards adjudicated; accept all agreed takes the agreed scope; Tab reaches scope disagreements', () => {
  const { core, doc } = library();
  const status = () => core.call('listDocuments', {}).find((d) => d.id === doc)!.review;
  assert.equal(status(), 'not_started');
  const next = core.call('nextDisagreement', { fromDocument: doc, fromOffset: 0, direction: 'next', annotators: PAIR })!;
  assert.equal(next.unit.group, 'scope');
  assert.equal(next.unit.versions[0]!.text, 'المصدر: صدى البلد');

  core.call('decideScope', { documentId: doc, version: SOURCE, verdict: 'reject' });
  assert.equal(status(), 'in_review', 'a scope decision starts the review');
  const accepted = core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  assert.deepEqual(accepted.map((d) => ('label' in d.version ? d.version.label : 'scope')), ['actor']);
  assert.equal(status(), 'in_review', 'the tags are still open');
  core.call('decideScope', { documentId: doc, version: TAGS_ON, verdict: 'accept' });
  assert.equal(status(), 'adjudicated');
  core.close();
});

test('an agreed range is accepted with accept all agreed, in the same step as the spans', () => {
  const core = openCore({ seed: false, annotator: 'layla' });
  const doc = addText(core, 'baghdad', TEXT);
  for (const name of PAIR) {
    core.call('setAnnotator', { name });
    core.call('createSpan', { documentId: doc, ...at('بغداد'), label: 'location' });
    core.call('setScope', { documentId: doc, ...READ_MORE, inScope: false });
  }
  core.call('setAnnotator', { name: 'lead' });
  const accepted = core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  assert.deepEqual(accepted.map((d) => ('label' in d.version ? d.version.label : 'scope')), ['location', 'scope']);
  assert.deepEqual(review(core, doc).goldOut, [[READ_MORE.start, READ_MORE.end]]);
  assert.equal(core.call('listDocuments', {}).find((d) => d.id === doc)!.review, 'adjudicated');
  core.call('undo', { documentId: doc, layer: 'gold' });
  assert.deepEqual(review(core, doc).goldOut, []);
  assert.deepEqual(review(core, doc).gold, [], 'one step: the span and the scope');
  core.close();
});

test('refusals: a range nobody left out; a range holding gold spans; nothing changes', () => {
  const { core, doc } = library();
  assertHamishError(() => core.call('decideScope', { documentId: doc, version: { start: 0, end: 3 }, verdict: 'accept' }), 'not_found', /no annotator left 0–3 out/);
  // Gold tagged العراق in the tags line (layla's span unit… here made by hand in gold).
  core.call('createSpan', { documentId: doc, ...codePointRange(TEXT, 'العراق'), label: 'location', layer: 'gold' });
  assertHamishError(
    () => core.call('decideScope', { documentId: doc, version: TAGS_ON, verdict: 'accept' }),
    'invalid_input',
    /^gold: .* holds a span: location «العراق»/,
  );
  assert.deepEqual(review(core, doc).goldOut, []);
  assert.ok(scopeUnits(review(core, doc)).every(([, , state]) => state === 'open'));
  assertHamishError(() => core.callRaw('decideScope', { documentId: doc, version: { start: 5, end: 5 }, verdict: 'accept' }), 'invalid_input');
  // A span unit's version is still decided by decide.
  const actor = review(core, doc).units.find((unit) => unit.group === 'entities')!;
  core.call('decide', { documentId: doc, version: spanVersion(actor.versions[0]!), verdict: 'accept' });
  core.close();
});
