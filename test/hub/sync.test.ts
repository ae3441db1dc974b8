/**
 * `hamish sync` through the real CLI, against a real PostgreSQL: a lead and two analysts, each with
 * a library of their own (real SQLite files), tag in their libraries, sync, and see each other's
 * layers; what the hub holds is checked in SQL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import { openCore, type OpenCore } from '../support/core.ts';
import { assertCliError, HAMISH_BIN, runCli, tempDir, writeFiles } from '../support/hamish.ts';
import { startPostgres, type Postgres } from '../support/postgres.ts';

const server = await startPostgres();
const skip = 'unavailable' in server ? server.unavailable : false;
const postgres = server as Postgres;

const TEXTS = {
  baghdad: 'قال وزير الخارجية إن المحادثات في بغداد ستستأنف يوم الاثنين.',
  cairo: 'أعلنت الحكومة في القاهرة أن الانتخابات ستجري في مارس المقبل.',
  tunis: 'ذكرت وكالة الأنباء أن الرئيس زار تونس يوم الخميس الماضي.',
};

/** The code point range of `word` in `text` (these texts hold no character outside the BMP). */
function rangeOf(text: string, word: string): { start: number; end: number } {
  const start = text.indexOf(word);
  assert.ok(start >= 0, word);
  return { start, end: start + word.length };
}

interface Person {
  readonly name: string;
  readonly url: string;
  readonly db: string;
}

async function hubQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgres.adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function sync(person: Person): Promise<{ pulled: string; pushed: string }> {
  const result = await runCli(['sync', '--hub', person.url, '--db', person.db, '--annotator', person.name, '--no-seeds']);
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n');
  return { pulled: lines.find((l) => l.startsWith('pulled'))!, pushed: lines.find((l) => l.startsWith('pushed'))! };
}

/** Works in a person's library in-process, through the contract, and closes it. */
function inLibrary<T>(person: Person, work: (core: OpenCore) => T): T {
  const core = openCore({ file: person.db, annotator: person.name, seed: false });
  try {
    return work(core);
  } finally {
    core.close();
  }
}

const idOf = (core: OpenCore, text: string) => {
  const found = core.call('listDocuments', {}).find((d) => core.call('openDocument', { id: d.id, layers: ['gold'] }).text === text);
  assert.ok(found, `the library has "${text.slice(0, 20)}…"`);
  return found.id;
};

function tag(person: Person, text: string, word: string, label: 'claim' | 'actor' | 'location' | 'date') {
  return inLibrary(person, (core) => core.call('createSpan', { documentId: idOf(core, text), label, ...rangeOf(text, word) }));
}

/** Every layer of every document in a library: document text start → sorted "layer label start-end note". */
function layersIn(person: Person): string[] {
  return inLibrary(person, (core) =>
    core
      .call('listDocuments', {})
      .flatMap((d) => {
        const open = core.call('openDocument', { id: d.id, layers: 'all' });
        return open.spans.map((s) => `${open.text.slice(0, 12)} ${s.annotator} ${s.label} ${s.start}-${s.end} ${s.note ?? ''}`);
      })
      .sort(),
  );
}

async function addPerson(kind: 'analyst' | 'lead', name: string): Promise<Person> {
  const added = await runCli(['hub', `add-${kind}`, name, '--hub', postgres.adminUrl, '--generate-password']);
  assert.equal(added.code, 0, added.stderr);
  const password = /^password: (\S+)$/m.exec(added.stdout)![1]!;
  return { name, url: postgres.urlAs(name, password), db: join(tempDir(), `${name}.sqlite`) };
}

/**
 * Runs `hamish sync` for `person` and SIGKILLs it, each time a little later, until a run ends by
 * itself; `check` runs after every kill. Returns how many were killed.
 */
async function killRepeatedly(person: Person, check: () => void): Promise<number> {
  for (let killed = 0; killed < 30; killed++) {
    const child = spawn(process.execPath, [HAMISH_BIN, 'sync', '--hub', person.url, '--db', person.db, '--annotator', person.name], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 150 + killed * 60 + Math.floor(Math.random() * 60));
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, sig) => done(sig)));
    clearTimeout(timer);
    if (signal !== 'SIGKILL') return killed;
    check();
  }
  return 30;
}

describe('hamish sync: layers travel through the hub', { skip }, () => {
  let mona: Person;
  let layla: Person;
  let sami: Person;

  before(async () => {
    assert.equal((await runCli(['hub', 'init', postgres.adminUrl])).code, 0);
    mona = await addPerson('lead', 'mona');
    layla = await addPerson('analyst', 'layla');
    sami = await addPerson('analyst', 'sami');
    const corpus = tempDir();
    writeFiles(corpus, Object.fromEntries(Object.entries(TEXTS).map(([name, text]) => [`${name}.txt`, text])));
    const imported = await runCli(['hub', 'import', corpus, '--hub', mona.url]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /the hub took 3 new documents; 0 it had already/);
    const assigned = await runCli(['hub', 'assign', '--overlap', '2', '--hub', mona.url]);
    assert.equal(assigned.code, 0, assigned.stderr);
    assert.match(assigned.stdout, /assigned 6: layla 3, sami 3/);
  });

  after(() => postgres.stop());

  test('two analysts and a lead tag, sync, and see each other’s layers; agreement runs on them', async () => {
    for (const person of [layla, sami, mona]) assert.match((await sync(person)).pulled, /^pulled 3 documents, 0 span changes/);
    tag(layla, TEXTS.baghdad, 'وزير الخارجية', 'actor');
    tag(layla, TEXTS.baghdad, 'بغداد', 'location');
    tag(sami, TEXTS.baghdad, 'وزير الخارجية', 'actor');
    tag(sami, TEXTS.baghdad, 'يوم الاثنين', 'date');
    tag(sami, TEXTS.cairo, 'القاهرة', 'location');
    assert.match((await sync(layla)).pushed, /^pushed 2 spans, 0 deletions/);
    const samis = await sync(sami);
    assert.match(samis.pulled, /^pulled 0 documents, 2 span changes/);
    assert.match(samis.pushed, /^pushed 3 spans/);
    assert.match((await sync(layla)).pulled, /^pulled 0 documents, 3 span changes/);
    assert.match((await sync(mona)).pulled, /^pulled 0 documents, 5 span changes/);

    const everywhere = layersIn(layla);
    assert.equal(everywhere.length, 5);
    assert.deepEqual(layersIn(sami), everywhere);
    assert.deepEqual(layersIn(mona), everywhere);

    // A colleague's pulled layer is read-only, as an imported one is.
    inLibrary(layla, (core) => {
      const samisSpan = core.call('openDocument', { id: idOf(core, TEXTS.cairo), layers: ['sami'] }).spans[0]!;
      assert.throws(() => core.call('deleteSpan', { id: samisSpan.id }), /belongs to another annotator/);
    });

    const agreement = await runCli(['agreement', '--db', layla.db, '--annotator', 'layla', '--annotators', 'layla,sami', '--json']);
    assert.equal(agreement.code, 0, agreement.stderr);
    const report = JSON.parse(agreement.stdout) as AgreementReport;
    const all = report.corpus.labels.find((l) => l.label === 'all')!;
    // One actor in common of 2 + 3 spans: F1 = 2·1 / 5.
    assert.equal(all.pairs[0]!.exact.f1, 0.4);
  });

  test('changes, notes and deletions travel; a second sync changes nothing', async () => {
    const baghdad = inLibrary(layla, (core) => core.call('openDocument', { id: idOf(core, TEXTS.baghdad) }).spans);
    inLibrary(layla, (core) => {
      const location = baghdad.find((s) => s.label === 'location')!;
      core.call('updateSpan', { id: location.id, note: 'العاصمة' });
      core.call('deleteSpan', { id: baghdad.find((s) => s.label === 'actor')!.id });
      core.call('setDocumentStatus', { id: idOf(core, TEXTS.baghdad), status: 'done' });
    });
    assert.match((await sync(layla)).pushed, /^pushed 1 spans, 1 deletions, 1 statuses/);
    assert.match((await sync(sami)).pulled, /2 span changes/);
    const samiSees = layersIn(sami).filter((line) => line.includes(' layla '));
    assert.equal(samiSees.length, 1);
    assert.match(samiSees[0]!, / layla location \d+-\d+ العاصمة$/);

    assert.match((await sync(mona)).pulled, /2 span changes/);
    const before = await hubQuery<{ version: string }>('SELECT max(version)::text AS version FROM hamish.spans');
    const layersBefore = [layersIn(layla), layersIn(sami)];
    for (const person of [layla, sami, mona]) {
      const again = await sync(person);
      assert.match(again.pulled, /^pulled 0 documents, 0 span changes, 0 decisions/);
      assert.match(again.pushed, /^pushed 0 spans, 0 deletions, 0 statuses, 0 decisions/);
    }
    assert.deepEqual(await hubQuery('SELECT max(version)::text AS version FROM hamish.spans'), before);
    assert.deepEqual([layersIn(layla), layersIn(sami)], layersBefore);
    assert.deepEqual(await hubQuery(`SELECT layer, status FROM hamish.statuses ORDER BY layer, status`), [
      { layer: 'layla', status: 'done' },
      { layer: 'sami', status: 'in_progress' },
      { layer: 'sami', status: 'in_progress' },
    ]);
  });

  test('a lead’s decisions and gold reach the analysts', async () => {
    inLibrary(mona, (core) => {
      const id = idOf(core, TEXTS.baghdad);
      core.call('decide', { documentId: id, version: { ...rangeOf(TEXTS.baghdad, 'بغداد'), label: 'location' }, verdict: 'accept' });
      core.call('decide', { documentId: id, version: { ...rangeOf(TEXTS.baghdad, 'يوم الاثنين'), label: 'date' }, verdict: 'reject' });
    });
    assert.match((await sync(mona)).pushed, /^pushed 1 spans, 0 deletions, 0 statuses, 2 decisions/);
    assert.match((await sync(layla)).pulled, /1 span changes, 2 decisions/);
    inLibrary(layla, (core) => {
      const id = idOf(core, TEXTS.baghdad);
      const gold = core.call('openDocument', { id, layers: ['gold'] }).spans;
      assert.deepEqual(gold.map((s) => [s.label, s.start, s.end]), [['location', ...Object.values(rangeOf(TEXTS.baghdad, 'بغداد'))]]);
      const reviewed = core.call('reviewDocument', { documentId: id, annotators: ['layla', 'sami'] });
      assert.deepEqual(reviewed.units.map((u) => u.state).filter((s) => s !== 'open').sort(), ['accepted', 'rejected']);
    });
    // The lead takes the rejection back (undo): it goes out of effect everywhere.
    inLibrary(mona, (core) => core.call('undo', { documentId: idOf(core, TEXTS.baghdad), layer: 'gold' }));
    assert.match((await sync(mona)).pushed, /1 decisions/);
    await sync(layla);
    inLibrary(layla, (core) => {
      const reviewed = core.call('reviewDocument', { documentId: idOf(core, TEXTS.baghdad), annotators: ['layla', 'sami'] });
      assert.deepEqual(reviewed.units.map((u) => u.state).filter((s) => s !== 'open'), ['accepted']);
    });
  });

  test('two leads giving gold the same span: neither loses theirs when the other deletes it', async () => {
    const nadia = await addPerson('lead', 'nadia');
    await sync(nadia);
    const cairo = { ...rangeOf(TEXTS.cairo, 'القاهرة'), label: 'location' as const };
    const goldIn = (person: Person) =>
      inLibrary(person, (core) => core.call('openDocument', { id: idOf(core, TEXTS.cairo), layers: ['gold'] }).spans.map((s) => `${s.label} ${s.start}-${s.end}`));
    inLibrary(mona, (core) => core.call('createSpan', { documentId: idOf(core, TEXTS.cairo), layer: 'gold', ...cairo }));
    inLibrary(nadia, (core) => core.call('createSpan', { documentId: idOf(core, TEXTS.cairo), layer: 'gold', ...cairo }));
    await sync(mona);
    assert.match((await sync(nadia)).pushed, /^pushed 1 spans/);
    await sync(layla);
    const expected = [`location ${cairo.start}-${cairo.end}`];
    for (const person of [mona, nadia, layla]) assert.deepEqual(goldIn(person), expected, person.name);
    // Mona takes hers back: Nadia's stays, in her library, on the hub, and for the analysts.
    inLibrary(mona, (core) => core.call('undo', { documentId: idOf(core, TEXTS.cairo), layer: 'gold' }));
    await sync(mona);
    await sync(nadia);
    await sync(layla);
    assert.deepEqual(goldIn(nadia), expected);
    assert.deepEqual(goldIn(layla), expected);
    const onHub = await hubQuery(`SELECT author, deleted FROM hamish.spans s JOIN hamish.documents d ON d.id = s.document_id
                                  WHERE s.layer = 'gold' AND d.text = $1 ORDER BY author`, [TEXTS.cairo]);
    assert.deepEqual(onHub, [{ author: 'mona', deleted: true }, { author: 'nadia', deleted: false }]);
  });

  test('a sync killed at any moment loses nothing; the next one completes it', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `كلمة${i}`).join(' ');
    const corpus = tempDir();
    writeFiles(corpus, { 'long.txt': text });
    assert.equal((await runCli(['hub', 'import', corpus, '--hub', mona.url])).code, 0);
    assert.equal((await runCli(['hub', 'assign', '--overlap', '2', '--hub', mona.url])).code, 0);
    await sync(layla);
    // 400 words, each tagged in four labels: 1,600 spans to push.
    inLibrary(layla, (core) => {
      const id = idOf(core, text);
      let at = 0;
      for (const word of text.split(' ')) {
        for (const label of ['claim', 'actor', 'location', 'date'] as const) core.call('createSpan', { documentId: id, label, start: at, end: at + word.length });
        at += word.length + 1;
      }
    });
    const own = () => layersIn(layla).filter((line) => line.includes(' layla ')).length;
    // Killed ever later, until one run outruns its kill: some die starting, some mid-push.
    assert.ok((await killRepeatedly(layla, () => assert.equal(own(), 1601))) > 0, 'some sync was killed');
    await sync(layla);
    const onHub = await hubQuery<{ n: number }>(`SELECT count(*)::int AS n FROM hamish.spans WHERE layer = 'layla' AND NOT deleted`);
    assert.equal(onHub[0]!.n, 1601);
    assert.match((await sync(layla)).pushed, /^pushed 0 spans, 0 deletions/);
    // And the other way: a pull killed mid-way is taken in whole or not at all.
    const colleagues = () => layersIn(sami).filter((line) => line.includes(' layla ')).length;
    assert.ok((await killRepeatedly(sami, () => assert.ok([1, 1601].includes(colleagues()), String(colleagues())))) > 0, 'some pull was killed');
    await sync(sami);
    const samiHas = layersIn(sami).filter((line) => line.includes(' layla '));
    assert.equal(samiHas.length, 1601);
    assert.equal(new Set(samiHas).size, 1601, 'no span twice');
    assert.match((await sync(sami)).pulled, /0 span changes/);
  });

  test('two leads deciding the same version: the hub orders them, the later wins in every library, the other shown overridden', async () => {
    const omar = await addPerson('lead', 'omar');
    const tunis = { ...rangeOf(TEXTS.tunis, 'تونس'), label: 'location' as const };
    tag(layla, TEXTS.tunis, 'تونس', 'location');
    await sync(layla);
    await sync(mona);
    await sync(omar);
    // Both decide before hearing of the other: Mona accepts, then Omar rejects.
    inLibrary(mona, (core) => core.call('decide', { documentId: idOf(core, TEXTS.tunis), version: tunis, verdict: 'accept' }));
    inLibrary(omar, (core) => core.call('decide', { documentId: idOf(core, TEXTS.tunis), version: tunis, verdict: 'reject' }));
    // Omar reaches the hub first, then Mona: hers is the later.
    assert.match((await sync(omar)).pushed, /1 decisions/);
    assert.match((await sync(mona)).pushed, /1 decisions/);
    await sync(omar);
    await sync(layla);
    const decisionIn = (person: Person) =>
      inLibrary(person, (core) => {
        const reviewed = core.call('reviewDocument', { documentId: idOf(core, TEXTS.tunis), annotators: ['layla', 'sami'] });
        const version = reviewed.units.flatMap((u) => u.versions).find((v) => v.start === tunis.start && v.label === 'location')!;
        const { verdict, reviewer, overrode } = version.decision!;
        return { verdict, reviewer, overrode: overrode && { verdict: overrode.verdict, reviewer: overrode.reviewer } };
      });
    const expected = { verdict: 'accept', reviewer: 'mona', overrode: { verdict: 'reject', reviewer: 'omar' } };
    for (const person of [mona, omar, layla]) assert.deepEqual(decisionIn(person), expected, person.name);
    // The hub holds both, in the order it took them.
    const onHub = await hubQuery<{ author: string; verdict: string }>(
      `SELECT author, verdict FROM hamish.decisions c JOIN hamish.documents d ON d.id = c.document_id
       WHERE d.text = $1 AND c.start = $2 AND c.in_effect ORDER BY c.version`,
      [TEXTS.tunis, tunis.start],
    );
    assert.deepEqual(onHub, [{ author: 'omar', verdict: 'reject' }, { author: 'mona', verdict: 'accept' }]);
    // Omar decides again, later still: now his wins, everywhere, over Mona's.
    inLibrary(omar, (core) => core.call('decide', { documentId: idOf(core, TEXTS.tunis), version: tunis, verdict: 'reject' }));
    await sync(omar);
    await sync(mona);
    const again = { verdict: 'reject', reviewer: 'omar', overrode: { verdict: 'accept', reviewer: 'mona' } };
    for (const person of [mona, omar]) assert.deepEqual(decisionIn(person), again, person.name);
    // Gold follows the winner: Mona's library takes her accepted span out of gold, as a step of
    // gold's history, and sends the removal; then no library has it.
    await sync(omar);
    await sync(layla);
    const goldIn = (person: Person) =>
      inLibrary(person, (core) =>
        core.call('openDocument', { id: idOf(core, TEXTS.tunis), layers: ['gold'] }).spans.filter((s) => s.start === tunis.start && s.label === 'location').length,
      );
    for (const person of [mona, omar, layla]) assert.equal(goldIn(person), 0, person.name);
    const onHubGold = await hubQuery<{ deleted: boolean }>(
      `SELECT s.deleted FROM hamish.spans s JOIN hamish.documents d ON d.id = s.document_id WHERE s.layer = 'gold' AND d.text = $1 AND s.start = $2`,
      [TEXTS.tunis, tunis.start],
    );
    assert.deepEqual(onHubGold, [{ deleted: true }]);
    // The removal is Mona's to see and undo: undone, the span is back in gold and goes up again.
    inLibrary(mona, (core) => core.call('undo', { documentId: idOf(core, TEXTS.tunis), layer: 'gold' }));
    assert.equal(goldIn(mona), 1);
    assert.match((await sync(mona)).pushed, /^pushed 1 spans/);
  });

  test('claim cards travel as layer content: stance and roles, changed and deleted; another’s card refused in SQL', async () => {
    const claimRange = rangeOf(TEXTS.cairo, 'أن الانتخابات ستجري في مارس المقبل');
    const claim = tag(sami, TEXTS.cairo, 'أن الانتخابات ستجري في مارس المقبل', 'claim');
    const actor = tag(sami, TEXTS.cairo, 'الحكومة', 'actor');
    const place = tag(sami, TEXTS.cairo, 'القاهرة', 'location');
    inLibrary(sami, (core) => {
      core.call('setStance', { claim: claim.id, stance: 'denied' });
      core.call('linkRole', { claim: claim.id, role: 'source', span: actor.id });
      core.call('linkRole', { claim: claim.id, role: 'location', span: place.id });
    });
    assert.match((await sync(sami)).pushed, /, 1 cards, 0 scopes$/);
    assert.match((await sync(sami)).pushed, /, 0 cards, 0 scopes$/, 'a second sync sends nothing');
    /** Sami's card as Layla's library shows it: stance and each role's text. */
    const samisCard = () =>
      inLibrary(layla, (core) => {
        const open = core.call('openDocument', { id: idOf(core, TEXTS.cairo), layers: 'all' });
        const textOf = (id: number) => {
          const span = open.spans.find((s) => s.id === id)!;
          return TEXTS.cairo.slice(span.start, span.end);
        };
        const card = open.cards.find((c) => c.annotator === 'sami');
        return card && { claim: textOf(card.claim), stance: card.stance, roles: card.roles.map((r) => `${r.role} ${textOf(r.span)}`) };
      });
    assert.match((await sync(layla)).pulled, /1 cards, 0 scopes$/);
    const claimText = TEXTS.cairo.slice(claimRange.start, claimRange.end);
    assert.deepEqual(samisCard(), { claim: claimText, stance: 'denied', roles: ['source الحكومة', 'location القاهرة'] });
    inLibrary(sami, (core) => core.call('unlinkRole', { claim: claim.id, role: 'location', span: place.id }));
    await sync(sami);
    await sync(layla);
    assert.deepEqual(samisCard(), { claim: claimText, stance: 'denied', roles: ['source الحكومة'] });
    // Layla cannot write Sami's card on the hub, even in plain SQL.
    const client = new pg.Client({ connectionString: layla.url });
    await client.connect();
    try {
      await assert.rejects(
        client.query(`UPDATE hamish.cards SET stance = 'asserted' WHERE layer = 'sami' RETURNING 1`).then((r) => assert.equal(r.rowCount, 0, 'no row of hers to update')).then(() =>
          client.query(`INSERT INTO hamish.cards (layer, author, claim_key, document_id, stance) SELECT 'sami', 'sami', 999, id, 'hedged' FROM hamish.documents LIMIT 1`),
        ),
        /row-level security/,
      );
    } finally {
      await client.end();
    }
    // The claim deleted: its card goes everywhere.
    inLibrary(sami, (core) => core.call('deleteSpan', { id: claim.id }));
    assert.match((await sync(sami)).pushed, /1 deletions, .*, 1 cards, 0 scopes$/);
    await sync(layla);
    assert.equal(samisCard(), undefined);
  });

  test('clusters and scope travel as layer content; another’s scope refused in SQL', async () => {
    const inTunis = tag(sami, TEXTS.tunis, 'أن الرئيس زار تونس يوم الخميس الماضي', 'claim');
    const inBaghdad = tag(sami, TEXTS.baghdad, 'إن المحادثات في بغداد ستستأنف يوم الاثنين', 'claim');
    const cluster = inLibrary(sami, (core) => {
      const out = rangeOf(TEXTS.tunis, 'ذكرت وكالة الأنباء');
      core.call('setScope', { documentId: idOf(core, TEXTS.tunis), ...out, inScope: false });
      return core.call('joinCluster', { spanId: inTunis.id, withSpanId: inBaghdad.id }).id;
    });
    assert.match((await sync(sami)).pushed, /, 2 cards, 1 scopes$/);
    assert.match((await sync(sami)).pushed, /, 0 cards, 0 scopes$/, 'a second sync sends nothing');
    assert.match((await sync(layla)).pulled, /2 cards, 1 scopes$/);
    inLibrary(layla, (core) => {
      const clusters = core.call('clusters', { annotator: 'sami' });
      assert.deepEqual(
        clusters.map((c) => ({ id: c.id, claims: c.members.map((m) => m.text).sort() })),
        [{ id: cluster, claims: ['أن الرئيس زار تونس يوم الخميس الماضي', 'إن المحادثات في بغداد ستستأنف يوم الاثنين'].sort() }],
      );
      const { start, end } = rangeOf(TEXTS.tunis, 'ذكرت وكالة الأنباء');
      assert.deepEqual(core.call('openDocument', { id: idOf(core, TEXTS.tunis), layers: ['sami'] }).scope.out, [[start, end]]);
    });
    // Sami brings it back into scope and leaves the cluster: both follow.
    inLibrary(sami, (core) => {
      core.call('setScope', { documentId: idOf(core, TEXTS.tunis), ...rangeOf(TEXTS.tunis, 'ذكرت وكالة الأنباء'), inScope: true });
      core.call('leaveCluster', { spanId: inTunis.id });
    });
    assert.match((await sync(sami)).pushed, /, [12] cards, 1 scopes$/);
    await sync(layla);
    inLibrary(layla, (core) => {
      assert.deepEqual(core.call('clusters', { annotator: 'sami' }), []);
      assert.deepEqual(core.call('openDocument', { id: idOf(core, TEXTS.tunis), layers: ['sami'] }).scope.out, []);
    });
    // A first scope undone leaves the layer no row: the hub gets nothing out.
    const cairoOut = () => inLibrary(layla, (core) => core.call('openDocument', { id: idOf(core, TEXTS.cairo), layers: ['sami'] }).scope.out);
    inLibrary(sami, (core) => core.call('setScope', { documentId: idOf(core, TEXTS.cairo), ...rangeOf(TEXTS.cairo, 'أعلنت'), inScope: false }));
    await sync(sami);
    await sync(layla);
    assert.deepEqual(cairoOut(), [[0, 'أعلنت'.length]]);
    inLibrary(sami, (core) => core.call('undo', { documentId: idOf(core, TEXTS.cairo) }));
    assert.match((await sync(sami)).pushed, /, 1 scopes$/);
    await sync(layla);
    assert.deepEqual(cairoOut(), []);
    // Layla cannot write Sami's scope on the hub, even in plain SQL.
    const client = new pg.Client({ connectionString: layla.url });
    await client.connect();
    try {
      assert.equal((await client.query(`UPDATE hamish.scopes SET out = '[]' WHERE layer = 'sami'`)).rowCount, 0, 'no row of hers to update');
      await assert.rejects(
        client.query(`INSERT INTO hamish.scopes (layer, author, document_id, out) SELECT 'sami', 'sami', id, '[[0, 3]]' FROM hamish.documents LIMIT 1`),
        /row-level security/,
      );
    } finally {
      await client.end();
    }
    // A scope written by hand in SQL that is no list of ranges in the text is left out, and said.
    await hubQuery(`UPDATE hamish.scopes s SET out = '[[9, 3]]' FROM hamish.documents d WHERE d.id = s.document_id AND s.layer = 'sami' AND d.text = $1`, [TEXTS.tunis]);
    const bad = await runCli(['sync', '--hub', layla.url, '--db', layla.db, '--annotator', 'layla', '--no-seeds']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /scope of layer "sami" on document "[^"]+": not a list of \[start, end\] ranges within the text; left out/);
    inLibrary(layla, (core) => assert.deepEqual(core.call('openDocument', { id: idOf(core, TEXTS.tunis), layers: ['sami'] }).scope.out, []));
  });

  test('a role that is not the library’s annotator, or no member, is refused with the reason', async () => {
    assertCliError(await runCli(['sync', '--hub', layla.url, '--db', sami.db, '--annotator', 'sami']), /knows you as "layla" but this library annotates as "sami"/);
    assertCliError(await runCli(['sync', '--db', sami.db]), /--hub URL is required/);
    assertCliError(await runCli(['sync', '--hub', postgres.adminUrl, '--db', sami.db, '--annotator', 'sami']), /no member for this role/);
    assertCliError(await runCli(['hub', 'import', tempDir(), '--hub', layla.url]), /only leads may/);
  });
});
