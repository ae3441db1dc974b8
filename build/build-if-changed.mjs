// `npm start` and `npm test` build first. A second start with nothing changed should not wait for
// three compilers and a bundler: this runs `npm run build` only when a file the build reads has
// changed (path, size or modification time) since the last build that succeeded here.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = ['electron', 'renderer', 'test', 'package.json', 'package-lock.json', 'tsconfig.json'];
const STAMP = join(root, 'dist', '.build-inputs');

function* files(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    yield [relative(root, path), stat.size, stat.mtimeMs];
    return;
  }
  for (const name of readdirSync(path).sort()) yield* files(join(path, name));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const input of INPUTS) for (const entry of files(join(root, input))) hash.update(entry.join('\0') + '\n');
  return hash.digest('hex');
}

const before = fingerprint();
if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === before) process.exit(0);
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
// A file edited during the build leaves the old fingerprint behind: the next start builds again.
writeFileSync(STAMP, before);
