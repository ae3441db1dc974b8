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
