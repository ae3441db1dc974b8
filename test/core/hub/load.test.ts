/**
 * A bounded load test on loopback: six simulated analysts, each with a library of their own (real
 * SQLite files), tag 200 spans in rounds, and all sync at once after every round, each over its
 * own connection to one real PostgreSQL, while a lead decides units and syncs too. At the end,
 * after one last sync each, every library holds the same layers: nothing lost, nothing twice.
 * (The 50 analysts is for a bigger machine than two shared cores: ANALYSTS says how many.)
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type pg from 'pg';
import { openHamish, type Hamish } from '../../../electron/core/hamish.ts';
import { connectHub, parseHubUrl } from '../../../electron/hub/connect.ts';
import { assignDocuments } from '../../../electron/hub/assign.ts';
import { uploadCorpus } from '../../../electron/core/hub/upload.ts';
import { addMember } from '../../../electron/hub/members.ts';
import { migrateHub } from '../../../electron/hub/schema.ts';
import { syncLibrary, type Member } from '../../../electron/core/hub/sync.ts';
import { writeArticlesJsonl } from '../../support/articles.ts';
import { tempDir } from '../../support/hamish.ts';
import { startPostgres, type Postgres } from '../../support/postgres.ts';
import { connectionOf } from '../../../electron/core/connection-of.ts';

const ANALYSTS = Number(process.env.HAMISH_LOAD_ANALYSTS ?? 6);
const SPANS_EACH = 200;
const ROUNDS = 4;
const DOCUMENTS = 10;
const PASSWORD = 'load-password';

const server = await startPostgres();
const skip = 'unavailable' in server ? server.unavailable : false;
const postgres = server as Postgres;

interface Worker {
  readonly member: Member;
  readonly hamish: Hamish;
  readonly client: pg.Client;
}

/** Every span of every layer in a library, as text: document, layer, label, range. */
function everything(hamish: Hamish): string[] {
  return hamish.handlers
    .listDocuments({})
    .flatMap(({ id }) => hamish.handlers.openDocument({ id, layers: 'all' }).spans.map((s) => `${id} ${s.annotator} ${s.label} ${s.start}-${s.end}`))
    .sort();
}

describe('load: analysts tagging and syncing at once while a lead decides', { skip }, () => {
  after(() => postgres.stop());

  test(`${ANALYSTS} analysts × ${SPANS_EACH} spans in ${ROUNDS} rounds: identical layers everywhere, none lost or twice`, async () => {
    const admin = await connectHub(parseHubUrl(postgres.adminUrl, 'load'));
    const names = Array.from({ length: ANALYSTS }, (_, i) => `analyst_${i + 1}`);
    const workers: Worker[] = [];
    try {
      await migrateHub(admin, 'load');
      for (const name of names) await addMember(admin, name, 'analyst', PASSWORD);
      await addMember(admin, 'lead', 'lead', PASSWORD);
      const open = async (name: string, kind: Member['kind']): Promise<Worker> => ({
        member: { name, kind },
        hamish: openHamish({ database: join(tempDir(), `${name}.sqlite`), annotator: name, seed: false }),
        client: await connectHub(parseHubUrl(postgres.urlAs(name, PASSWORD), 'load')),
      });
      const lead = await open('lead', 'lead');
      const corpus = join(tempDir(), 'corpus.jsonl');
      writeArticlesJsonl(corpus, DOCUMENTS);
      const scratch = openHamish({ database: ':memory:', annotator: 'lead', seed: false });
      scratch.handlers.importFiles({ paths: [corpus] });
      await uploadCorpus(lead.client, connectionOf(scratch));
      scratch.close();
      await assignDocuments(lead.client, ANALYSTS, undefined);
      for (const name of names) workers.push(await open(name, 'analyst'));
      workers.push(lead);
      const syncAll = () => Promise.all(workers.map((w) => syncLibrary(connectionOf(w.hamish), w.client, w.member)));
      await syncAll();

      // Each analyst its own spans: word i of the corpus gets analyst k's label (k mod 4).
      const words = lead.hamish.handlers.listDocuments({}).flatMap(({ id }) => {
        const { text } = lead.hamish.handlers.openDocument({ id, layers: ['gold'] });
        return [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({ id, start: Array.from(text.slice(0, m.index)).length, length: Array.from(m[0]).length }));
      });
      assert.ok(words.length >= SPANS_EACH, `the corpus has ${words.length} words`);
      const labels = ['claim', 'actor', 'location', 'date'] as const;
      const perRound = SPANS_EACH / ROUNDS;
      for (let round = 0; round < ROUNDS; round++) {
        workers.slice(0, ANALYSTS).forEach((worker, k) => {
          for (const { id, start, length } of words.slice(round * perRound, (round + 1) * perRound)) {
            worker.hamish.handlers.createSpan({ documentId: id, label: labels[(k + round) % 4]!, start, end: start + length });
          }
        });
        // The lead accepts analyst 1's version of a word they pulled, while everyone syncs.
        const pulled = lead.hamish.handlers.openDocument({ id: words[0]!.id, layers: 'all' }).spans.filter((span) => span.annotator === names[0]);
        const open = pulled.find((span) => !lead.hamish.handlers.openDocument({ id: span.documentId, layers: ['gold'] }).spans.some((g) => g.start === span.start));
        if (open) lead.hamish.handlers.decide({ documentId: open.documentId, version: { start: open.start, end: open.end, label: open.label }, verdict: 'accept' });
        await syncAll();
      }
      // One more round trip: what the last concurrent syncs pushed reaches everyone.
      await syncAll();

      const reference = everything(lead.hamish);
      assert.equal(new Set(reference).size, reference.length, 'no span twice');
      for (const name of names) assert.equal(reference.filter((line) => line.includes(` ${name} `)).length, SPANS_EACH, `${name}: all spans`);
      assert.ok(reference.filter((line) => line.includes(' gold ')).length >= 1, 'the lead’s gold');
      for (const worker of workers) assert.deepEqual(everything(worker.hamish), reference, `${worker.member.name}'s library`);
      const onHub = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM hamish.spans WHERE NOT deleted');
      assert.equal(onHub.rows[0]!.n, reference.length);
    } finally {
      for (const worker of workers) {
        await worker.client.end();
        worker.hamish.close();
      }
      await admin.end();
    }
  });
});
