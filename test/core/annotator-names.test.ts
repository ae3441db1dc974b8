/**
 * A name holding a control character, a bidi control or half of a surrogate pair is refused at
 * every door: the contract, --annotator, $HAMISH_ANNOTATOR, and the annotator names of imported
 * files (a failed line). Names are compared in NFC, so a name typed decomposed is the same name.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { addText, assertHamishError, codePointRange, openCore } from '../support/core.ts';
import { ANNOTATOR, assertCliError, runCli, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';

const BAD_NAMES: readonly { name: string; problem: string }[] = [
  { name: 'lay\u0000la', problem: 'an annotator name must not hold a control character (U+0000, character 4)' },
  { name: 'lay\nla', problem: 'an annotator name must not hold a control character (U+000A, character 4)' },
  { name: 'lay\u2028la', problem: 'an annotator name must not hold a control character (U+2028, character 4)' },
  { name: 'ليلى\u202Eabc', problem: 'an annotator name must not hold a bidi control (U+202E, character 5)' },
  { name: '\u2067ليلى', problem: 'an annotator name must not hold a bidi control (U+2067, character 1)' },
  { name: 'lay\uD800la', problem: 'an annotator name must not hold half of a surrogate pair (U+D800, character 4)' },
  { name: '😀\uDE00', problem: 'an annotator name must not hold half of a surrogate pair (U+DE00, character 2)' },
];

const TEXT = 'قال الوزير إن المحادثات مستمرة.';

describe('the contract', () => {
  for (const { name, problem } of BAD_NAMES) {
    test(`refuses ${JSON.stringify(name)} and changes nothing`, () => {
      const core = openCore({ seed: false, annotator: 'omar' });
      try {
        const id = addText(core, 'article', TEXT);
        const before = dumpLibrary(core.file);
        assertHamishError(() => core.call('setAnnotator', { name }), 'invalid_input', new RegExp(`^setAnnotator: .*${escape(problem)}`));
        assertHamishError(() => core.call('openDocument', { id, layers: [name] }), 'invalid_input', new RegExp(escape(problem)));
        assert.deepEqual(dumpLibrary(core.file), before);
      } finally {
        core.close();
      }
    });
  }

  test('names are compared in NFC: é typed decomposed is the é of the layer', () => {
    const core = openCore({ seed: false, annotator: 'omar' });
    try {
      const id = addText(core, 'article', TEXT);
      assert.deepEqual(core.call('setAnnotator', { name: 'Ame\u0301lie' }), { annotator: 'Amélie', confirmed: true });
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الوزير'), label: 'actor' });
      for (const name of ['Amélie', 'Ame\u0301lie']) {
        assert.deepEqual(core.call('openDocument', { id, layers: [name] }).spans.map((s) => s.annotator), ['Amélie'], name);
      }
      assert.deepEqual(core.call('listAnnotators', {}), ['Amélie']);
    } finally {
      core.close();
    }
  });

  test('a name an older Hamish kept for the library, refused now, is asked for again; the library opens', () => {
    const core = openCore({ seed: false, annotator: 'omar' });
    core.close();
    const db = new Database(core.file);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('annotator', ?)`).run('ليلى\u202Eabc');
    db.close();
    const saved = process.env.HAMISH_ANNOTATOR;
    delete process.env.HAMISH_ANNOTATOR;
    try {
      const again = openHamish({ database: core.file });
      assert.equal((dispatch(again.handlers, 'session', {}) as { confirmed: boolean }).confirmed, false);
      again.close();
    } finally {
      if (saved !== undefined) process.env.HAMISH_ANNOTATOR = saved;
    }
  });
});

describe('the command line', () => {
  test('--annotator', async () => {
    const db = join(tempDir(), 'never.sqlite');
    const result = await runCli(['import', 'x.txt', '--annotator', 'ليلى\u202Eabc', '--db', db]);
    assertCliError(result, /^hamish: import: --annotator: an annotator name must not hold a bidi control \(U\+202E, character 5\)$/);
    assert.equal(result.code, 2);
  });

  test('$HAMISH_ANNOTATOR', async () => {
    const db = join(tempDir(), 'never.sqlite');
    const result = await runCli(['export', '--db', db], { env: { HAMISH_ANNOTATOR: 'lay\nla' } });
    assertCliError(result, /^hamish: export: \$HAMISH_ANNOTATOR: an annotator name must not hold a control character \(U\+000A, character 4\)$/);
    assert.equal(result.code, 2);
  });
});

describe('imported files', () => {
  test("a JSONL span's annotator with a bidi control is a failed line; the other files go in", () => {
    const core = openCore({ seed: false });
    try {
      const dir = tempDir();
      const bad = join(dir, 'bad.jsonl');
      const good = join(dir, 'good.jsonl');
      const span = { ...codePointRange(TEXT, 'الوزير'), label: 'actor' };
      writeFileSync(bad, [{ text: 'نص أول' }, { text: TEXT, spans: [{ ...span, annotator: 'ليلى\u202Eabc' }] }].map((r) => JSON.stringify(r)).join('\n'));
      writeFileSync(good, JSON.stringify({ id: 'good', text: 'وصل الوفد.' }) + '\n');
      const report = core.call('importFiles', { paths: [bad, good] });
      assert.deepEqual(report.failed, [{ file: bad, line: 2, reason: 'an annotator name must not hold a bidi control (U+202E, character 5)' }]);
      assert.deepEqual(report.imported.map((entry) => entry.id), ['good']);
      assert.deepEqual(core.call('listAnnotators', {}), [ANNOTATOR], 'no annotator came in but the session\'s');
    } finally {
      core.close();
    }
  });

  test("a colleague's library file with such a name fails, naming the document", () => {
    const colleague = openCore({ seed: false, annotator: 'layla' });
    const id = addText(colleague, 'article', TEXT);
    colleague.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الوزير'), label: 'actor' });
    colleague.close();
    const db = new Database(colleague.file);
    db.prepare(`UPDATE annotators SET name = ? WHERE name = 'layla'`).run('lay\u2066la');
    db.close();
    const core = openCore({ seed: false });
    try {
      const report = core.call('importFiles', { paths: [colleague.file] });
      assert.deepEqual(report.failed, [
        { file: colleague.file, reason: 'document "article": an annotator name must not hold a bidi control (U+2066, character 4)' },
      ]);
      assert.deepEqual(core.call('listDocuments', {}), []);
    } finally {
      core.close();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
