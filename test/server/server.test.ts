import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { rendererDir } from '../../electron/web/renderer-files.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/csp.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { callApi, login, request } from '../support/http.ts';

const RUNNING_LINE = /^Hamish is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/;

interface ApiError {
  error: { code: string; message: string };
}

describe('hamish serve', () => {
  let server: RunningServe;
  let cookie: string;
  let token: string;
  let port: string;

  before(async () => {
    server = await startServe(join(tempDir(), 'library.sqlite'));
    token = new URL(server.url).searchParams.get('token')!;
    port = new URL(server.url).port;
    cookie = await login(server.url);
  });

  after(async () => {
    await server?.stop();
  });

  test('prints exactly one line: the address with its token', () => {
    const lines = server.stdout().split('\n');
    assert.equal(lines.length, 2, server.stdout());
    assert.match(lines[0]!, RUNNING_LINE);
    assert.equal(lines[1], '');
    assert.ok(token.length >= 32);
  });

  test('a request without the token or cookie is refused with 401', async () => {
    for (const path of ['/', '/index.html', '/?token=', `/?token=${token.slice(1)}`, `/?token=${token}x`]) {
      const response = await request(server.origin, path);
      assert.equal(response.status, 401, path);
      assert.equal(response.headers['set-cookie'], undefined);
    }
    const api = await request(server.origin, '/api/listDocuments', { method: 'POST', body: '{}' });
    assert.equal(api.status, 401);
    assert.doesNotMatch(api.body, /00[0-4]_/);
    const wrongToken = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const wrongCookie = await callApi(server.origin, `hamish_token=${wrongToken}`, 'listDocuments', {});
    assert.equal(wrongCookie.status, 401);
  });

  test('the token is traded for an HttpOnly, SameSite=Strict cookie and dropped from the address', async () => {
    const response = await request(server.origin, `/?token=${token}`);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/');
    const [setCookie, ...more] = response.headers['set-cookie'] ?? [];
    assert.equal(more.length, 0);
    const parts = setCookie!.split(';').map((p) => p.trim());
    assert.equal(parts[0], `hamish_token=${token}`);
    assert.ok(parts.includes('HttpOnly'), setCookie);
    assert.ok(parts.includes('SameSite=Strict'), setCookie);
    assert.ok(parts.includes('Path=/'), setCookie);

    const deep = await request(server.origin, `/index.html?doc=abc&token=${token}`);
    assert.equal(deep.status, 303);
    assert.equal(deep.headers.location, '/index.html?doc=abc');

    // The redirect stays on this server, whatever the path looks like.
    const protocolRelative = await request(server.origin, `/.//evil.example/?token=${token}`);
    assert.equal(protocolRelative.status, 303);
    assert.equal(protocolRelative.headers.location, '/evil.example/');

    // Only a GET trades the token.
    const post = await request(server.origin, `/api/listDocuments?token=${token}`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 401);
  });

  test('with the cookie, / serves the app with its security headers', async () => {
    const response = await request(server.origin, '/', { headers: { Cookie: cookie } });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    // With the first screen's answers in it (first-screen.test.ts looks inside).
    const withoutAnswers = response.body.replace(/<script type="application\/json" id="first-screen">.*?<\/script>/s, '');
    assert.notEqual(withoutAnswers, response.body);
    assert.equal(withoutAnswers, readFileSync(join(rendererDir, 'index.html'), 'utf8'));
    assert.equal(response.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    // The page carries the library's answers: never kept.
    assert.equal(response.headers['cache-control'], 'no-store');

    // The page's first script is inlined (test/web/csp.test.ts); the app's code it imports is a file.
    const script = /import\("\.?(\/assets\/[^"]+\.js)"\)/.exec(response.body)?.[1];
    assert.ok(script, 'index.html imports a script from /assets/');
    const asset = await request(server.origin, script, { headers: { Cookie: cookie } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers['content-type'], 'text/javascript; charset=utf-8');
    // Named by its contents, so kept by the browser (bench:open: the first paint's font comes from there).
    assert.equal(asset.headers['cache-control'], 'private, max-age=31536000, immutable');

    const missing = await request(server.origin, '/assets/nothing-here.js', { headers: { Cookie: cookie } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
  });

  test('POST /api/listDocuments returns the samples', async () => {
    const response = await callApi(server.origin, cookie, 'listDocuments', {});
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
    const { value } = response.json<{ value: { id: string; status: string }[] }>();
    assert.deepEqual(
      value.map((d) => d.id),
      SEED_IDS,
    );
  });

  test('createSpan over HTTP: bad input is a 400 JSON error, good input is stored', async () => {
    const documentId = SEED_IDS[0]!;
    for (const input of [
      { documentId, start: 5, end: 2, label: 'claim' },
      { documentId, start: 0, end: 3, label: 'person' },
      { documentId, start: '0', end: 3, label: 'claim' },
      { documentId, start: 0, end: 1_000_000, label: 'claim' },
    ]) {
      const response = await callApi(server.origin, cookie, 'createSpan', input);
      assert.equal(response.status, 400, JSON.stringify(input));
      assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
      const { error } = response.json<ApiError>();
      assert.equal(error.code, 'invalid_input');
      assert.ok(error.message.length > 0);
    }
    const notJson = await request(server.origin, '/api/createSpan', {
      method: 'POST',
      headers: { Cookie: cookie },
      body: '{"documentId": ',
    });
    assert.equal(notJson.status, 400);
    assert.deepEqual(notJson.json(), { error: { code: 'invalid_input', message: 'the request body is not JSON' } });

    const { text } = (await callApi(server.origin, cookie, 'openDocument', { id: documentId })).json<{
      value: { text: string };
    }>().value;
    const word = text.split(/\s/)[0]!;
    const created = await callApi(server.origin, cookie, 'createSpan', {
      documentId,
      start: 0,
      end: Array.from(word).length,
      label: 'actor',
    });
    assert.equal(created.status, 200, created.body);
    const opened = (await callApi(server.origin, cookie, 'openDocument', { id: documentId })).json<{
      value: { spans: { label: string; start: number }[]; summary: { status: string } };
    }>().value;
    assert.deepEqual(
      opened.spans.map((s) => [s.label, s.start]),
      [['actor', 0]],
    );
    assert.equal(opened.summary.status, 'in_progress');
  });

  test('unknown operations are 404, missing documents 404, and the API takes only POST', async () => {
    const unknown = await callApi(server.origin, cookie, 'dropEverything', {});
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json<ApiError>().error.code, 'not_found');
    const missing = await callApi(server.origin, cookie, 'openDocument', { id: 'no-such-document' });
    assert.equal(missing.status, 404);
    assert.equal(missing.json<ApiError>().error.code, 'not_found');
    const get = await request(server.origin, '/api/listDocuments', { headers: { Cookie: cookie } });
    assert.equal(get.status, 405);
  });

  test('operations that name files on this machine are not offered to the browser, and write nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'dataset.jsonl');
    const calls = {
      exportDataset: { format: 'jsonl', out },
      backupLibrary: { out },
      importFiles: { paths: [dir] },
      restoreLibrary: { file: out },
      listBackups: {},
    };
    for (const [operation, input] of Object.entries(calls)) {
      const refused = await callApi(server.origin, cookie, operation, input);
      assert.equal(refused.status, 404, operation);
      assert.deepEqual(refused.json<ApiError>().error, { code: 'not_found', message: `no operation "${operation}" for the browser` });
    }
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a Host other than 127.0.0.1 or localhost on this port is refused with 403', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', `[::1]:${port}`]) {
      const response = await request(server.origin, '/', { headers: { Cookie: cookie, Host: host } });
      assert.equal(response.status, 403, host);
      const withToken = await request(server.origin, `/?token=${token}`, { headers: { Host: host } });
      assert.equal(withToken.status, 403, host);
      assert.equal(withToken.headers['set-cookie'], undefined);
    }
    const localhost = await request(server.origin, '/', { headers: { Cookie: cookie, Host: `localhost:${port}` } });
    assert.equal(localhost.status, 200);
  });

  test('a foreign Origin is refused with 403, even with the cookie or token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `https://127.0.0.1:${port}`]) {
      const api = await request(server.origin, '/api/listDocuments', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin },
        body: '{}',
      });
      assert.equal(api.status, 403, origin);
      assert.doesNotMatch(api.body, /00[0-4]_/);
      const withToken = await request(server.origin, `/?token=${token}`, { headers: { Origin: origin } });
      assert.equal(withToken.status, 403, origin);
    }
    const own = await request(server.origin, '/api/listDocuments', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: server.origin },
      body: '{}',
    });
    assert.equal(own.status, 200);
  });

  test('no CORS: no response allows another origin to read it, and a preflight gets no answer it could use', async () => {
    const responses = [
      await request(server.origin, '/', { headers: { Cookie: cookie } }),
      await request(server.origin, '/api/listDocuments', { method: 'POST', headers: { Cookie: cookie, Origin: server.origin }, body: '{}' }),
      await request(server.origin, '/download/export', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: server.origin },
        body: '{"format":"jsonl"}',
      }),
      await request(server.origin, '/nothing', { headers: { Cookie: cookie } }),
      await request(server.origin, '/api/listDocuments', { method: 'POST', body: '{}' }),
    ];
    const preflights = [];
    for (const origin of ['http://evil.example', server.origin]) {
      preflights.push(
        await request(server.origin, '/api/createSpan', {
          method: 'OPTIONS',
          headers: { Cookie: cookie, Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
        }),
      );
    }
    assert.deepEqual(
      preflights.map((r) => r.status),
      [403, 405],
    );
    for (const response of [...responses, ...preflights]) {
      assert.deepEqual(
        Object.keys(response.headers).filter((name) => name.startsWith('access-control-')),
        [],
        `${response.status} ${response.body.slice(0, 60)}`,
      );
      assert.equal(response.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    }
  });

  test('paths out of the app folder are not served', async () => {
    const packageJson = readFileSync(join(rendererDir, '..', '..', 'package.json'), 'utf8');
    for (const path of [
      '/../package.json',
      '/../../package.json',
      '/assets/../../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/../electron/cli/hamish.js',
      '/%2e%2e/electron/cli/hamish.js',
      '/..%2felectron%2fcli%2fhamish.js',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/index.html%00.js',
      '/assets',
    ]) {
      const response = await request(server.origin, path, { headers: { Cookie: cookie } });
      assert.equal(response.status, 404, `${path}: ${response.body.slice(0, 80)}`);
      assert.notEqual(response.body, packageJson);
      assert.doesNotMatch(response.body, /"name": "hamish"|root:|#!\/usr\/bin\/env node/);
    }
  });

  test('a malformed escape in the path is a client error, not a crash', async () => {
    const response = await request(server.origin, '/%E0%A4%A', { headers: { Cookie: cookie } });
    assert.equal(response.status, 400);
  });

  test('the server logged nothing on stderr', () => {
    assert.equal(server.stderr(), '');
  });
});

describe('stopping hamish serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} stops it with exit code 0, even with a connection open`, { timeout: 30_000 }, async () => {
      const db = join(tempDir(), 'library.sqlite');
      const server = await startServe(db);
      const cookie = await login(server.url);
      assert.equal((await callApi(server.origin, cookie, 'listDocuments', {})).status, 200);
      // A client that started a request and never finished it.
      const { hostname, port } = new URL(server.origin);
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(`GET / HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`);
      socket.on('error', () => {});

      assert.equal(await server.stop(signal), 0);
      socket.destroy();
      assert.match(server.stdout(), /^Hamish is running at [^\n]+\n$/);
      assert.equal(server.stderr(), '');
      // The database was closed properly: the WAL was checkpointed and removed.
      assert.ok(!existsSync(`${db}-wal`), 'no WAL file left: the database was closed');
    });
  }

  test('a library it cannot open stops it before it runs, with the reason', async () => {
    const file = join(tempDir(), 'newer.sqlite');
    const newer = new Database(file);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    await assert.rejects(startServe(file), /exited \(1\) before it was running:\nhamish: .*newer Hamish/);
  });
});
