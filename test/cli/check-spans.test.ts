import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EMOJI_ENTITIES, libraryWithEmojiSpans } from '../support/fixtures.ts';
import { parseJsonl, runCli, tempDir, type ExportedDocument } from '../support/hamish.ts';
import { pythonScript, pythonWith, runPython } from '../support/python.ts';

const PYTHON = pythonWith();

function checkSpans(file: string) {
  return runPython(PYTHON, [pythonScript('check_spans.py'), file]);
}

/** Exports the emoji library with --out; returns the file and its documents. */
async function exported(): Promise<{ file: string; id: string; documents: ExportedDocument[] }> {
  const { db, id } = libraryWithEmojiSpans();
  const file = join(tempDir(), 'dataset.jsonl');
  const result = await runCli(['export', '--status', 'all', '--format', 'jsonl', '--out', file, '--db', db]);
  assert.equal(result.code, 0, result.stderr);
  return { file, id, documents: parseJsonl(readFileSync(file, 'utf8')) };
}

function rewrite(file: string, documents: ExportedDocument[]): void {
  writeFileSync(file, documents.map((d) => JSON.stringify(d) + '\n').join(''));
}

describe('the export read from Python (test/python/check_spans.py)', { skip: PYTHON.skip }, () => {
  test('every span of an export with emoji and Arabic is text[start:end]', async () => {
    const { file } = await exported();
    const result = checkSpans(file);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, `ok: 6 documents, ${EMOJI_ENTITIES.length} spans\n`);
    assert.equal(result.code, 0);
  });

  test('the checker fails on offsets counted in UTF-16, a wrong hash, a wrong unit and a bad line', async () => {
    const { file, id, documents } = await exported();
    const corrupted = documents.map((document) => {
      if (document.id !== id) return document;
      // What an exporter that forgot code points would write.
      const spans = document.spans.map((span) => {
        const start = document.text.indexOf(span.text);
        return { ...span, start, end: start + span.text.length };
      });
      return { ...document, spans, offset_unit: 'utf16', text_sha256: '0'.repeat(64) } as unknown as ExportedDocument;
    });
    rewrite(file, corrupted);
    writeFileSync(file, readFileSync(file, 'utf8') + '{"id": "truncated", "text": "\n');

    const result = checkSpans(file);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const line = corrupted.findIndex((d) => d.id === id) + 1;
    const problems = result.stderr.split('\n').filter((l) => l !== '');
    assert.ok(problems.some((p) => p.startsWith(`line ${line} (document '${id}'): offset_unit is 'utf16'`)), result.stderr);
    assert.ok(problems.some((p) => p.startsWith(`line ${line} (document '${id}'): text_sha256`)), result.stderr);
    const spanProblems = problems.filter((p) => p.startsWith(`line ${line} (document '${id}') span `));
    assert.equal(spanProblems.length, EMOJI_ENTITIES.length, result.stderr);
    assert.ok(problems.some((p) => p.startsWith('line 7: not JSON')), result.stderr);
    assert.match(problems.at(-1)!, /^\d+ problems in 6 documents, 5 spans$/);
  });

  test('the checker fails on a single span shifted by one', async () => {
    const { file, id, documents } = await exported();
    rewrite(
      file,
      documents.map((d) =>
        d.id === id ? { ...d, spans: d.spans.map((s, i) => (i === 0 ? { ...s, end: s.end + 1 } : s)) } : d,
      ),
    );
    const result = checkSpans(file);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.split('\n').filter((l) => l !== '').length, 2, result.stderr);
    assert.match(result.stderr, /span \d+: text\[\d+:\d+\] is '.*', span text is '.*'/);
  });
});
