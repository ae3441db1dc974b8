import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addText, codePointRange, openCore } from '../support/core.ts';
import { EMOJI_ENTITIES, EMOJI_TEXT, libraryWithEmojiSpans } from '../support/fixtures.ts';
import { ANNOTATOR, assertCliError, type ExportedSpan, exportJsonl, HAMISH_BIN, parseJsonl, runCli, tempDir } from '../support/hamish.ts';

describe('hamish export', () => {
  test('span offsets are code points, not UTF-16 units', async () => {
    const { db, id } = libraryWithEmojiSpans();
    const documents = await exportJsonl(db);
    const document = documents.find((d) => d.id === id);
    assert.ok(document);
    assert.equal(document.text, EMOJI_TEXT);
    assert.equal(document.offset_unit, 'codepoint');
    const codePoints = Array.from(document.text);
    assert.equal(document.spans.length, EMOJI_ENTITIES.length);
    for (const { needle, label } of EMOJI_ENTITIES) {
      const span: ExportedSpan | undefined = document.spans.find((s) => s.text === needle && s.label === label);
      assert.ok(span, `a ${label} span over "${needle}"`);
      const { start, end } = codePointRange(EMOJI_TEXT, needle);
      assert.deepEqual([span.start, span.end], [start, end]);
      // The two units really differ here, so the check above tells them apart.
      assert.notEqual(span.start, EMOJI_TEXT.indexOf(needle));
      assert.equal(codePoints.slice(span.start, span.end).join(''), needle);
      assert.equal(span.annotator, ANNOTATOR);
      assert.equal(span.note, null);
      assert.ok(!Number.isNaN(Date.parse(span.created_at)) && !Number.isNaN(Date.parse(span.updated_at)));
    }
    // Spans come in text order.
    const starts = document.spans.map((s) => s.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    assert.deepEqual(document.meta, { title: '😀🇸🇦 عاجل: قال الرئيس 👍 في الرياض إنّ الاجتماع سيُعقد يوم 5 مايو.', source: 'emoji.txt', status: 'in_progress' });
    // The samples are there too, untagged.
    assert.equal(documents.length, 6);
  });

  test('--out writes the same lines as stdout, whole, with no partial file left', async () => {
    const { db } = libraryWithEmojiSpans();
    const stdout = await runCli(['export', '--status', 'all', '--format', 'jsonl', '--db', db]);
    assert.equal(stdout.code, 0, stdout.stderr);
    assert.equal(stdout.stderr, '');

    const dir = tempDir();
    const out = join(dir, 'dataset.jsonl');
    // A longer file already there is replaced, not overwritten in place.
    writeFileSync(out, 'x'.repeat(stdout.stdout.length * 2));
    const result = await runCli(['export', '--status', 'all', '--out', out, '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `wrote 6 documents, ${EMOJI_ENTITIES.length} spans to ${out}\n`);
    assert.equal(readFileSync(out, 'utf8'), stdout.stdout);
    assert.ok(stdout.stdout.endsWith('}\n'));
    assert.equal(parseJsonl(stdout.stdout).length, 6);
    assert.deepEqual(readdirSync(dir), ['dataset.jsonl']);
  });

  test('an --out that cannot be written fails with one line and leaves nothing behind', async () => {
    const { db } = libraryWithEmojiSpans();
    const dir = tempDir();
    const out = join(dir, 'missing-folder', 'dataset.jsonl');
    const result = await runCli(['export', '--out', out, '--db', db]);
    assertCliError(result, /^hamish: cannot write .*missing-folder\/dataset\.jsonl/);
    assert.equal(result.code, 1);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('an --out that is a folder fails with one line and leaves the folder and nothing else', async () => {
    const { db } = libraryWithEmojiSpans();
    const dir = tempDir();
    const out = join(dir, 'already-a-folder');
    mkdirSync(out);
    const result = await runCli(['export', '--out', out, '--db', db]);
    assertCliError(result, /^hamish: cannot write .*already-a-folder: /);
    assert.equal(result.code, 1);
    assert.deepEqual(readdirSync(dir), ['already-a-folder']);
    assert.deepEqual(readdirSync(out), []);
  });

  test('a reader that stops early (export | head) is not an error', async () => {
    // Far more than a pipe holds, so the export is still writing when the reader goes.
    const core = openCore({ seed: false });
    for (let i = 0; i < 40; i++) addText(core, `article-${i}`, `${i} ${'قال الرئيس في الرياض. '.repeat(5000)}`);
    core.close();
    const child = spawn(process.execPath, [HAMISH_BIN, 'export', '--status', 'all', '--db', core.file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  test('an empty library exports nothing', async () => {
    const db = join(tempDir(), 'empty.sqlite');
    const result = await runCli(['export', '--db', db, '--no-seeds']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
  });
});
