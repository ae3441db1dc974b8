/**
 * Every kind of bad input has a fixture in test/fixtures/import/bad. Each is refused with its file
 * and line, and leaves the library exactly as it was: a file goes in whole or not at all.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openCore } from '../support/core.ts';
import { runCli } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';
import { BAD, GOOD } from './helpers.ts';

const CASES: readonly { file: string; line: number; reason: RegExp }[] = [
  { file: 'empty.jsonl', line: 1, reason: /^the file is empty$/ },
  { file: 'empty.txt', line: 1, reason: /^the file is empty$/ },
  // Lines 1 and 2 are good: they must not go in without line 3.
  { file: 'not-json.jsonl', line: 3, reason: /^not JSON: .* at column 17$/ },
  { file: 'no-text.jsonl', line: 2, reason: /^no "text" field$/ },
  { file: 'span-outside.jsonl', line: 2, reason: /^span 1 \(10–400\) is outside the text \(65 code points\) or empty$/ },
  { file: 'span-mismatch.jsonl', line: 1, reason: /^span 1 \(4–10\) says "الرئيسة" but the text there is "الرئيس"$/ },
  { file: 'unknown-label.jsonl', line: 3, reason: /^span 1: unknown label "PERSON" \(the labels are claim, actor, location, date\)$/ },
  { file: 'span-splits-letter.jsonl', line: 1, reason: /^offset 1 splits a letter from its marks or a lam-alef$/ },
  { file: 'decision-time.jsonl', line: 2, reason: /^decision 1: "at" "yesterday" is not a time$/ },
  { file: 'unclosed-quote.csv', line: 3, reason: /^CSV: a quoted field is not closed by the end of the file$/ },
  { file: 'short-row.csv', line: 3, reason: /^CSV: 2 fields where the header has 3$/ },
  { file: 'binary.txt', line: 3, reason: /^not text: a NUL byte at byte 8$/ },
  { file: 'invalid-utf8.txt', line: 3, reason: /^not valid UTF-8 \(byte 57\)$/ },
  { file: 'invalid-utf8.jsonl', line: 3, reason: /^not valid UTF-8 \(byte 261\)$/ },
];

describe('bad input is refused with its file and line, and changes nothing', () => {
  for (const { file, line, reason } of CASES) {
    test(file, () => {
      const core = openCore();
      try {
        // A library with spans and history in it, so that "unchanged" covers every table.
        core.call('importFiles', { paths: [join(GOOD, 'hamish-export.jsonl')] });
        const before = dumpLibrary(core.file);
        const report = core.call('importFiles', { paths: [join(BAD, file)] });
        assert.deepEqual(report.imported, []);
        assert.deepEqual(report.duplicates, []);
        assert.equal(report.failed.length, 1);
        const [failure] = report.failed;
        assert.equal(failure!.file, join(BAD, file));
        assert.equal(failure!.line, line);
        assert.match(failure!.reason, reason);
        assert.deepEqual(dumpLibrary(core.file), before);
      } finally {
        core.close();
      }
    });
  }

  test('the command line prints FILE:LINE: reason, and the good files still go in', async () => {
    const core = openCore({ seed: false });
    core.close();
    const good = join(GOOD, 'articles.jsonl');
    const result = await runCli(['import', join(BAD, 'no-text.jsonl'), good, join(BAD, 'unknown-label.jsonl'), '--db', core.file]);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stderr.trim().split('\n'), [
      `failed    ${join(BAD, 'no-text.jsonl')}:2: no "text" field`,
      `failed    ${join(BAD, 'unknown-label.jsonl')}:3: span 1: unknown label "PERSON" (the labels are claim, actor, location, date)`,
    ]);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      `imported  ${good}:1 as riyadh-meeting`,
      `imported  ${good}:3 as articles-3`,
      `imported  ${good}:4 as articles-4`,
      '3 imported, 0 duplicates, 2 failed',
    ]);
  });
});
