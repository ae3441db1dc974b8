/**
 * On a Node older than 22.14, better-sqlite3 dies of a segmentation fault at the first query. The
 * `hamish` bin and `npm start`'s launcher say what is needed instead, before loading it. The
 * system Node of the development machines is 20; where there is none, there is nothing to run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { HAMISH_BIN, tempDir } from '../support/hamish.ts';

const START = fileURLToPath(new URL('../../electron/start.js', import.meta.url));

/** A Node on this machine older than 22.14, if there is one. */
function oldNode(): { path: string; version: string } | undefined {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 14)) return { path, version };
  }
  return undefined;
}

const old = oldNode();

describe('an old Node is refused with what is needed, not a segmentation fault', { skip: old ? false : 'no Node older than 22.14 at /usr/bin/node or /usr/local/bin/node' }, () => {
  for (const [name, script, args] of [
    ['hamish import', HAMISH_BIN, ['import']],
    ['npm start (electron/start.js)', START, []],
  ] as const) {
    test(name, () => {
      const { path, version } = old!;
      const db = join(tempDir(), 'never.sqlite');
      const file = join(tempDir(), 'article.txt');
      const result = spawnSync(path, [script, ...(args.length ? [...args, file] : []), '--db', db], {
        encoding: 'utf8',
        // Web mode would open a browser: the launcher must stop before it gets there anyway.
        env: { ...process.env, BROWSER: 'true', ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
        timeout: 30_000,
      });
      assert.equal(result.signal, null, `killed by ${result.signal}; stderr:\n${result.stderr}`);
      assert.equal(result.status, 1);
      assert.equal(result.stdout, '');
      assert.equal(
        result.stderr.trim(),
        `hamish: Hamish needs Node 22.14 or newer; this is Node ${version} (${path}). ` +
          'Run it through npm (npm start, npx hamish), which puts the Node 22 it installs first on the PATH, or install Node 22.',
      );
      assert.ok(!existsSync(db), 'no library was made');
    });
  }
});
