/**
 * Refuses to run on a Node older than package.json's `engines` asks for, before anything loads
 * better-sqlite3: its one prebuilt binary needs Node ≥ 22.14, and on Node 20 it dies of a
 * segmentation fault at the first query, without a word. Imported for its effect, first, by each
 * entry point (the `hamish` bin and `npm start`): ES modules run in the order they are imported,
 * so this runs before the modules after it.
 */
import { readFileSync } from 'node:fs';

/** The least version `engines.node` (">=MAJOR.MINOR") names, as [major, minor]. */
function required(): [number, number] {
  const { engines } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
  const [, major, minor] = /^>=(\d+)\.(\d+)$/.exec(engines.node)!;
  return [Number(major), Number(minor)];
}

const [major, minor] = required();
const [runningMajor = 0, runningMinor = 0] = process.versions.node.split('.').map(Number);
if (runningMajor < major || (runningMajor === major && runningMinor < minor)) {
  console.error(
    `hamish: Hamish needs Node ${major}.${minor} or newer; this is Node ${process.versions.node} (${process.execPath}). ` +
      'Run it through npm (npm start, npx hamish), which puts the Node 22 it installs first on the PATH, or install Node 22.',
  );
  process.exit(1);
}
