/**
 * Claim clusters in Hamish JSONL and the claims table: each clustered claim carries `cluster`
 * (the id made when the cluster was), import reads it back into the same layer's cluster, the
 * round trip gives the same bytes (roundtrip.test.ts), and a bad id is refused at file:line with the library unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AIN_AL_ASAD, ZUMMAR, clusteredLibrary as library } from '../support/clusters.ts';
import { openCore } from '../support/core.ts';
import { exportInProcess } from '../support/export-corpus.ts';
import { runCli, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';

test('JSONL: clustered claims carry the cluster id; import brings the cluster back', () => {
  const { file, cluster } = library();
  const first = exportInProcess(file, { format: 'jsonl' }, 'first.jsonl');
  const lines = readFileSync(first, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; claims?: { cluster?: string; span: number }[] });
  const carried = lines.flatMap((line) => (line.claims ?? []).map((claim) => [line.id, claim.cluster]));
  assert.deepEqual(carried, ZUMMAR.map(({ document }) => [document, cluster]), "001's claim has no card, 004's has one for its cluster alone");

  const copy = openCore({ seed: false, annotator: 'someone-else' });
  assert.deepEqual(copy.call('importFiles', { paths: [first] }).failed, []);
  const back = copy.call('cluster', { clusterId: cluster, annotator: 'layla' });
  assert.deepEqual(back.members.map((m) => m.document.id), ZUMMAR.map(({ document }) => document));
  assert.equal(back.differs.dates, false, '004 gives no date: only those that do are compared');
  copy.close();
});

test('JSONL: a cluster id that is not one is refused at file:line; the library is unchanged', async () => {
  const { file } = library();
  const exported = exportInProcess(file, { format: 'jsonl' }, 'export.jsonl');
  const lines = readFileSync(exported, 'utf8').trimEnd().split('\n');
  const at = lines.findIndex((line) => line.includes('"cluster"'));
  const bad = JSON.parse(lines[at]!) as { claims: { cluster: string }[] };
  bad.claims[0]!.cluster = 'no spaces please';
  lines[at] = JSON.stringify(bad);
  const broken = join(tempDir(), 'broken.jsonl');
  writeFileSync(broken, lines.join('\n') + '\n');
  const target = openCore({ seed: false }).file;
  // Who ran the import is registered; nothing of the file is.
  const contents = () => ({ ...dumpLibrary(target), annotators: [], settings: [] });
  const before = contents();
  const result = await runCli(['import', '--db', target, broken]);
  assert.notEqual(result.code, 0);
  assert.match(result.stdout + result.stderr, new RegExp(`broken\\.jsonl:${at + 1}: claim 1: cluster "no spaces please" is not a cluster id`));
  assert.deepEqual(contents(), before);
});

test('claims table: the cluster column, empty for a claim in none', async () => {
  const { file, cluster } = library();
  const json = await runCli(['export', '--db', file, '--format', 'claims-json', '--status', 'all']);
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as { document: string; cluster: string | null }[];
  assert.deepEqual(
    rows.map((row) => [row.document, row.cluster]),
    [...ZUMMAR.map(({ document }) => [document, cluster]), [AIN_AL_ASAD.document, null]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  const csv = await runCli(['export', '--db', file, '--format', 'claims-csv', '--status', 'all']);
  const [header, ...body] = csv.stdout.trimEnd().split('\r\n');
  assert.equal(header, 'document,start,end,claim,stance,sources,via,locations,dates,annotator,cluster');
  assert.deepEqual(body.map((row) => row.split(',').at(-1)), rows.map((row) => row.cluster ?? ''));
});
