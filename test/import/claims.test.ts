/**
 * Claim cards in Hamish JSONL: read back over the line's own spans, refused at file:line when a
 * role points at a span that is not there or of the wrong label, and the library left unchanged.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codePointRange, openCore } from '../support/core.ts';
import { runCli, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';

const TEXT = 'أفادت وكالة رويترز نقلا عن مسؤول أمريكي، أن مقاتلة دمرت قاذفة صواريخ في العراق.';
const at = (needle: string) => codePointRange(TEXT, needle);

function line(id: string, claims: unknown): string {
  const span = (n: number, needle: string, label: string) => ({ id: n, ...at(needle), label, text: needle, annotator: 'layla' });
  return JSON.stringify({
    id,
    text: TEXT,
    offset_unit: 'codepoint',
    spans: [
      span(1, 'مقاتلة دمرت قاذفة صواريخ في العراق', 'claim'),
      span(2, 'وكالة رويترز', 'actor'),
      span(3, 'مسؤول أمريكي', 'actor'),
      span(4, 'العراق', 'location'),
    ],
    claims,
  });
}

const GOOD = [
  { id: 7, span: 1, annotator: 'layla', stance: 'hedged', roles: [{ role: 'via', span: 2, order: 1 }, { role: 'source', span: 3 }, { role: 'location', span: 4 }] },
];

function importLines(lines: string[]) {
  const file = join(tempDir(), 'cards.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const core = openCore({ seed: false });
  const report = core.call('importFiles', { paths: [file] });
  return { core, file, report };
}

test('a line\'s claims come in as cards over its spans, ids kept', () => {
  const { core, report } = importLines([line('d1', GOOD)]);
  assert.deepEqual(report.failed, []);
  const opened = core.call('openDocument', { id: 'd1', layers: ['layla'] });
  const id = (needle: string) => opened.spans.find((s) => s.start === at(needle).start && s.end === at(needle).end)!.id;
  assert.deepEqual(opened.cards, [
    {
      id: 7,
      claim: id('مقاتلة دمرت قاذفة صواريخ في العراق'),
      annotator: 'layla',
      stance: 'hedged',
      roles: [
        { role: 'source', span: id('مسؤول أمريكي'), order: 1 },
        { role: 'via', span: id('وكالة رويترز'), order: 1 },
        { role: 'location', span: id('العراق'), order: 1 },
      ],
    },
  ]);
  core.close();
});

const BAD: readonly { claims: unknown; reason: RegExp }[] = [
  { claims: [{ ...GOOD[0], roles: [{ role: 'source', span: 9 }] }], reason: /^claim 1: role 1: span 9 is not among this line's spans$/ },
  { claims: [{ ...GOOD[0], roles: [{ role: 'source', span: 4 }] }], reason: /^claim 1: role 1: the source role takes actor spans; span 4 is a location$/ },
  { claims: [{ ...GOOD[0], roles: [{ role: 'date', span: 2 }] }], reason: /^claim 1: role 1: the date role takes date spans; span 2 is an actor$/ },
  { claims: [{ ...GOOD[0], roles: [{ role: 'author', span: 2 }] }], reason: /^claim 1: role 1: role "author" is not one of source, via, location, date$/ },
  { claims: [{ ...GOOD[0], span: 2 }], reason: /^claim 1: span 2 is an actor, not a claim$/ },
  { claims: [{ ...GOOD[0], span: 12 }], reason: /^claim 1: span 12 is not among this line's spans$/ },
  { claims: [{ ...GOOD[0], stance: 'maybe' }], reason: /^claim 1: stance "maybe" is not one of asserted, denied, hedged$/ },
  { claims: [{ ...GOOD[0], annotator: 'omar' }], reason: /^claim 1: annotator "omar" is not its claim span's \("layla"\)$/ },
  { claims: { span: 1 }, reason: /^"claims" is not a list of claim cards$/ },
];

test('a card that does not fit its line is refused at file:line, and the file changes nothing', () => {
  for (const { claims, reason } of BAD) {
    const { core, file, report } = importLines([line('good', GOOD), line('bad', claims)]);
    assert.deepEqual(report.imported, [], JSON.stringify(claims));
    assert.equal(report.failed.length, 1);
    assert.equal(report.failed[0]!.file, file);
    assert.equal(report.failed[0]!.line, 2);
    assert.match(report.failed[0]!.reason, reason);
    const empty = openCore({ seed: false });
    assert.deepEqual({ ...dumpLibrary(core.file), annotators: [], settings: [] }, { ...dumpLibrary(empty.file), annotators: [], settings: [] }, 'nothing of the file stays');
    empty.close();
    core.close();
  }
});

test('hamish import names the file and line of a card that does not fit, and exits non-zero', async () => {
  const file = join(tempDir(), 'cards.jsonl');
  writeFileSync(file, [line('good', GOOD), line('bad', [{ ...GOOD[0], roles: [{ role: 'location', span: 3 }] }])].join('\n') + '\n');
  const db = join(tempDir(), 'hamish.sqlite');
  const result = await runCli(['import', file, '--db', db, '--no-seeds']);
  assert.notEqual(result.code, 0);
  assert.match(result.stdout + result.stderr, /cards\.jsonl:2: claim 1: role 1: the location role takes location spans; span 3 is an actor/);
});

/** A file of one record in another tool's shape, imported into a new library: its cards, or its failure as "line: reason". */
function importRecord(name: string, content: string) {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  const core = openCore({ seed: false });
  try {
    const report = core.call('importFiles', { paths: [file] });
    if (report.failed.length > 0) {
      assert.deepEqual(core.call('listDocuments', {}), [], 'nothing of the file stays');
      return `${report.failed[0]!.file === file ? '' : 'another file '}${report.failed[0]!.line}: ${report.failed[0]!.reason}`;
    }
    const [document] = core.call('listDocuments', {});
    const { spans, cards } = core.call('openDocument', { id: document!.id, layers: 'all' });
    const textOf = (id: number) => {
      const span = spans.find((s) => s.id === id)!;
      return Array.from(TEXT).slice(span.start, span.end).join('');
    };
    return cards.map((card) => ({ claim: textOf(card.claim), annotator: card.annotator, stance: card.stance, roles: card.roles.map((r) => [r.role, textOf(r.span), r.order]) }));
  } finally {
    core.close();
  }
}

const CARD = {
  claim: 'مقاتلة دمرت قاذفة صواريخ في العراق',
  stance: 'hedged',
  roles: [
    ['source', 'مسؤول أمريكي', 1],
    ['via', 'وكالة رويترز', 1],
    ['via', 'مسؤول أمريكي', 2],
    ['location', 'العراق', 1],
  ],
};

test("doccano's relations are cards; one pointing at a missing entity, or one of the wrong label, is refused at file:line", () => {
  const entity = (id: number, needle: string, label: string) => ({ id, label, start_offset: at(needle).start, end_offset: at(needle).end });
  const entities = [
    entity(10, 'مقاتلة دمرت قاذفة صواريخ في العراق', 'CLAIM'),
    entity(20, 'وكالة رويترز', 'ACTOR'),
    entity(30, 'مسؤول أمريكي', 'ACTOR'),
    entity(40, 'العراق', 'LOCATION'),
  ];
  const relation = (id: number, from: number, to: number, type: string) => ({ id, from_id: from, to_id: to, type });
  const good = [relation(1, 10, 20, 'via'), relation(2, 10, 30, 'source'), relation(3, 10, 40, 'location'), relation(4, 10, 30, 'via')];
  const doccano = (relations: unknown, stances: unknown = { 10: 'hedged' }) =>
    importRecord('doccano.jsonl', '\n' + JSON.stringify({ text: TEXT, entities, relations, stances }) + '\n');
  assert.deepEqual(doccano(good), [{ ...CARD, annotator: 'test-analyst' }]);
  assert.equal(doccano([relation(1, 10, 90, 'source')]), '2: relation 1: to_id 90 is no entity of this line');
  assert.equal(doccano([good[0], relation(2, 10, 40, 'source')]), '2: relation 2: the source role takes actor spans; entity 40 is a location');
  assert.equal(doccano([relation(1, 20, 30, 'source')]), '2: relation 1: entity 20 is an actor, not a claim');
  assert.equal(doccano([relation(1, 10, 30, 'founded')]), '2: relation 1: type "founded" is no role of a claim card (source, via, location, date)');
  assert.equal(doccano(good, { 10: 'maybe' }), '2: stances: "maybe" is not one of asserted, denied, hedged');
});

test("Label Studio's relation results and per-region stance are cards; one pointing at a missing region, or one of the wrong label, is refused at file:line", () => {
  const region = (id: string, needle: string, label: string) => ({
    id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { ...at(needle), text: needle, labels: [label] },
  });
  const relation = (from: string, to: string, role: string) => ({ from_id: from, to_id: to, type: 'relation', direction: 'right', labels: [role] });
  const regions = [
    region('c', 'مقاتلة دمرت قاذفة صواريخ في العراق', 'CLAIM'),
    region('a', 'وكالة رويترز', 'ACTOR'),
    region('o', 'مسؤول أمريكي', 'ACTOR'),
    region('l', 'العراق', 'LOCATION'),
  ];
  const stance = { id: 'c', from_name: 'stance', to_name: 'text', type: 'choices', value: { ...at('مقاتلة دمرت قاذفة صواريخ في العراق'), choices: ['hedged'] } };
  const good = [relation('c', 'a', 'via'), relation('c', 'o', 'source'), relation('c', 'l', 'location'), relation('c', 'o', 'via'), stance];
  const task = (results: unknown[]) =>
    importRecord('tasks.json', `[\n${JSON.stringify({ id: 5, data: { text: TEXT }, annotations: [{ completed_by: { first_name: 'sara' }, result: [...regions, ...results] }] })}\n]\n`);
  assert.deepEqual(task(good), [{ ...CARD, annotator: 'sara' }]);
  assert.equal(task([relation('c', 'zz', 'source')]), '2: annotation 1, result 5: to_id zz is no labels region of its annotation');
  assert.equal(task([relation('c', 'a', 'source'), relation('c', 'l', 'source')]), '2: annotation 1, result 6: the source role takes actor spans; region l is a location');
  assert.equal(task([relation('a', 'o', 'source')]), '2: annotation 1, result 5: region a is an actor, not a claim');
  assert.equal(task([relation('c', 'a', 'author')]), '2: annotation 1, result 5: the relation\'s labels ["author"] are not one role of a claim card (source, via, location, date)');
  assert.equal(task([{ ...stance, value: { ...stance.value, choices: ['maybe'] } }]), '2: annotation 1, result 5: the stance ["maybe"] is not one of asserted, denied, hedged');
});
