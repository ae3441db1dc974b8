/**
 * Web mode's page carries the first screen's answers (contract/first-screen.ts): the same values
 * the contract gives, only past the cookie check, and as a block no article text can break out of.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIRST_SCREEN_ID, LIBRARY_PAGE_SIZE } from '../../electron/contract/first-screen.ts';
import { runCli, startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { callApi, login, request } from '../support/http.ts';

/** An article that would end a naive block, open a comment, or end a line in old JavaScript readers. */
const HOSTILE = 'خبر </script><script>alert(1)</script> و <!-- تعليق --> و\u2028سطر\u2029فقرة.';

const BLOCK = new RegExp(`<script type="application/json" id="${FIRST_SCREEN_ID}">(.*?)</script>`, 's');

describe("web mode's first screen in the page", () => {
  let server: RunningServe;
  let cookie: string;
  let token: string;

  before(async () => {
    const folder = tempDir();
    const db = join(folder, 'library.sqlite');
    writeFileSync(join(folder, 'hostile.jsonl'), `${JSON.stringify({ text: HOSTILE, title: 'خبر' })}\n${JSON.stringify({ text: 'خبر آخر.', title: 'آخر' })}\n`);
    const imported = await runCli(['import', join(folder, 'hostile.jsonl'), '--db', db, '--no-seeds']);
    assert.equal(imported.code, 0, imported.stderr);
    server = await startServe(db);
    token = new URL(server.url).searchParams.get('token')!;
    cookie = await login(server.url);
  });

  after(() => server?.stop());

  const embedded = async (path = '/') => {
    const page = await request(server.origin, path, { headers: { Cookie: cookie } });
    assert.equal(page.status, 200);
    const block = BLOCK.exec(page.body);
    assert.ok(block, `no first-screen block in ${path}`);
    return {
      raw: block[1]!,
      value: JSON.parse(block[1]!) as { session: unknown; documents: { offset: number; documents: { id: string }[] }; opened: { id: string; document: unknown } },
    };
  };

  test('holds what the contract answers: the session, the library\'s first page and its first document', async () => {
    const { raw, value } = await embedded();
    assert.doesNotMatch(raw, /<|\u2028|\u2029/, 'nothing in the block the HTML parser or a line reader would take for its end');
    assert.deepEqual(value.session, (await callApi(server.origin, cookie, 'session', {})).json<{ value: unknown }>().value);
    const page = { query: '', from: { offset: 0 }, limit: LIBRARY_PAGE_SIZE };
    assert.deepEqual(value.documents, (await callApi(server.origin, cookie, 'libraryPage', page)).json<{ value: unknown }>().value);
    const documents = (await callApi(server.origin, cookie, 'listDocuments', {})).json<{ value: { id: string }[] }>().value;
    assert.equal(documents.length, 2);
    assert.deepEqual(value.documents.documents, documents);
    assert.equal(value.opened.id, documents[0]!.id);
    assert.deepEqual(value.opened.document, (await callApi(server.origin, cookie, 'openDocument', { id: documents[0]!.id })).json<{ value: unknown }>().value);
    assert.deepEqual((await embedded('/index.html')).value, value);
  });

  test('holds the document the page last opened in its own layer', async () => {
    const documents = (await callApi(server.origin, cookie, 'listDocuments', {})).json<{ value: { id: string }[] }>().value;
    const last = documents[1]!.id;
    assert.equal((await callApi(server.origin, cookie, 'openDocument', { id: last })).status, 200);
    assert.equal((await embedded()).value.opened.id, last);
    // Another layer's view is not what the page opens first: the embedded one stays.
    await callApi(server.origin, cookie, 'openDocument', { id: documents[0]!.id, layers: 'all' });
    assert.equal((await embedded()).value.opened.id, last);
  });

  test('gives nothing of the library without the cookie or the token', async () => {
    const wrong = `hamish_token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const headers of [{}, { Cookie: wrong }]) {
      for (const path of ['/', '/index.html', '/?token=']) {
        const page = await request(server.origin, path, { headers });
        assert.equal(page.status, 401, path);
        assert.doesNotMatch(page.body, /first-screen|خبر/, path);
      }
    }
    const traded = await request(server.origin, `/?token=${token}`);
    assert.equal(traded.status, 303);
    assert.equal(traded.body, '');
  });
});
