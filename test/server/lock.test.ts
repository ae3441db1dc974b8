/**
 * A save waiting for SQLite's write lock waits without freezing the server: while another
 * process, or the server's own upload import, holds the lock, reads keep answering and the server
 * says what the save is waiting for; the save lands once the lock is let go.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { LibraryWait } from '../../electron/contract/library-wait.ts';
import { writeArticlesJsonl } from '../support/articles.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { callApi, login, request, type HttpResponse } from '../support/http.ts';
import { holdWriteLock } from '../support/lock.ts';

const DOCUMENT = SEED_IDS[0]!;

/** A request and whether its answer has come yet. */
function tracked(sent: Promise<HttpResponse>): { answer: Promise<HttpResponse>; answered: () => boolean } {
  let answered = false;
  const answer = sent.finally(() => (answered = true));
  return { answer, answered: () => answered };
}

function spansIn(db: string): { label: string; start: number }[] {
  const library = new Database(db, { readonly: true });
  try {
    return library.prepare<[string], { label: string; start: number }>('SELECT label, start FROM annotations WHERE document_id = ?').all(DOCUMENT);
  } finally {
    library.close();
  }
}

describe('a save waiting for the write lock', () => {
  const db = join(tempDir(), 'library.sqlite');
  let server: RunningServe;
  let cookie: string;

  before(async () => {
    server = await startServe(db);
    cookie = await login(server.url);
  });

  after(async () => {
    await server?.stop();
  });

  const waiting = async () => (await request(server.origin, '/waiting', { headers: { Cookie: cookie } })).json<LibraryWait>();

  test('does not keep reads waiting while another process holds the lock, and lands once it is let go', async () => {
    assert.deepEqual(await waiting(), { waiting: false });
    const lock = await holdWriteLock(db);
    const save = tracked(callApi(server.origin, cookie, 'createSpan', { documentId: DOCUMENT, start: 0, end: 3, label: 'claim' }));
    try {
      for (let i = 0; i < 10; i++) {
        const session = await callApi(server.origin, cookie, 'session', {});
        assert.equal(session.status, 200);
        const listed = await callApi(server.origin, cookie, 'listDocuments', {});
        assert.equal(listed.status, 200);
      }
      assert.ok(!save.answered(), 'the save is still waiting, and the reads were answered meanwhile');
      const wait = await waiting();
      assert.ok(wait.waiting, JSON.stringify(wait));
      assert.equal(wait.reason, 'another program is writing to the library');
      assert.deepEqual(spansIn(db), []);
    } finally {
      await lock.release();
    }
    const saved = await save.answer;
    assert.equal(saved.status, 200, saved.body);
    assert.deepEqual(spansIn(db), [{ label: 'claim', start: 0 }]);
    assert.deepEqual(await waiting(), { waiting: false });
  });

  test('does not keep reads waiting while the server imports an upload', { timeout: 120_000 }, async () => {
    const file = join(tempDir(), 'big.jsonl');
    writeArticlesJsonl(file, 20_000);
    const { hostname, port } = new URL(server.origin);
    let save: ReturnType<typeof tracked> | undefined;
    let readsWhileImporting = 0;
    let reason: string | undefined;
    const imported = new Promise<string>((resolve, reject) => {
      const upload = httpRequest(
        { hostname, port, path: '/upload/import', method: 'POST', headers: { Cookie: cookie, 'X-Hamish-File-Name': 'big.jsonl' }, agent: false },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
            // The import is running (its worker holds the lock): a save waits, a read must not.
            if (save || !body.includes('"progress"')) return;
            save = tracked(callApi(server.origin, cookie, 'createSpan', { documentId: DOCUMENT, start: 4, end: 7, label: 'actor' }));
            void (async () => {
              while (!save.answered() && readsWhileImporting < 5) {
                const session = await callApi(server.origin, cookie, 'session', {});
                if (session.status === 200 && !save.answered()) readsWhileImporting++;
                const wait = await waiting();
                if (wait.waiting) reason = wait.reason;
              }
            })();
          });
          response.on('end', () => resolve(body));
          response.on('error', reject);
        },
      );
      upload.on('error', reject);
      import('node:fs').then(({ createReadStream }) => createReadStream(file).pipe(upload), reject);
    });
    const body = await imported;
    assert.match(body, /"value":\{"imported":/, body.slice(-300));
    assert.ok(save, 'a save was sent during the import');
    const saved = await save.answer;
    assert.ok(readsWhileImporting >= 1, 'reads were answered while the save waited for the import');
    assert.equal(reason, 'the import of big.jsonl is writing to the library');
    // Within the busy timeout the save goes in after the file; past it, it is refused as busy.
    if (saved.status === 200) assert.ok(spansIn(db).some(({ label }) => label === 'actor'), saved.body);
    else assert.match(saved.body, /SQLITE_BUSY/);
  });
});
