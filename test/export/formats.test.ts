/**
 * What each format holds, read back the way its users read it: Python slices every span of the
 * JSONL, Prodigy, doccano, Label Studio and brat exports by code points (test/python/), and the
 * CoNLL files are read back token by token.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Unrepresentable } from '../../electron/contract/contract.ts';
import { runExport } from '../../electron/core/export/job.ts';
import { murmurhash3 } from '../../electron/core/export/murmurhash.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { assertWellFormed, parseConll, runsOf, type Run } from '../support/conll.ts';
import { exportCorpus, exportInProcess, IDS, NOW, type ExportRequest } from '../support/export-corpus.ts';
import { addText, codePointRange, openCore } from '../support/core.ts';
import { parseJsonl, PROJECT_ROOT, tempDir, type ExportedDocument } from '../support/hamish.ts';
import { checkerFor, runChecker } from '../support/python.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const PYTHON = checkerFor('jsonl');
const python = (script: string, ...args: string[]) => runChecker(PYTHON, script, ...args);

/** Exports with the core and returns the report too. */
function exportWithReport(db: string, request: ExportRequest) {
  const out = join(tempDir(), request.format);
  const hamish = openHamish({ database: db, seed: false, annotator: 'layla' });
  try {
    return { out, report: runExport(connectionOf(hamish), { ...request, destination: out, now: NOW }) };
  } finally {
    hamish.close();
  }
}

describe('export formats read back', () => {
  let db: string;
  let reference: string;
  let documents: ExportedDocument[];
  before(() => {
    db = exportCorpus();
    reference = exportInProcess(db, { format: 'jsonl' }, 'reference.jsonl');
    documents = parseJsonl(readFileSync(reference, 'utf8'));
  });

  test('python slices every span of the JSONL export', { skip: PYTHON.skip }, () => {
    assert.deepEqual(python('check_spans.py', reference), { code: 0, stdout: 'ok: 3 documents, 12 spans\n', stderr: '' });
  });

  for (const format of ['prodigy', 'doccano', 'labelstudio', 'brat'] as const) {
    test(`python slices every span of the ${format} export and finds the reference's`, { skip: checkerFor(format).skip }, () => {
      const out = exportInProcess(db, { format }, format);
      assert.deepEqual(runChecker(checkerFor(format), 'check_export.py', reference, format, out), { code: 0, stdout: 'ok: 12 spans\n', stderr: '' });
    });
  }

  test('the checker fails on UTF-16 offsets and a wrong hash', { skip: PYTHON.skip }, () => {
    const out = exportInProcess(db, { format: 'prodigy' }, 'prodigy.jsonl');
    const tasks = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    const first = tasks[0]!;
    // What an exporter counting UTF-16 units would write: the emoji before every span shift it.
    first.spans = first.spans.map((s: { text: string }) => ({ ...s, start: first.text.indexOf(s.text), end: first.text.indexOf(s.text) + s.text.length }));
    tasks[1]!._input_hash += 1;
    writeFileSync(out, tasks.map((t) => JSON.stringify(t) + '\n').join(''));
    const result = python('check_export.py', reference, 'prodigy', out);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /line 1: text\[\d+:\d+\] is '.*', the span says 'الرئيس'/);
    assert.match(result.stderr, /line 2: _input_hash/);
    assert.match(result.stderr, /reference span missing/);
  });

  test('Prodigy hashes are MurmurHash3 x86 32-bit, signed', () => {
    assert.equal(murmurhash3(''), 0);
    assert.equal(murmurhash3('hello'), 0x248bfa47);
    assert.equal(murmurhash3('The quick brown fox jumps over the lazy dog'), 0x2e4ff723);
    assert.equal(murmurhash3('Hello, world!'), 0xc0363e43 | 0);
  });

  /** The reference spans of a document in one CoNLL column, as runs would read them. */
  function expected(id: string, annotator: string, layer: 'entities' | 'claims'): Run[] {
    const document = documents.find((d) => d.id === id)!;
    return document.spans
      .filter((s) => s.annotator === annotator && (s.label === 'claim') === (layer === 'claims'))
      .map((s) => ({ label: s.label.toUpperCase(), start: s.start, end: s.end, text: s.text }));
  }

  const byStart = (runs: Run[]) => [...runs].sort((a, b) => a.start - b.start || b.end - a.end);

  test('CoNLL: conlleval reads the export (-d "\\t"), and each -DOCSTART- names its document', { skip: PYTHON.skip }, () => {
    const out = exportInProcess(db, { format: 'conll', filters: { annotators: ['layla'] } }, 'layla.conll');
    const conlleval = spawnSync('perl', [join(PROJECT_ROOT, 'test', 'python', 'conlleval_reading.pl'), '-d', '\\t'], {
      input: readFileSync(out),
      encoding: 'utf8',
    });
    assert.deepEqual([conlleval.status, conlleval.stderr], [0, '']);
    // conlleval takes the next-to-last column for the correct tags: layla's 7 entities.
    assert.match(conlleval.stdout, /^processed \d+ tokens with 7 phrases\n$/);
    assert.deepEqual(python('check_export.py', reference, 'conll', out).stdout, 'ok: 3 documents, 43 tokens\n');
  });

  test('CoNLL, clitic tokens: well-formed IOB2, and the tokens read back give every span exactly', () => {
    const { out, report } = exportWithReport(db, { format: 'conll', tokens: 'clitic', filters: { annotators: ['layla'] } });
    const conll = parseConll(readFileSync(out, 'utf8'));
    assertWellFormed(conll);
    assert.equal(conll.length, documents.length);
    conll.forEach((document, d) => {
      const { id, text } = documents[d]!;
      const [entities, claims] = runsOf(document, text);
      assert.deepEqual(byStart(entities!), byStart(expected(id, 'layla', 'entities')), `${id} entities`);
      assert.deepEqual(byStart(claims!), byStart(expected(id, 'layla', 'claims')), `${id} claims`);
    });
    const tokens = conll[1]!.flat().map((row) => row.token);
    assert.deepEqual(tokens.slice(5, 9), ['ب', 'العراق', 'و', 'سوريا'], 'proclitics are tokens of their own');
    assert.deepEqual(report.unrepresentable, []);
    assert.equal(report.widened, 0);
  });

  test('CoNLL, whole tokens: clitic-bearing words tagged whole, a crossing span reported, columns per annotator', () => {
    const { out, report } = exportWithReport(db, { format: 'conll', tokens: 'whole' });
    const conll = parseConll(readFileSync(out, 'utf8'));
    assertWellFormed(conll);
    const [emoji, clitic] = [0, 1].map((d) => runsOf(conll[d]!, documents[d]!.text));
    assert.equal(emoji!.length, 4, 'entities and claims for layla, then for omar');
    assert.deepEqual(
      clitic![0]!.map((r) => r.text),
      ['بالعراق', 'وسوريا', 'وزير الدفاع', 'بغداد'],
    );
    assert.deepEqual(byStart(emoji![0]!), byStart(expected(IDS.emoji, 'layla', 'entities')));
    assert.deepEqual(byStart(emoji![3]!), byStart(expected(IDS.emoji, 'omar', 'claims')), 'a claim over a line break');
    const omarsEntities = expected(IDS.emoji, 'omar', 'entities');
    assert.deepEqual(emoji![2], [omarsEntities[0]], 'the first of two crossing spans is written');
    const crossing = omarsEntities[1]!;
    assert.deepEqual(report.unrepresentable, [
      {
        document: IDS.emoji,
        span: documents[0]!.spans.find((s) => s.text === crossing.text)!.id,
        label: 'location',
        annotator: 'omar',
        start: crossing.start,
        end: crossing.end,
        text: crossing.text,
        reason: `crosses span ${documents[0]!.spans.find((s) => s.text === omarsEntities[0]!.text)!.id} in the entities:omar column`,
      } satisfies Unrepresentable,
    ]);
    assert.equal(report.widened, 2, 'العراق and سوريا');
  });
});

/**
 * Characters at which Python's str.splitlines breaks a line besides LF (brat reads a .ann file so,
 * as do many CoNLL readers), in a span, in a note and in the text between tokens.
 */
describe('lines as Python splits them', () => {
  const TEXT = 'قال الرئيس\u2028في الرياض\u0085إن الاجتماع\u001cسيعقد\u2029غدا\u000bو\u000cبعده.';
  let db: string;
  let reference: string;
  before(() => {
    const core = openCore({ seed: false, annotator: 'layla' });
    try {
      const id = addText(core, 'line breaks', TEXT);
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الرئيس\u2028في الرياض\u0085إن الاجتماع\u001cسيعقد'), label: 'claim' });
      const actor = core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الرئيس'), label: 'actor' });
      core.call('updateSpan', { id: actor.id, note: 'من\u2028هو\u0085؟\u001dلا\u2029نعرف' });
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الرياض\u0085إن'), label: 'location' });
    } finally {
      core.close();
    }
    db = core.file;
    reference = exportInProcess(db, { format: 'jsonl' }, 'reference.jsonl');
  });

  test('brat: every line of the .ann parses when split as Python splits lines', { skip: PYTHON.skip }, () => {
    const out = exportInProcess(db, { format: 'brat' }, 'brat');
    assert.deepEqual(python('check_export.py', reference, 'brat', out), { code: 0, stdout: 'ok: 3 spans\n', stderr: '' });
  });

  test('CoNLL: every line keeps its columns when split as Python splits lines, and -DOCSTART- names the document', { skip: PYTHON.skip }, () => {
    const out = exportInProcess(db, { format: 'conll' }, 'breaks.conll');
    assert.deepEqual(python('check_export.py', reference, 'conll', out), { code: 0, stdout: 'ok: 1 documents, 11 tokens\n', stderr: '' });
    assert.match(readFileSync(out, 'utf8'), /^-DOCSTART- line%20breaks\tO\tO\n/);
  });
});
