/**
 * build/build-if-changed.mjs, which `npm start` and `npm test` run first: it builds when a file
 * the build reads has changed, and only then. Run here on a copy of itself in a small project of
 * its own, with a stand-in `npm` that records being asked to build.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PROJECT_ROOT, tempDir, writeFiles } from '../support/hamish.ts';

interface Project {
  readonly root: string;
  /** Runs the script; how it exited and how many builds the stand-in has been asked for so far. */
  build(env?: Record<string, string>): { status: number | null; builds: number };
}

function project(): Project {
  const root = tempDir();
  writeFiles(root, {
    'electron/core/a.ts': 'export const a = 1;\n',
    'renderer/src/b.tsx': 'export const b = 2;\n',
    'test/c.test.ts': '\n',
    'package.json': '{}\n',
    'package-lock.json': '{}\n',
    'tsconfig.json': '{}\n',
    // The stand-in: counts the builds it was asked for, and makes dist/ as a build would.
    'bin/npm': '#!/bin/sh\nmkdir -p dist\necho "$*" >> builds.log\nexit "${NPM_EXIT:-0}"\n',
  });
  chmodSync(join(root, 'bin', 'npm'), 0o755);
  writeFiles(root, { 'build/.keep': '' });
  copyFileSync(join(PROJECT_ROOT, 'build', 'build-if-changed.mjs'), join(root, 'build', 'build-if-changed.mjs'));
  return {
    root,
    build: (env: Record<string, string> = {}) => {
      const run = spawnSync(process.execPath, [join(root, 'build', 'build-if-changed.mjs')], {
        env: { ...process.env, PATH: `${join(root, 'bin')}:${process.env.PATH}`, ...env },
        encoding: 'utf8',
      });
      const log = join(root, 'builds.log');
      return { status: run.status, builds: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0 };
    },
  };
}

describe('build/build-if-changed.mjs', { skip: process.platform === 'win32' && 'the stand-in npm is a shell script' }, () => {
  test('builds the first time, not again while nothing changed, and again after an edit', () => {
    const { root, build } = project();
    assert.deepEqual(build(), { status: 0, builds: 1 });
    assert.deepEqual(build(), { status: 0, builds: 1 });
    const source = join(root, 'electron', 'core', 'a.ts');
    const later = new Date(Date.now() + 5000);
    utimesSync(source, later, later);
    assert.deepEqual(build(), { status: 0, builds: 2 });
    writeFiles(root, { 'renderer/src/new.ts': '\n' });
    assert.deepEqual(build(), { status: 0, builds: 3 });
    rmSync(join(root, 'dist'), { recursive: true });
    assert.deepEqual(build(), { status: 0, builds: 4 }, 'a removed dist/ is built again');
  });

  test('a failed build is tried again at the next start', () => {
    const { build } = project();
    assert.deepEqual(build({ NPM_EXIT: '2' }), { status: 2, builds: 1 });
    assert.deepEqual(build(), { status: 0, builds: 2 });
    assert.deepEqual(build(), { status: 0, builds: 2 });
  });
});
