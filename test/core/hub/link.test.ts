/**
 * The app's sync through the contract (syncStatus, syncNow, setHub), against a real PostgreSQL:
 * the status it shows, where the password goes (never in plain text in the library), offline, and
 * a PostgreSQL restarted in the middle of a sync.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { SyncStatus } from '../../../electron/contract/contract.ts';
import type { SecretStore } from '../../../electron/core/hub/link.ts';
import { addText, openCore, type OpenCore } from '../../support/core.ts';
import { runCli, tempDir, writeFiles } from '../../support/hamish.ts';
import { startPostgres, type Postgres } from '../../support/postgres.ts';

const server = await startPostgres();
const skip = 'unavailable' in server ? server.unavailable : false;
const postgres = server as Postgres;

const TEXT = 'قال وزير الخارجية إن المحادثات في بغداد ستستأنف يوم الاثنين.';
const LONG = Array.from({ length: 300 }, (_, i) => `كلمة${i}`).join(' ');

/** Electron's safeStorage as the desktop uses it, standing in: what it seals is not the plain text. */
const keychain: SecretStore = {
  seal: (plain) => `sealed:${Buffer.from(plain).toString('base64').split('').reverse().join('')}`,
  open: (sealed) => Buffer.from(sealed.slice('sealed:'.length).split('').reverse().join(''), 'base64').toString(),
};

async function settled(core: OpenCore): Promise<SyncStatus> {
  for (;;) {
    const status = core.call('syncStatus', {});
    if (status.state !== 'syncing') return status;
    await new Promise((done) => setTimeout(done, 20));
  }
}

async function onHub(sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgres.adminUrl });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows[0]!.n;
  } finally {
    await client.end();
  }
}

function tagWords(core: OpenCore, documentId: string, text: string, labels: readonly ('claim' | 'actor' | 'location' | 'date')[]): number {
  let at = 0;
  let made = 0;
  for (const word of text.split(' ')) {
    for (const label of labels) {
      core.call('createSpan', { documentId, label, start: at, end: at + word.length });
      made++;
    }
    at += word.length + 1;
  }
  return made;
}

describe('Sync in the app: status, password, offline, a restart mid-sync', { skip }, () => {
  let password: string;
  let url: string;

  before(async () => {
    assert.equal((await runCli(['hub', 'init', postgres.adminUrl])).code, 0);
    const added = await runCli(['hub', 'add-lead', 'mona', '--hub', postgres.adminUrl, '--generate-password']);
    assert.equal(added.code, 0, added.stderr);
    password = /^password: (\S+)$/m.exec(added.stdout)![1]!;
    url = postgres.urlAs('mona', password);
    const corpus = tempDir();
    writeFiles(corpus, { 'baghdad.txt': TEXT, 'long.txt': LONG });
    assert.equal((await runCli(['hub', 'import', corpus, '--hub', url])).code, 0);
  });

  after(() => postgres.stop());

  test('no hub: off; a hub set: never synced, then synced with the count of changes waiting', async () => {
    const core = openCore({ annotator: 'mona', seed: false, hub: { secrets: keychain } });
    try {
      assert.equal(core.call('syncStatus', {}).state, 'off');
      assert.throws(() => core.call('syncNow', {}), /no hub is set/);
      const set = core.call('setHub', { url });
      assert.equal(set.state, 'never');
      assert.equal(set.hub, postgres.urlAs('mona', '').replace(':@', '@'));
      assert.equal(set.password, 'keychain');
      assert.equal(core.call('syncNow', {}).state, 'syncing');
      const first = await settled(core);
      assert.equal(first.state, 'synced', first.message ?? '');
      assert.equal(first.waiting, 0);
      assert.ok(Date.now() - Date.parse(first.lastSyncedAt!) < 60_000);
      // Three changes made offline: they wait, counted, until the next sync takes them.
      const id = core.call('listDocuments', {}).find((d) => core.call('openDocument', { id: d.id, layers: ['gold'] }).text === TEXT)!.id;
      core.call('createSpan', { documentId: id, label: 'location', start: TEXT.indexOf('بغداد'), end: TEXT.indexOf('بغداد') + 5 });
      core.call('createSpan', { documentId: id, label: 'date', start: TEXT.indexOf('يوم'), end: TEXT.indexOf('يوم') + 11 });
      core.call('setDocumentStatus', { id, status: 'done' });
      assert.equal(core.call('syncStatus', {}).waiting, 3);
      core.call('syncNow', {});
      assert.equal((await settled(core)).waiting, 0);
      assert.equal(await onHub(`SELECT count(*)::int AS n FROM hamish.spans WHERE layer = 'mona'`), 2);
      // The library holds the URL without the password, and the password only sealed.
      const bytes = [core.file, `${core.file}-wal`].map((f) => (existsSync(f) ? readFileSync(f).toString('latin1') : '')).join('');
      assert.ok(!bytes.includes(password), 'no plain password in the library');
      assert.ok(bytes.includes(keychain.seal(password)), 'the sealed one is there');
    } finally {
      core.close();
    }
    // Opened again with the keychain: it syncs without being told the password.
    const again = openCore({ file: core.file, annotator: 'mona', seed: false, hub: { secrets: keychain } });
    try {
      assert.equal(again.call('syncStatus', {}).password, 'keychain');
      assert.equal(again.call('syncStatus', {}).waiting, 0);
      again.call('syncNow', {});
      const status = await settled(again);
      assert.equal(status.state, 'synced', status.message ?? '');
    } finally {
      again.close();
    }
  });

  test('web mode keeps the password in memory only: a new session asks for it again', async () => {
    const file = join(tempDir(), 'web.sqlite');
    const web = openCore({ file, annotator: 'mona', seed: false, hub: {} });
    try {
      assert.equal(web.call('setHub', { url: postgres.urlAs('mona', '').replace(':@', '@'), password }).password, 'session');
      web.call('syncNow', {});
      assert.equal((await settled(web)).state, 'synced');
    } finally {
      web.close();
    }
    assert.ok(!readFileSync(file).toString('latin1').includes(password), 'no password in the library (closed: its log is in)');
    const next = openCore({ file, annotator: 'mona', seed: false, hub: {} });
    try {
      assert.equal(next.call('syncStatus', {}).password, 'none');
      next.call('syncNow', {});
      const refused = await settled(next);
      assert.equal(refused.state, 'needs_password', refused.message ?? '');
      assert.equal(next.call('setHub', { url: refused.hub!, password }).state, 'never');
      next.call('syncNow', {});
      assert.equal((await settled(next)).state, 'synced');
    } finally {
      next.close();
    }
  });

  test('a hub out of reach: offline, the changes wait, counted', async () => {
    const core = openCore({ annotator: 'mona', seed: false, hub: {} });
    try {
      core.call('setHub', { url });
      core.call('syncNow', {});
      assert.equal((await settled(core)).state, 'synced');
      const id = addText(core, 'local', 'نص محلي لم يصل إلى المركز بعد.');
      core.call('setHub', { url: 'postgres://mona@127.0.0.1:1/hamish', password });
      core.call('syncNow', {});
      const offline = await settled(core);
      assert.equal(offline.state, 'offline', offline.message ?? '');
      assert.match(offline.message!, /cannot connect to the hub postgres:\/\/mona@127\.0\.0\.1:1\/hamish/);
      assert.ok(id);
    } finally {
      core.close();
    }
  });

  test('PostgreSQL restarted in the middle of a sync: nothing lost, the next sync completes it', async () => {
    const core = openCore({ annotator: 'mona', seed: false, hub: { secrets: keychain } });
    try {
      core.call('setHub', { url });
      core.call('syncNow', {});
      assert.equal((await settled(core)).state, 'synced');
      const id = core.call('listDocuments', {}).find((d) => core.call('openDocument', { id: d.id, layers: ['gold'] }).text === LONG)!.id;
      const made = tagWords(core, id, LONG, ['claim', 'actor', 'location', 'date']);
      // And the document's status, in progress now.
      assert.equal(core.call('syncStatus', {}).waiting, made + 1);
      // The restart comes once the sync is inside a transaction on the hub (its pull or its push).
      // Holding the lock every hub write takes keeps its push waiting there, however fast it is.
      const holder = new pg.Client({ connectionString: postgres.adminUrl });
      holder.on('error', () => {}); // the restart ends its connection
      await holder.connect();
      await holder.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtext('hamish.versions'))`);
      core.call('syncNow', {});
      const inTransaction = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'mona' AND xact_start IS NOT NULL`;
      while ((await onHub(inTransaction)) === 0) assert.equal(core.call('syncStatus', {}).state, 'syncing', 'the sync is still under way');
      await postgres.restart();
      await holder.end().catch(() => {});
      const cut = await settled(core);
      assert.equal(cut.state, 'offline', cut.message ?? '');
      assert.ok(cut.waiting! > 0, 'its changes still wait');
      // Every span is still in the library, and the next sync takes what waits.
      core.call('syncNow', {});
      const done = await settled(core);
      assert.equal(done.state, 'synced', done.message ?? '');
      assert.equal(done.waiting, 0);
      assert.equal(await onHub(`SELECT count(*)::int AS n FROM hamish.spans s JOIN hamish.documents d ON d.id = s.document_id WHERE s.layer = 'mona' AND d.text = '${LONG}'`), made);
      assert.equal(core.call('openDocument', { id, layers: ['mona'] }).spans.length, made);
    } finally {
      core.close();
    }
  });
});
