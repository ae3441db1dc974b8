/**
 * Claim cards in the core, through dispatch (the door every other door uses), on a real SQLite
 * file: roles take spans of the claim's layer, document and the role's label; deleting a span
 * takes it out of its cards and undo puts it back, also after the library is closed and opened.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertHamishError, codePointRange, openCore, type OpenCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';

const DOC = SEED_IDS[0]!;
const OTHER = SEED_IDS[1]!;
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';

function tag(core: OpenCore, needle: string, label: 'claim' | 'actor' | 'location' | 'date', layer?: 'gold') {
  const range = codePointRange(core.call('openDocument', { id: DOC }).text, needle);
  return core.call('createSpan', { documentId: DOC, ...range, label, ...(layer && { layer }) }).id;
}

/** The Reuters card of the first seed article's first sentence, its span ids. */
function reuters(core: OpenCore) {
  return {
    claim: tag(core, CLAIM, 'claim'),
    official: tag(core, 'مسؤول أمريكي', 'actor'),
    agency: tag(core, 'وكالة رويترز', 'actor'),
    iraq: tag(core, 'العراق', 'location'),
  };
}

function cards(core: OpenCore, layers?: string[]) {
  return core.call('openDocument', { id: DOC, ...(layers && { layers }) }).cards.map(({ claim, stance, roles }) => ({ claim, stance, roles }));
}

test('a claim card: stance and roles, in openDocument', () => {
  const core = openCore();
  const s = reuters(core);
  assert.deepEqual(cards(core), [], 'no card until one is made');
  core.call('linkRole', { claim: s.claim, role: 'source', span: s.official });
  core.call('linkRole', { claim: s.claim, role: 'via', span: s.agency });
  const card = core.call('linkRole', { claim: s.claim, role: 'location', span: s.iraq });
  assert.equal(card.stance, 'asserted', 'asserted by default');
  assert.equal(card.annotator, 'test-analyst');
  const hedged = core.call('setStance', { claim: s.claim, stance: 'hedged' });
  assert.equal(hedged.id, card.id);
  const expected = [
    {
      claim: s.claim,
      stance: 'hedged',
      roles: [
        { role: 'source', span: s.official, order: 1 },
        { role: 'via', span: s.agency, order: 1 },
        { role: 'location', span: s.iraq, order: 1 },
      ],
    },
  ];
  assert.deepEqual(cards(core), expected);
  assert.deepEqual(core.call('linkRole', { claim: s.claim, role: 'source', span: s.official }).roles, expected[0]!.roles, 'linking twice is once');
  core.call('unlinkRole', { claim: s.claim, role: 'location', span: s.iraq });
  assert.deepEqual(cards(core)[0]!.roles.map((r) => r.role), ['source', 'via']);
  core.close();
});

test('roles take only spans of their label, layer and document: invalid_input naming the field', () => {
  const core = openCore();
  const s = reuters(core);
  assertHamishError(() => core.call('linkRole', { claim: s.claim, role: 'source', span: s.iraq }), 'invalid_input', /^span: the source role takes actor spans; span \d+ is a location$/);
  assertHamishError(() => core.call('linkRole', { claim: s.claim, role: 'location', span: s.agency }), 'invalid_input', /^span: the location role takes location spans/);
  assertHamishError(() => core.call('linkRole', { claim: s.official, role: 'source', span: s.agency }), 'invalid_input', /^claim: span \d+ is an actor, not a claim$/);
  assertHamishError(() => core.call('linkRole', { claim: s.claim, role: 'source', span: 99_999 }), 'not_found', /^span: no span 99999$/);
  const elsewhere = core.call('createSpan', { documentId: OTHER, start: 0, end: 4, label: 'actor' });
  assertHamishError(() => core.call('linkRole', { claim: s.claim, role: 'via', span: elsewhere.id }), 'invalid_input', /^span: .* another document/);
  const gold = tag(core, 'مسؤول أمريكي', 'actor', 'gold');
  assertHamishError(() => core.call('linkRole', { claim: s.claim, role: 'source', span: gold }), 'invalid_input', /^span: .* another layer/);
  assertHamishError(() => core.callRaw('setStance', { claim: s.claim, stance: 'maybe' }), 'invalid_input', /setStance: .*stance/);
  assertHamishError(() => core.callRaw('linkRole', { claim: s.claim, role: 'author', span: s.agency }), 'invalid_input', /linkRole: .*role/);
  assert.deepEqual(cards(core), [], 'nothing refused was stored');
  core.close();
});

test('the via chain keeps its order; reorderVia takes exactly its spans', () => {
  const core = openCore();
  const s = reuters(core);
  const outlet = tag(core, 'رويترز،', 'actor'); // «تحدثا لرويترز» is in another article: any second actor will do
  core.call('linkRole', { claim: s.claim, role: 'via', span: s.agency });
  core.call('linkRole', { claim: s.claim, role: 'via', span: outlet, order: 1 });
  const via = (card: { roles: { role: string; span: number; order: number }[] }) => card.roles.filter((r) => r.role === 'via').map((r) => [r.span, r.order]);
  assert.deepEqual(via(cards(core)[0]!), [[outlet, 1], [s.agency, 2]]);
  assert.deepEqual(via(core.call('reorderVia', { claim: s.claim, spans: [s.agency, outlet] })), [[s.agency, 1], [outlet, 2]]);
  assertHamishError(() => core.call('reorderVia', { claim: s.claim, spans: [s.agency] }), 'invalid_input', /^spans: name every span of the via chain once/);
  assertHamishError(() => core.callRaw('reorderVia', { claim: s.claim, spans: [s.agency, s.agency] }), 'invalid_input', /name each span once/);
  assertHamishError(() => core.call('linkRole', { claim: s.claim, role: 'via', span: s.official, order: 4 }), 'invalid_input', /^order: /);
  core.close();
});

test('a span fills roles in several cards; deleting it takes it out of all, undo puts it back, also after a reopen', () => {
  const first = openCore();
  const s = reuters(first);
  const second = tag(first, 'أنه لم يصب أي جندي أمريكي خلال الهجوم الصاروخي', 'claim');
  first.call('linkRole', { claim: s.claim, role: 'source', span: s.official });
  first.call('linkRole', { claim: second, role: 'source', span: s.official });
  first.call('linkRole', { claim: second, role: 'via', span: s.agency });
  const before = cards(first);
  assert.equal(before.length, 2);

  first.call('deleteSpan', { id: s.official });
  assert.deepEqual(cards(first).map((c) => c.roles.map((r) => r.span)), [[], [s.agency]], 'gone from both cards');
  first.close();

  const again = openCore({ file: first.file });
  assert.deepEqual(cards(again).map((c) => c.roles.map((r) => r.span)), [[], [s.agency]]);
  again.call('undo', { documentId: DOC });
  assert.deepEqual(cards(again), before, 'undo brings the span back into both cards');

  again.call('deleteSpan', { id: second });
  assert.deepEqual(cards(again).map((c) => c.claim), [s.claim], 'deleting a claim takes its card');
  again.call('undo', { documentId: DOC });
  assert.deepEqual(cards(again), before);
  again.call('redo', { documentId: DOC });
  assert.deepEqual(cards(again).map((c) => c.claim), [s.claim]);
  again.close();
});

test('card changes are steps of the layer history: undo and redo, across a reopen', () => {
  const first = openCore();
  const s = reuters(first);
  const made = first.call('linkRole', { claim: s.claim, role: 'source', span: s.official });
  first.call('setStance', { claim: s.claim, stance: 'denied' });
  first.close();

  const again = openCore({ file: first.file });
  const undone = again.call('undo', { documentId: DOC });
  assert.deepEqual(undone, {
    spans: [],
    decisions: [],
    cards: [{ cardId: made.id, card: { ...made, stance: 'asserted' } }],
  });
  assert.deepEqual(again.call('undo', { documentId: DOC })?.cards, [{ cardId: made.id, card: null }], 'the card was made by the link');
  assert.deepEqual(cards(again), []);
  again.call('redo', { documentId: DOC });
  again.call('redo', { documentId: DOC });
  assert.deepEqual(cards(again), [{ claim: s.claim, stance: 'denied', roles: [{ role: 'source', span: s.official, order: 1 }] }]);
  again.close();
});

test('a relabelled span leaves the roles it no longer fits, and a relabelled claim its card', () => {
  const core = openCore();
  const s = reuters(core);
  core.call('linkRole', { claim: s.claim, role: 'source', span: s.official });
  core.call('updateSpan', { id: s.official, label: 'location' });
  assert.deepEqual(cards(core)[0]!.roles, []);
  core.call('undo', { documentId: DOC });
  assert.deepEqual(cards(core)[0]!.roles, [{ role: 'source', span: s.official, order: 1 }]);
  core.call('updateSpan', { id: s.claim, label: 'actor' });
  assert.deepEqual(cards(core), []);
  assertHamishError(() => core.call('setStance', { claim: s.claim, stance: 'hedged' }), 'invalid_input', /^claim: span \d+ is an actor/);
  core.close();
});

test("cards are read-only in a colleague's layer and editable in gold", () => {
  const layla = openCore({ annotator: 'layla' });
  const s = reuters(layla);
  layla.call('linkRole', { claim: s.claim, role: 'source', span: s.official });
  layla.close();

  const me = openCore({ file: layla.file });
  assert.deepEqual(cards(me), [], 'my own layer has no cards');
  assert.equal(cards(me, ['layla']).length, 1, "layla's card is read with her layer");
  assertHamishError(() => me.call('setStance', { claim: s.claim, stance: 'denied' }), 'invalid_input', /^claim: span \d+ belongs to another annotator$/);
  assertHamishError(() => me.call('unlinkRole', { claim: s.claim, role: 'source', span: s.official }), 'invalid_input', /belongs to another annotator/);
  assert.equal(cards(me, ['layla'])[0]!.stance, 'asserted', 'nothing changed');

  const claim = tag(me, CLAIM, 'claim', 'gold');
  const official = tag(me, 'مسؤول أمريكي', 'actor', 'gold');
  const card = me.call('linkRole', { claim, role: 'source', span: official, layer: 'gold' });
  assert.equal(card.annotator, 'gold');
  assertHamishError(() => me.call('setStance', { claim, stance: 'denied' }), 'invalid_input', /belongs to another annotator/);
  me.call('undo', { documentId: DOC, layer: 'gold' });
  assert.deepEqual(cards(me, ['gold']), [], 'undone in the gold layer');
  me.close();
});
