/**
 * Requests web mode must refuse, each with a 4xx that names the problem: never a dropped
 * connection, a 500, or a reason that is not the real one. Nothing is stored for any of them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { login, request } from '../support/http.ts';
import { dumpLibrary } from '../support/library.ts';

interface Refusal {
  error: { code: string; message: string };
}

describe('web mode refuses bad requests with a 4xx naming the problem', () => {
  let server: RunningServe;
  let cookie: string;
  const db = join(tempDir(), 'library.sqlite');

  before(async () => {
    server = await startServe(db);
    cookie = await login(server.url);
  });

  after(async () => {
    await server?.stop();
  });

  const upload = (name: string, body = 'خبر عاجل من بيروت.') =>
    request(server.origin, '/upload/import', { method: 'POST', headers: { Cookie: cookie, 'X-Hamish-File-Name': name }, body });

  test('a body over the limit is a 413 saying so, not a reset connection', async () => {
    const before = dumpLibrary(db);
    const body = JSON.stringify({ words: ['x'.repeat(65 * 1024 * 1024)] });
    const response = await request(server.origin, '/api/knownWords', { method: 'POST', headers: { Cookie: cookie }, body });
    assert.equal(response.status, 413);
    assert.deepEqual(response.json<Refusal>().error, { code: 'invalid_input', message: 'the request body is too large (over 64 MB)' });
    assert.deepEqual(dumpLibrary(db), before);
  });

  test('a body over the limit without a length (chunked) is a 413 too', async () => {
    const { hostname, port } = new URL(server.origin);
    const { request: httpRequest } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest({ hostname, port, path: '/api/knownWords', method: 'POST', headers: { Cookie: cookie }, agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      outgoing.on('error', reject);
      const piece = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 66; i++) outgoing.write(piece);
      outgoing.end();
    });
    assert.equal(status, 413);
  });

  test('a bad percent-encoding in an upload file name is a 400 naming the header', async () => {
    const response = await upload('%E0%A4%A.txt');
    assert.equal(response.status, 400, response.body);
    assert.match(response.json<Refusal>().error.message, /^import: X-Hamish-File-Name is not valid percent-encoding/);
  });

  test('a NUL in an upload file name is a 400 saying so', async () => {
    const response = await upload('news%00.txt');
    assert.equal(response.status, 400, response.body);
    assert.equal(response.json<Refusal>().error.message, 'import: the file name "news\\u0000.txt" holds a NUL character');
  });

  test('an over-long upload file name is a 400 saying how long it may be', async () => {
    const response = await upload(`${encodeURIComponent('خ'.repeat(200))}.txt`);
    assert.equal(response.status, 400, response.body);
    assert.match(response.json<Refusal>().error.message, /^import: the file name .* is too long \(404 bytes; at most 255\)$/);
  });

  test('after all of them the server still imports a good upload', async () => {
    const response = await upload('beirut.txt');
    assert.equal(response.status, 200, response.body);
    assert.match(response.body, /"value":\{"imported":\[/);
    assert.equal(server.stderr(), '');
  });
});
