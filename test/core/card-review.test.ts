/**
 * Review of claim cards: for a claim both annotators marked, each role's links and the stance are
 * units decided into the gold layer's card, in its history (undo and redo, across a reopening),
 * with the reviewer and time; accepting a role brings its claim and span into gold.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Output } from '../../electron/contract/contract.ts';
import { addText, assertHamishError, cardOf, codePointRange, goldSpanOf, openCore, spanVersion, type OpenCore } from '../support/core.ts';

const TEXT = 'أفادت وكالة رويترز نقلا عن مسؤول أمريكي، أن مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق.';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const PAIR = ['layla', 'omar'];
const at = (needle: string) => codePointRange(TEXT, needle);
const claim = at(CLAIM);

/**
 * layla: source the US official, via Reuters, location Iraq, hedged. omar: source Reuters, via
 * Reuters, no location, asserted.
 */
function library(file?: string): { core: OpenCore; doc: string } {
  const core = openCore({ seed: false, annotator: 'layla', ...(file && { file }) });
  const doc = addText(core, 'reuters', TEXT);
  const span = (needle: string, label: 'claim' | 'actor' | 'location') => core.call('createSpan', { documentId: doc, ...at(needle), label }).id;
  let c = span(CLAIM, 'claim');
  let agency = span('وكالة رويترز', 'actor');
  const official = span('مسؤول أمريكي', 'actor');
  const iraq = span('العراق', 'location');
  core.call('linkRole', { claim: c, role: 'source', span: official });
  core.call('linkRole', { claim: c, role: 'via', span: agency });
  core.call('linkRole', { claim: c, role: 'location', span: iraq });
  core.call('setStance', { claim: c, stance: 'hedged' });
  core.call('setAnnotator', { name: 'omar' });
  c = span(CLAIM, 'claim');
  agency = span('وكالة رويترز', 'actor');
  span('مسؤول أمريكي', 'actor');
  core.call('linkRole', { claim: c, role: 'source', span: agency });
  core.call('linkRole', { claim: c, role: 'via', span: agency });
  core.call('setAnnotator', { name: 'lead' });
  return { core, doc };
}

type Review = Output<'reviewDocument'>;
const cardUnits = (review: Review) =>
  review.units
    .filter((unit) => unit.card)
    .map((unit) => [
      unit.card!.aspect,
      unit.kind,
      unit.versions.map((v) => `${v.stance ?? v.text}:${v.annotators.join('+')}`).join(' | '),
      unit.state,
    ]);
const cardUnit = (review: Review, aspect: string) => review.units.find((unit) => unit.card?.aspect === aspect)!;
const goldCard = (core: OpenCore, doc: string) => {
  const opened = core.call('openDocument', { id: doc, layers: ['gold'] });
  const text = (id: number) => {
    const span = opened.spans.find((s) => s.id === id)!;
    return [...opened.text].slice(span.start, span.end).join('');
  };
  const card = opened.cards[0];
  return card ? { claim: text(card.claim), stance: card.stance, roles: card.roles.map((r) => `${r.role}:${text(r.span)}`) } : null;
};

test('card units: per role agreed, partial or different spans, and the stance where annotators differ, after their claim', () => {
  const { core, doc } = library();
  const review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.deepEqual(cardUnits(review), [
    ['source', 'range', 'وكالة رويترز:omar | مسؤول أمريكي:layla', 'open'],
    ['via', 'agreed', 'وكالة رويترز:layla+omar', 'open'],
    ['location', 'partial', 'العراق:layla', 'open'],
    ['stance', 'label', 'hedged:layla | asserted:omar', 'open'],
  ]);
  assert.deepEqual(cardUnit(review, 'location').missing, ['omar']);
  assert.equal(cardUnit(review, 'source').card!.claim.text, CLAIM);
  const claimAt = review.units.findIndex((unit) => unit.id === `${claim.start}-${claim.end}:claim`);
  assert.equal(review.units[claimAt + 1]!.card?.aspect, 'source', 'the card units follow their claim');
  core.close();
});

test('accepting a role brings the claim and its span into gold, in one step undone and redone across a reopening', () => {
  const { core, doc } = library();
  const decision = core.call('decideCard', {
    documentId: doc,
    claim,
    aspect: 'source',
    version: at('مسؤول أمريكي'),
    verdict: 'accept',
  });
  assert.equal(decision.reviewer, 'lead');
  assert.match(decision.at, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(cardOf(decision), { claim, aspect: 'source' });
  assert.equal(goldSpanOf(decision).label, 'actor');
  assert.deepEqual(goldCard(core, doc), { claim: CLAIM, stance: 'asserted', roles: ['source:مسؤول أمريكي'] });
  let review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.equal(cardUnit(review, 'source').state, 'accepted');
  const accepted = cardUnit(review, 'source').versions.find((v) => v.text === 'مسؤول أمريكي')!.decision;
  assert.equal(accepted?.verdict, 'accept');
  assert.equal(accepted?.reviewer, 'lead');
  assert.equal(review.units.find((u) => u.id === `${claim.start}-${claim.end}:claim`)!.state, 'accepted', 'the claim came in as accepted');
  assert.equal(review.review, 'in_review');

  const file = core.file;
  core.close();
  const again = openCore({ file, annotator: 'lead' });
  const undone = again.call('undo', { documentId: doc, layer: 'gold' })!;
  assert.equal(undone.decisions.length, 3, 'the claim, its span and the role: one step');
  assert.equal(goldCard(again, doc), null);
  assert.deepEqual(again.call('openDocument', { id: doc, layers: ['gold'] }).spans, []);
  review = again.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.equal(cardUnit(review, 'source').state, 'open');
  again.call('redo', { documentId: doc, layer: 'gold' });
  assert.deepEqual(goldCard(again, doc), { claim: CLAIM, stance: 'asserted', roles: ['source:مسؤول أمريكي'] });
  assert.equal(cardUnit(again.call('reviewDocument', { documentId: doc, annotators: PAIR }), 'source').state, 'accepted');
  again.close();
});

test('stance, rejection and accept-all-agreed; rejecting an accepted role takes its link out of gold', () => {
  const { core, doc } = library();
  const decide = (aspect: 'source' | 'via' | 'location' | 'stance', version: { start: number; end: number } | { stance: 'hedged' | 'asserted' }, verdict: 'accept' | 'reject') =>
    core.call('decideCard', { documentId: doc, claim, aspect, version, verdict });
  decide('stance', { stance: 'hedged' }, 'accept');
  assert.deepEqual(goldCard(core, doc), { claim: CLAIM, stance: 'hedged', roles: [] });
  decide('location', at('العراق'), 'reject');
  const accepted = core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  assert.ok(accepted.some((d) => cardOf(d)?.aspect === 'via'), 'the agreed via link is among the agreed units');
  assert.deepEqual(goldCard(core, doc), { claim: CLAIM, stance: 'hedged', roles: ['via:وكالة رويترز'] });
  let review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.deepEqual(
    cardUnits(review).map(([aspect, , , state]) => [aspect, state]),
    [['source', 'open'], ['via', 'accepted'], ['location', 'rejected'], ['stance', 'accepted']],
  );
  decide('source', at('وكالة رويترز'), 'accept');
  assert.deepEqual(goldCard(core, doc)!.roles, ['source:وكالة رويترز', 'via:وكالة رويترز']);
  decide('source', at('وكالة رويترز'), 'reject');
  assert.deepEqual(goldCard(core, doc)!.roles, ['via:وكالة رويترز']);
  review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.equal(cardUnit(review, 'source').state, 'open', 'one version rejected, the other still open');
  core.call('undo', { documentId: doc, layer: 'gold' });
  assert.deepEqual(goldCard(core, doc)!.roles, ['source:وكالة رويترز', 'via:وكالة رويترز'], 'undo puts the link back');
  core.close();
});

test('a card unit of a rejected claim is refused with the reason; a version nobody gave is not found', () => {
  const { core, doc } = library();
  core.call('decide', { documentId: doc, version: { ...claim, label: 'claim' }, verdict: 'reject' });
  assertHamishError(
    () => core.call('decideCard', { documentId: doc, claim, aspect: 'via', version: at('وكالة رويترز'), verdict: 'accept' }),
    'invalid_input',
    /claim .* was rejected from gold: accept it first/,
  );
  assertHamishError(
    () => core.call('decideCard', { documentId: doc, claim, aspect: 'location', version: at('مسؤول أمريكي'), verdict: 'accept' }),
    'not_found',
    /no annotator's card of the claim .* has the location .* as location/,
  );
  assertHamishError(
    () => core.callRaw('decideCard', { documentId: doc, claim, aspect: 'stance', version: at('العراق'), verdict: 'accept' }),
    'invalid_input',
    /a stance unit takes a stance as its version.*at version/,
  );
  // Accepting all agreed leaves the rejected claim's card alone.
  const accepted = core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  assert.ok(accepted.every((d) => cardOf(d) === undefined));
  core.close();
});

test('Tab finds card disagreements; the document is adjudicated only once its card units are decided', () => {
  const { core, doc } = library();
  const found = core.call('nextDisagreement', { fromDocument: doc, fromOffset: claim.start, direction: 'next', annotators: PAIR });
  assert.ok(found);
  core.call('acceptAgreed', { documentId: doc, annotators: PAIR });
  // Decide every span unit: only the card units are left open.
  for (const unit of core.call('reviewDocument', { documentId: doc, annotators: PAIR }).units) {
    if (unit.state === 'open' && !unit.card) core.call('decide', { documentId: doc, version: spanVersion(unit.versions[0]!), verdict: 'accept' });
  }
  let review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.equal(review.review, 'in_review');
  assert.deepEqual(review.units.filter((u) => u.state === 'open').map((u) => u.card?.aspect), ['source', 'location', 'stance']);
  for (const unit of review.units.filter((u) => u.state === 'open')) {
    const v = unit.versions[0]!;
    const aspect = unit.card!.aspect;
    core.call('decideCard', { documentId: doc, claim, aspect, version: aspect === 'stance' ? { stance: v.stance! } : v, verdict: 'accept' });
  }
  review = core.call('reviewDocument', { documentId: doc, annotators: PAIR });
  assert.equal(review.review, 'adjudicated');
  assert.equal(core.call('nextDisagreement', { fromDocument: doc, fromOffset: 0, direction: 'next', annotators: PAIR }), null);
  core.close();
});
