/**
 * The claims table (`hamish export --format claims-csv|claims-json`): one row per claim with its
 * card, read back with Python's csv module (the standard library's reader, not ours) and JSON.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codePointRange, openCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { runCli, tempDir } from '../support/hamish.ts';
import { pythonWith, runPython } from '../support/python.ts';

const DOC = SEED_IDS[0]!;
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const OTHER_CLAIM = 'أنه لم يصب أي جندي أمريكي خلال الهجوم الصاروخي';

/** The first seed article with the Reuters card, and a second claim without a card. */
function library(): string {
  const core = openCore();
  const text = core.call('openDocument', { id: DOC }).text;
  const tag = (needle: string, label: 'claim' | 'actor' | 'location') =>
    core.call('createSpan', { documentId: DOC, ...codePointRange(text, needle), label }).id;
  const claim = tag(CLAIM, 'claim');
  tag(OTHER_CLAIM, 'claim');
  core.call('linkRole', { claim, role: 'source', span: tag('مسؤول أمريكي', 'actor') });
  core.call('linkRole', { claim, role: 'via', span: tag('وكالة رويترز', 'actor') });
  core.call('linkRole', { claim, role: 'via', span: tag('رويترز،', 'actor') });
  core.call('linkRole', { claim, role: 'location', span: tag('العراق', 'location') });
  core.call('setDocumentStatus', { id: DOC, status: 'done' });
  core.close();
  return core.file;
}

const ROWS = [
  {
    document: DOC,
    claim: CLAIM,
    stance: 'asserted',
    sources: ['مسؤول أمريكي'],
    via: ['وكالة رويترز', 'رويترز،'],
    locations: ['العراق'],
    dates: [],
    annotator: 'test-analyst',
    cluster: null,
  },
  { document: DOC, claim: OTHER_CLAIM, stance: 'asserted', sources: [], via: [], locations: [], dates: [], annotator: 'test-analyst', cluster: null },
];

test('claims-json: a row per claim, roles as lists, via in the chain\'s order', async () => {
  const result = await runCli(['export', '--db', library(), '--format', 'claims-json']);
  assert.equal(result.code, 0, result.stderr);
  const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
  assert.deepEqual(rows.map(({ start: _s, end: _e, ...row }) => row), ROWS);
});

const python = pythonWith();
test('claims-csv: read by Python\'s csv module, several spans of a role joined by " | "', { skip: python.skip || false }, async () => {
  const result = await runCli(['export', '--db', library(), '--format', 'claims-csv']);
  assert.equal(result.code, 0, result.stderr);
  const file = join(tempDir(), 'claims.csv');
  writeFileSync(file, result.stdout);
  const read = runPython(python, ['-c', 'import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))', file]);
  assert.equal(read.code, 0, read.stderr);
  const rows = JSON.parse(read.stdout) as Record<string, string>[];
  const joined = (list: string[]) => list.join(' | ');
  assert.deepEqual(
    rows.map(({ start: _s, end: _e, ...row }) => row),
    ROWS.map((row) => ({ ...row, sources: joined(row.sources), via: joined(row.via), locations: joined(row.locations), dates: joined(row.dates), cluster: '' })),
  );
});
