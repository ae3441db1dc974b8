/**
 * What a span may hold, whatever door asks: a letter or a digit (never only spaces and
 * punctuation), and no white space at either edge (issue 10, items 16 and 18).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addText, assertHamishError, codePointRange, openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const TEXT = 'قال المتحدث، إن الجيش انسحب . ثم عاد';

describe('span edges in the core', () => {
  test('a span of only spaces and punctuation is refused by createSpan and updateSpan, and nothing is stored', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const comma = codePointRange(TEXT, '، ');
      assertHamishError(
        () => core.call('createSpan', { documentId: id, ...comma, label: 'actor' }),
        'invalid_input',
        /^span 11–13 \("، "\) holds no letter or digit$/,
      );
      assertHamishError(() => core.call('createSpan', { documentId: id, ...codePointRange(TEXT, ' . '), label: 'claim' }), 'invalid_input', /holds no letter or digit/);
      const span = core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الجيش'), label: 'actor' });
      assertHamishError(() => core.call('updateSpan', { id: span.id, ...codePointRange(TEXT, ' . ') }), 'invalid_input', /holds no letter or digit/);
      const opened = core.call('openDocument', { id });
      assert.deepEqual(opened.spans, [span], 'only the span with letters is stored, unchanged');
      assert.equal(opened.summary.status, 'in_progress');
      assert.equal(core.call('undo', { documentId: id })?.spans[0]?.spanId, span.id, 'the refusals left no history');
    } finally {
      core.close();
    }
  });

  test('edges never rest on white space: createSpan and updateSpan store the span without it', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const army = codePointRange(TEXT, 'الجيش');
      const padded = core.call('createSpan', { documentId: id, start: army.start - 1, end: army.end + 1, label: 'actor' });
      assert.deepEqual({ start: padded.start, end: padded.end }, army);
      // The same span as asking for it without the spaces.
      assert.equal(core.call('createSpan', { documentId: id, ...army, label: 'actor' }).id, padded.id);
      const movedOntoSpace = core.call('updateSpan', { id: padded.id, end: army.end + 1 });
      assert.deepEqual({ start: movedOntoSpace.start, end: movedOntoSpace.end }, army);
      const startOnSpace = core.call('updateSpan', { id: padded.id, start: army.start - 1, end: codePointRange(TEXT, 'الجيش انسحب').end });
      assert.deepEqual({ start: startOnSpace.start, end: startOnSpace.end }, codePointRange(TEXT, 'الجيش انسحب'));
    } finally {
      core.close();
    }
  });

  test('an imported span of only punctuation is refused with its file and line; one with spaces is stored without them', () => {
    const core = openCore({ seed: false });
    try {
      const folder = tempDir();
      const record = (spans: unknown[]) => JSON.stringify({ text: TEXT, spans });
      const punctuation = join(folder, 'punctuation.jsonl');
      writeFileSync(punctuation, `${record([])}\n${record([{ ...codePointRange(TEXT, '،'), label: 'actor' }])}\n`);
      const refused = core.call('importFiles', { paths: [punctuation] });
      assert.deepEqual(refused.imported, []);
      assert.equal(refused.failed[0]?.line, 2);
      assert.match(refused.failed[0]!.reason, /^span 11–12 \("،"\) holds no letter or digit$/);

      const spaces = join(folder, 'spaces.jsonl');
      const army = codePointRange(TEXT, 'الجيش');
      writeFileSync(spaces, `${record([{ start: army.start - 1, end: army.end + 1, label: 'actor' }])}\n`);
      const [entry] = core.call('importFiles', { paths: [spaces] }).imported;
      const [span] = core.call('openDocument', { id: entry!.id }).spans;
      assert.deepEqual({ start: span?.start, end: span?.end }, army);
    } finally {
      core.close();
    }
  });
});
