/**
 * The corpus on the hub: a lead imports it once (`hamish hub import`) and assigns it
 * (`hamish hub assign --overlap N`); an analyst's sync brings their queue, a lead's everything.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openCore } from '../support/core.ts';
import { assertCliError, runCli, tempDir, writeFiles } from '../support/hamish.ts';
import { startPostgres, type Postgres } from '../support/postgres.ts';

const server = await startPostgres();
const skip = 'unavailable' in server ? server.unavailable : false;
const postgres = server as Postgres;

const TEXTS: Record<string, string> = {
  one: 'قال المتحدث إن الوفد وصل إلى عمان صباح اليوم.',
  two: 'أفادت مصادر محلية بأن الأمطار غمرت شوارع الخرطوم.',
  three: 'افتتح الوزير معرضا للكتاب في الرباط مساء الأحد.',
};

interface Person {
  readonly name: string;
  readonly url: string;
  readonly db: string;
}

async function addPerson(kind: 'analyst' | 'lead', name: string): Promise<Person> {
  const added = await runCli(['hub', `add-${kind}`, name, '--hub', postgres.adminUrl, '--generate-password']);
  assert.equal(added.code, 0, added.stderr);
  return { name, url: postgres.urlAs(name, /^password: (\S+)$/m.exec(added.stdout)![1]!), db: join(tempDir(), `${name}.sqlite`) };
}

async function sync(person: Person): Promise<string> {
  const result = await runCli(['sync', '--hub', person.url, '--db', person.db, '--annotator', person.name, '--no-seeds']);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

/** The texts a library holds, sorted. */
function textsOf(person: Person): string[] {
  const core = openCore({ file: person.db, annotator: person.name, seed: false });
  try {
    return core
      .call('listDocuments', {})
      .map((d) => core.call('openDocument', { id: d.id, layers: ['gold'] }).text)
      .sort();
  } finally {
    core.close();
  }
}

describe('the corpus on the hub: import once, assign, each analyst pulls their queue', { skip }, () => {
  let lead: Person;
  let analysts: Person[];
  const corpus = tempDir();

  before(async () => {
    assert.equal((await runCli(['hub', 'init', postgres.adminUrl])).code, 0);
    lead = await addPerson('lead', 'rana');
    analysts = [await addPerson('analyst', 'adam'), await addPerson('analyst', 'huda'), await addPerson('analyst', 'omar')];
    writeFiles(corpus, Object.fromEntries(Object.entries(TEXTS).map(([name, text]) => [`${name}.txt`, text])));
  });

  after(() => postgres.stop());

  test('importing the corpus again adds nothing; another text under a taken id is a conflict', async () => {
    const first = await runCli(['hub', 'import', corpus, '--hub', lead.url]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /the hub took 3 new documents; 0 it had already/);
    const again = await runCli(['hub', 'import', corpus, '--hub', lead.url]);
    assert.match(again.stdout, /the hub took 0 new documents; 3 it had already/);
    const other = tempDir();
    writeFiles(other, { 'one.txt': 'نص آخر تماما تحت الاسم نفسه.' });
    const clash = await runCli(['hub', 'import', other, '--hub', lead.url]);
    assert.equal(clash.code, 1);
    assert.match(clash.stderr, /^conflict {2}document "one": the hub has another text under that id; this one is left out$/m);
    const bad = tempDir();
    writeFiles(bad, { 'bad.jsonl': '{"text": "خبر"}\nnot json\n' });
    const failed = await runCli(['hub', 'import', bad, '--hub', lead.url]);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /failed {4}.*bad\.jsonl:2: /);
    assert.match(failed.stdout, /the hub took 0 new documents/);
  });

  test('overlap 1: each analyst pulls their one document, the lead all; overlap 2 adds one more each', async () => {
    const assigned = await runCli(['hub', 'assign', '--overlap', '1', '--hub', lead.url]);
    assert.match(assigned.stdout, /^assigned 3: adam 1, huda 1, omar 1$/m);
    assert.match((await runCli(['hub', 'assign', '--overlap', '1', '--hub', lead.url])).stdout, /every document has its analysts already/);
    for (const analyst of analysts) assert.match(await sync(analyst), /^pulled 1 documents/m);
    assert.match(await sync(lead), /^pulled 3 documents/m);
    const queues = analysts.map(textsOf);
    assert.deepEqual(queues.flat().sort(), Object.values(TEXTS).sort(), 'each document in one queue');

    assert.match((await runCli(['hub', 'assign', '--overlap', '2', '--hub', lead.url])).stdout, /^assigned 3: adam 1, huda 1, omar 1$/m);
    for (const analyst of analysts) assert.match(await sync(analyst), /^pulled 1 documents/m);
    const counts = analysts.map((a) => textsOf(a).length);
    assert.deepEqual(counts, [2, 2, 2]);
  });

  test('assigning more than there are analysts, or to someone who is none, is refused', async () => {
    assertCliError(await runCli(['hub', 'assign', '--overlap', '4', '--hub', lead.url]), /--overlap 4 needs 4 analysts; the hub has 3/);
    assertCliError(await runCli(['hub', 'assign', '--analysts', 'adam,zaid', '--hub', lead.url]), /"zaid" is no analyst of the hub/);
    assertCliError(await runCli(['hub', 'assign', '--overlap', 'two', '--hub', lead.url]), /--overlap must be a whole number/);
    assertCliError(await runCli(['hub', 'assign', '--hub', analysts[0]!.url]), /adam is an analyst of the hub; only leads may/);
  });
});
