/** `hamish export` on the command line: options, filters, errors, progress, Ctrl+C, round trip. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { renderProgress, progressBar } from '../../electron/cli/progress.ts';
import type { Label } from '../../electron/contract/labels.ts';
import { addText, codePointRange, openCore } from '../support/core.ts';
import { ANNOTATORS, CLITIC, EMOJI, exportCorpus, GOLDEN, IDS } from '../support/export-corpus.ts';
import { dumpLibrary } from '../support/library.ts';
import { assertCliError, HAMISH_BIN, parseJsonl, runCli, tempDir } from '../support/hamish.ts';

describe('hamish export', () => {
  let db: string;
  before(() => {
    db = exportCorpus();
  });

  /** Every document, unless `args` say which (the last --status wins). */
  const exportOut = async (...args: string[]) => {
    const result = await runCli(['export', '--db', db, '--status', 'all', ...args]);
    assert.equal(result.code, 0, result.stderr);
    return result;
  };

  test('the command line asks the core for what the golden file holds', async () => {
    const result = await exportOut('--format', 'conll', '--tokens', 'clitic', '--annotator', 'layla');
    assert.equal(result.stdout, readFileSync(join(GOLDEN, 'conll-clitic.conll'), 'utf8'));
    assert.equal(result.stderr, '', 'nothing widened, nothing left out');
  });

  test('filters: annotators, statuses, labels and documents', async () => {
    const spansOf = async (...args: string[]) =>
      parseJsonl((await exportOut(...args)).stdout).map((d) => [d.id, d.spans.map((s) => `${s.annotator}:${s.label}`)]);
    assert.deepEqual(await spansOf('--annotators', 'omar', '--label', 'actor,location'), [
      [IDS.emoji, ['omar:actor', 'omar:location']],
      [IDS.clitic, []],
      [IDS.untagged, []],
    ]);
    assert.deepEqual(await spansOf('--status', 'new,done', '--label', 'date'), [
      [IDS.emoji, ['layla:date']],
      [IDS.untagged, []],
    ]);
    const list = join(tempDir(), 'ids.txt');
    writeFileSync(list, `${IDS.clitic}\n${IDS.untagged}\n`);
    assert.deepEqual(await spansOf('--documents', `@${list}`, '--annotators', 'all', '--label', 'claim'), [
      [IDS.clitic, ['layla:claim']],
      [IDS.untagged, []],
    ]);
    assert.deepEqual(await spansOf('--documents', IDS.untagged), [[IDS.untagged, []]]);
  });

  test('by default the done documents, as in the app, and the summary line says how many were left out', async () => {
    const out = join(tempDir(), 'done.jsonl');
    // Done is each annotator's own: layla marked the document done, omar did not, so his layer stays.
    const result = await runCli(['export', '--db', db, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, `wrote 1 document, 4 spans to ${out} (done only; 2 other documents left out: --status all exports every one)\n`);
    assert.deepEqual(parseJsonl(readFileSync(out, 'utf8')).map((d) => d.id), [IDS.emoji]);
    const toStdout = await runCli(['export', '--db', db]);
    assert.equal(toStdout.stderr, 'wrote 1 document, 4 spans (done only; 2 other documents left out: --status all exports every one)\n');
    // Documents named by id go out whatever their status.
    assert.deepEqual(parseJsonl((await runCli(['export', '--db', db, '--documents', IDS.untagged])).stdout).map((d) => d.id), [IDS.untagged]);
    // omar's layer of the document layla marked done is still in progress: it goes out with the other two.
    const some = await runCli(['export', '--db', db, '--status', 'new,in_progress', '--out', out]);
    assert.equal(some.stderr, `wrote 3 documents, 8 spans to ${out} (new, in progress only)\n`);
  });

  test('--manifest: the first line of a JSONL export; beside a prodigy file', async () => {
    const [manifest, ...rest] = (await exportOut('--manifest', '--annotator', 'omar')).stdout.trimEnd().split('\n');
    const { manifest: m } = JSON.parse(manifest!);
    assert.equal(m.offset_unit, 'codepoint');
    assert.deepEqual(m.filters.annotators, ['omar']);
    assert.deepEqual(m.counts.labels, { claim: 1, actor: 1, location: 1, date: 0 });
    assert.equal(rest.length, 3);

    const dir = tempDir();
    const out = join(dir, 'tasks.jsonl');
    const result = await exportOut('--format', 'prodigy', '--out', out, '--manifest');
    assert.equal(result.stderr, `wrote 3 documents, 12 spans to ${out}\n`);
    assert.deepEqual(readdirSync(dir).sort(), ['tasks.jsonl', 'tasks.jsonl.manifest.json']);
    assert.equal(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')).format, 'prodigy');
  });

  test('CoNLL reports on stderr the spans it cannot write, and those it widened', async () => {
    const result = await exportOut('--format', 'conll');
    assert.equal(
      result.stderr,
      [
        '2 spans were widened to whole tokens',
        '1 spans could not be written in conll:',
        '  document "a-emoji", span 11 (location by omar, 23-32 "في الرياض"): crosses span 10 in the entities:omar column',
        '',
      ].join('\n'),
    );
  });

  test('folder formats write a new folder, whole', async () => {
    const dir = tempDir();
    await exportOut('--format', 'brat', '--out', join(dir, 'brat'));
    assert.deepEqual(readdirSync(join(dir, 'brat')).sort(), ['annotation.conf', 'layla', 'manifest.json', 'omar', 'visual.conf']);
    mkdirSync(join(dir, 'empty'));
    await exportOut('--format', 'labelstudio', '--out', join(dir, 'empty'));
    assert.deepEqual(readdirSync(join(dir, 'empty')).sort(), ['labeling-config.xml', 'manifest.json', 'tasks.json']);
    const full = await runCli(['export', '--db', db, '--format', 'brat', '--out', join(dir, 'brat')]);
    assertCliError(full, /^hamish: cannot write .*brat: the folder is not empty$/);
    assert.deepEqual(readdirSync(dir).sort(), ['brat', 'empty']);
  });

  test('mistakes are refused in one line before anything is written', async () => {
    const refused = async (args: string[], message: RegExp, code = 2) => {
      const result = await runCli(['export', '--db', db, ...args]);
      assertCliError(result, message);
      assert.equal(result.code, code);
    };
    await refused(['--format', 'xml'], /--format must be one of jsonl, prodigy, doccano, labelstudio, brat, conll, claims-csv, claims-json, not "xml"/);
    await refused(['--tokens', 'clitic'], /--tokens is for --format conll/);
    await refused(['--format', 'conll', '--tokens', 'morphemes'], /--tokens must be whole or clitic/);
    await refused(['--format', 'brat'], /brat writes a folder: name it with --out/);
    await refused(['--format', 'doccano', '--manifest'], /--manifest with doccano needs --out/);
    await refused(['--annotator', 'a', '--annotators', 'b'], /not both/);
    await refused(['--label', 'person'], /exportDataset: .*labels/);
    await refused(['--status', 'finished'], /exportDataset: .*statuses/);
    await refused(['--annotators', 'zed,omar'], /^hamish: no annotator "zed" in the library$/, 1);
    await refused(['--documents', 'nope,also-nope'], /^hamish: no documents "nope", "also-nope" in the library$/, 1);
  });

  test('--help names every format and filter', async () => {
    const result = await runCli(['export', '--help']);
    assert.equal(result.code, 0);
    for (const word of ['prodigy', 'doccano', 'labelstudio', 'brat', 'conll', '--tokens', '--annotators', '--status', '--label', '--documents', '--manifest']) {
      assert.ok(result.stdout.includes(word), word);
    }
  });
});

describe('big exports', () => {
  test('Ctrl+C stops the export and leaves no file, partial or whole', async () => {
    const core = openCore({ seed: false });
    for (let i = 0; i < 60; i++) addText(core, `article-${i}`, `${i} ${'قال الرئيس في الرياض. '.repeat(5000)}`);
    core.close();
    const dir = tempDir();
    const out = join(dir, 'big.conll');
    const child = spawn(process.execPath, [HAMISH_BIN, 'export', '--db', core.file, '--status', 'all', '--format', 'conll', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Once the staged file is there, the export is under way.
    while (!readdirSync(dir).some((name) => name.includes('.partial-'))) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.equal(stderr, 'hamish: export stopped; nothing was written\n');
    assert.deepEqual(readdirSync(dir), []);
    assert.ok(!existsSync(out));
  });

  test('the progress bar draws on a terminal only, in place, and clears itself', () => {
    assert.equal(progressBar({ isTTY: false, write: () => assert.fail('drawn off a terminal') }, 10, 'documents'), null);
    const written: string[] = [];
    const bar = progressBar({ isTTY: true, columns: 60, write: (text) => written.push(text) }, 100_000, 'documents')!;
    bar.update(42_000);
    bar.update(43_000); // within the redraw interval: not drawn
    bar.finish();
    assert.deepEqual(written, [`\r${renderProgress(42_000, 100_000, 'documents', 60)}\x1b[K`, '\r\x1b[K']);
    assert.equal(renderProgress(42_000, 100_000, 'documents', 60), '[###########---------------]  42%  42,000/100,000 documents');
    assert.equal(renderProgress(0, 0, 'documents', 80).includes('100%'), true, 'nothing to do is done');
  });
});

describe('round trip', () => {
  /** The corpus, reviewed by a lead: an accepted version, one accepted as edited, a rejected one. */
  function reviewedCorpus(): string {
    const db = exportCorpus();
    const lead = openCore({ annotator: 'lead', file: db });
    try {
      const decide = (id: string, text: string, needle: string, label: Label, verdict: 'accept' | 'reject', edit?: string) =>
        lead.call('decide', {
          documentId: id,
          version: { ...codePointRange(text, needle), label },
          verdict,
          ...(edit ? { edit: { ...codePointRange(text, edit), label } } : {}),
        });
      decide(IDS.emoji, EMOJI, 'الرئيس', 'actor', 'accept');
      decide(IDS.emoji, EMOJI, 'في الرياض', 'location', 'reject');
      decide(IDS.emoji, EMOJI, 'الرياض', 'location', 'accept');
      decide(IDS.clitic, CLITIC, 'بغداد', 'location', 'accept', 'في بغداد');
    } finally {
      lead.close();
    }
    return db;
  }

  /** Claim cards in layla's layer (a via chain of two, a hedged claim) and in gold. */
  function withCards(db: string): string {
    const layla = openCore({ annotator: 'layla', file: db });
    try {
      const span = (id: string, label: Label, start?: number) =>
        layla.call('openDocument', { id }).spans.find((s) => s.label === label && (start === undefined || s.start === start))!.id;
      const government = layla.call('createSpan', { documentId: IDS.clitic, ...codePointRange(CLITIC, 'الحكومة'), label: 'actor' }).id;
      const emojiClaim = span(IDS.emoji, 'claim');
      layla.call('linkRole', { claim: emojiClaim, role: 'source', span: span(IDS.emoji, 'actor') });
      layla.call('linkRole', { claim: emojiClaim, role: 'location', span: span(IDS.emoji, 'location') });
      layla.call('linkRole', { claim: emojiClaim, role: 'date', span: span(IDS.emoji, 'date') });
      layla.call('setStance', { claim: emojiClaim, stance: 'hedged' });
      const cliticClaim = span(IDS.clitic, 'claim');
      layla.call('linkRole', { claim: cliticClaim, role: 'via', span: government });
      layla.call('linkRole', { claim: cliticClaim, role: 'via', span: span(IDS.clitic, 'actor', codePointRange(CLITIC, 'وزير الدفاع').start), order: 1 });
      const goldClaim = layla.call('createSpan', { documentId: IDS.emoji, ...codePointRange(EMOJI, 'الاجتماع سيُعقد يوم 5 مايو'), label: 'claim', layer: 'gold' }).id;
      const goldActor = layla.call('openDocument', { id: IDS.emoji, layers: ['gold'] }).spans.find((s) => s.label === 'actor')!.id;
      layla.call('linkRole', { claim: goldClaim, role: 'source', span: goldActor, layer: 'gold' });
      layla.call('setStance', { claim: goldClaim, stance: 'denied', layer: 'gold' });
    } finally {
      layla.close();
    }
    return db;
  }

  const reviewOf = (db: string) => {
    const core = openCore({ annotator: 'lead', file: db });
    try {
      return [IDS.emoji, IDS.clitic].map((id) => core.call('reviewDocument', { documentId: id, annotators: [...ANNOTATORS] }));
    } finally {
      core.close();
    }
  };

  test(
    'export JSONL, import it into an empty library, export again: the same bytes, gold, review decisions and claim cards too',
    async () => {
      const db = withCards(reviewedCorpus());
      const file = join(tempDir(), 'dataset.jsonl');
      const first = await runCli(['export', '--db', db, '--status', 'all', '--out', file]);
      assert.equal(first.code, 0, first.stderr);
      const decisions = parseJsonl(readFileSync(file, 'utf8')).map((d) => (d as unknown as { decisions: { verdict: string; reviewer: string }[] }).decisions);
      assert.deepEqual(decisions.map((list) => list.map((d) => `${d.verdict}:${d.reviewer}`)), [['accept:lead', 'reject:lead', 'accept:lead'], ['accept:lead'], []]);
      const claims = parseJsonl(readFileSync(file, 'utf8')).map((d) => (d as unknown as { claims?: { annotator: string; stance: string; roles: { role: string; order?: number }[] }[] }).claims);
      assert.deepEqual(
        claims.map((list) => list?.map((c) => [c.annotator, c.stance, c.roles.map((r) => r.role + (r.order ?? ''))])),
        [[['layla', 'hedged', ['source', 'location', 'date']], ['gold', 'denied', ['source']]], [['layla', 'asserted', ['via1', 'via2']]], undefined],
      );
      const empty = join(tempDir(), 'empty.sqlite');
      const imported = await runCli(['import', file, '--db', empty, '--no-seeds']);
      assert.equal(imported.code, 0, imported.stderr + imported.stdout);
      const again = await runCli(['export', '--db', empty, '--no-seeds', '--status', 'all']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, readFileSync(file, 'utf8'));
      // The review itself is back: each unit accepted, rejected or open as it was.
      assert.deepEqual(reviewOf(empty), reviewOf(db));
      // And importing the file again changes nothing (but the id counter: SQLite counts a refused
      // duplicate span's insert; ids are never reused anyway).
      const rows = () => ({ ...dumpLibrary(empty), sqlite_sequence: [] });
      const before = rows();
      const twice = await runCli(['import', file, '--db', empty, '--no-seeds']);
      assert.equal(twice.code, 0, twice.stderr + twice.stdout);
      assert.deepEqual(rows(), before);
    },
  );

  test('an export of some annotators leaves the decisions out; of gold, brings them', async () => {
    const db = reviewedCorpus();
    const layla = await runCli(['export', '--db', db, '--status', 'all', '--annotators', 'layla']);
    assert.equal(layla.code, 0, layla.stderr);
    assert.ok(parseJsonl(layla.stdout).every((d) => !('decisions' in d)));
    const gold = await runCli(['export', '--db', db, '--gold']);
    assert.equal(gold.code, 0, gold.stderr);
    const emoji = parseJsonl(gold.stdout).find((d) => d.id === IDS.emoji) as unknown as {
      spans: { id: number }[];
      decisions: { verdict: string; gold_span: number | null }[];
    };
    // An accepted version names the gold span it made, among the line's spans.
    const ids = emoji.spans.map((span) => span.id);
    assert.equal(ids.length, 2);
    const [accepted, rejected, acceptedToo] = emoji.decisions;
    assert.deepEqual([accepted!.verdict, rejected!.verdict, acceptedToo!.verdict], ['accept', 'reject', 'accept']);
    assert.deepEqual([accepted!.gold_span, acceptedToo!.gold_span].sort(), [...ids].sort());
    assert.equal(rejected!.gold_span, null);
  });

  test('an acceptance whose gold span the file lacks is left out on import; the rest of the review comes in', async () => {
    const gold = await runCli(['export', '--db', reviewedCorpus(), '--gold']);
    assert.equal(gold.code, 0, gold.stderr);
    const documents = parseJsonl(gold.stdout) as unknown as { id: string; spans: { id: number }[]; decisions?: { verdict: string; gold_span: number | null }[] }[];
    const emoji = documents.find((d) => d.id === IDS.emoji)!;
    // The first acceptance's gold span taken out of the file, as if it had been taken out of gold.
    const gone = emoji.decisions![0]!.gold_span;
    emoji.spans = emoji.spans.filter((span) => span.id !== gone);
    emoji.decisions![0]!.gold_span = null;
    const file = join(tempDir(), 'gold.jsonl');
    writeFileSync(file, documents.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const empty = join(tempDir(), 'empty.sqlite');
    const imported = await runCli(['import', file, '--db', empty, '--no-seeds']);
    assert.equal(imported.code, 0, imported.stderr + imported.stdout);
    const exported = documents.flatMap((d) => d.decisions ?? []);
    const stored = dumpLibrary(empty).decisions as { verdict: string; gold_span_id: number | null }[];
    assert.equal(stored.length, exported.length - 1);
    assert.ok(stored.every((d) => (d.verdict === 'accept') === (d.gold_span_id !== null)));
  });
});
