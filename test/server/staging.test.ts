/**
 * Copies of uploads left in the temp folder by a server that crashed are removed when a server
 * starts; a running server's upload in progress is left alone.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { waitFor } from '../support/browser.ts';
import { startServe, tempDir } from '../support/hamish.ts';
import { login } from '../support/http.ts';

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

function staged(tmp: string, name: string, age = 0): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'big.jsonl'), 'x'.repeat(1024));
  const then = (Date.now() - age) / 1000;
  utimesSync(dir, then, then);
  return dir;
}

test('a server starting removes the copies of servers that are gone, never a running upload', { timeout: 60_000 }, async () => {
  const tmp = tempDir();
  const env = { TMPDIR: tmp };
  const running = await startServe(join(tempDir(), 'a.sqlite'), [], { env });
  const cookie = await login(running.url);
  // An upload in progress on the running server: its headers and half its body.
  const { hostname, port } = new URL(running.origin);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(
    `POST /upload/import HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookie}\r\n` +
      'X-Hamish-File-Name: half.txt\r\nContent-Length: 1000\r\n\r\n' +
      'خبر'.repeat(50),
  );
  await waitFor(
    () => readdirSync(tmp).some((name) => name.startsWith('hamish-upload-')),
    () => `no upload folder in ${JSON.stringify(readdirSync(tmp))}`,
  );
  const live = join(tmp, readdirSync(tmp).find((name) => name.startsWith('hamish-upload-'))!);

  const crashed = staged(tmp, `hamish-upload-${await deadPid()}-AbC123`);
  const crashedExport = staged(tmp, `hamish-download-${await deadPid()}-xYz789`);
  const oldUnowned = staged(tmp, 'hamish-upload-Qw3rty', 2 * 24 * 3600_000);
  const newUnowned = staged(tmp, 'hamish-upload-Zx9cvb');
  const someoneElses = staged(tmp, 'hamish-uploads-notes', 2 * 24 * 3600_000);

  const second = await startServe(join(tempDir(), 'b.sqlite'), [], { env });
  try {
    assert.ok(!existsSync(crashed), 'the copy of a server that is gone is removed');
    assert.ok(!existsSync(crashedExport), 'and its export');
    assert.ok(!existsSync(oldUnowned), 'an old copy named the old way is removed');
    assert.ok(existsSync(newUnowned), 'a recent one named the old way may be a running older server: kept');
    assert.ok(existsSync(someoneElses), 'what is not a staged copy is not touched');
    assert.ok(existsSync(live), 'the running server keeps its upload in progress');
    assert.ok(existsSync(join(live, 'half.txt')));
  } finally {
    socket.destroy();
    await second.stop();
    await running.stop();
  }
  assert.ok(!existsSync(live), 'a cancelled upload removes its copy');
  assert.equal(running.stderr(), '');
});
