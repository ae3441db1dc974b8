/**
 * Web mode keeps its port and token beside the library, so that serving the library again gives
 * the same address (a tab left open finds it again); --new-token makes a new token, --port wins,
 * and a kept port that is taken meanwhile gives way to a free one, said so.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startServe, tempDir } from '../support/hamish.ts';
import { callApi, login } from '../support/http.ts';

const library = () => join(tempDir(), 'library.sqlite');

/** Serves `db` once with `args`, and stops: what it printed and the address it ran on. */
async function serveOnce(db: string, args: string[] = []): Promise<{ url: URL; stderr: string }> {
  const server = await startServe(db, args);
  await server.stop();
  return { url: new URL(server.url), stderr: server.stderr() };
}

/** A free port, found by binding one and letting it go. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
  const { port } = probe.address() as { port: number };
  await new Promise((closed) => probe.close(closed));
  return port;
}

describe('the address kept beside the library', () => {
  test('is the port and token of the run, readable by its owner only, and the next run takes them up', async () => {
    const db = library();
    const first = await serveOnce(db);
    const kept = JSON.parse(readFileSync(`${db}-web.json`, 'utf8')) as { port: number; token: string };
    assert.deepEqual(kept, { port: Number(first.url.port), token: first.url.searchParams.get('token') });
    assert.equal(statSync(`${db}-web.json`).mode & 0o777, 0o600);
    const second = await startServe(db);
    try {
      assert.equal(second.url, first.url.href, 'the same address');
      assert.equal(second.stderr(), '');
    } finally {
      await second.stop();
    }
  });

  test('a cookie from before the restart is still good; --new-token shuts it out', async () => {
    const db = library();
    const first = await startServe(db);
    const cookie = await login(first.url);
    await first.stop();
    const again = await startServe(db);
    try {
      assert.equal((await callApi(again.origin, cookie, 'session', {})).status, 200);
    } finally {
      await again.stop();
    }
    const rotated = await startServe(db, ['--new-token']);
    try {
      assert.equal(new URL(rotated.url).port, new URL(first.url).port, 'the port is kept');
      assert.notEqual(rotated.url, first.url);
      assert.equal((await callApi(rotated.origin, cookie, 'session', {})).status, 401);
      assert.equal((await callApi(rotated.origin, await login(rotated.url), 'session', {})).status, 200);
    } finally {
      await rotated.stop();
    }
    assert.equal(JSON.parse(readFileSync(`${db}-web.json`, 'utf8')).token, new URL(rotated.url).searchParams.get('token'));
  });

  test('--port wins over the kept port, and --port 0 takes any free one; the token is kept', async () => {
    const db = library();
    const first = await serveOnce(db);
    const port = await freePort();
    const given = await serveOnce(db, ['--port', String(port)]);
    assert.equal(Number(given.url.port), port);
    assert.equal(given.url.searchParams.get('token'), first.url.searchParams.get('token'));
    const any = await serveOnce(db, ['--port', '0']);
    assert.ok(Number(any.url.port) > 0);
    assert.equal(any.url.searchParams.get('token'), first.url.searchParams.get('token'));
    assert.equal(given.stderr + any.stderr, '');
  });

  test('a kept port another program took meanwhile gives way to a free one, said so', async () => {
    const db = library();
    const first = await serveOnce(db);
    const squatter = createServer();
    await new Promise<void>((listening) => squatter.listen(Number(first.url.port), '127.0.0.1', listening));
    try {
      const moved = await serveOnce(db);
      assert.notEqual(moved.url.port, first.url.port);
      assert.equal(moved.url.searchParams.get('token'), first.url.searchParams.get('token'));
      assert.equal(
        moved.stderr,
        `hamish: port ${first.url.port}, where this library was served last, is in use; serving on ${moved.url.port} instead ` +
          '(a tab left open on the old port must be opened again from the address below)\n',
      );
      assert.equal(JSON.parse(readFileSync(`${db}-web.json`, 'utf8')).port, Number(moved.url.port), 'the new port is kept');
    } finally {
      await new Promise((closed) => squatter.close(closed));
    }
  });

  test('a kept file that is not an address, or that others may read, is said so by name and replaced', async () => {
    const db = library();
    const file = `${db}-web.json`;
    writeFileSync(file, '{"port": "eighty", "token": "x"}\n', { mode: 0o600 });
    const bad = await serveOnce(db);
    assert.equal(bad.stderr, `hamish: ${file}: line 1: not web mode's address (a "port" 1–65535 and a 32-character "token"); a new token is made\n`);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).token, bad.url.searchParams.get('token'));

    writeFileSync(file, 'not json', { mode: 0o600 });
    assert.match((await serveOnce(db)).stderr, new RegExp(`^hamish: ${file.replaceAll('.', '\\.')}: line 1: not JSON \\(.*\\); a new token is made\\n$`));

    const before = await serveOnce(db);
    chmodSync(file, 0o644);
    const exposed = await serveOnce(db);
    assert.equal(exposed.stderr, `hamish: ${file}: others may read it (mode 644); a new token is made\n`);
    assert.notEqual(exposed.url.searchParams.get('token'), before.url.searchParams.get('token'));
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});
