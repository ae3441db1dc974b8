/**
 * `npm start`: the desktop app when Electron's binary is installed, else web mode in the browser.
 * Arguments pass through to either (e.g. --db PATH; --port N for web mode).
 */
// First: it refuses an old Node before the imports below load better-sqlite3.
import './cli/node-version.ts';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runHamish } from './cli/hamish.ts';
import { packageRoot } from './package-root.ts';

const FALLBACK_NOTICE =
  "Electron's binary is not installed here (it is downloaded on first launch and that failed or is not possible); " +
  'starting Hamish in web mode instead.';

/**
 * Where the electron package keeps its binary, if it is there. Reads what node_modules/electron's
 * index.js reads, without requiring it: that module starts a download when the binary is missing.
 */
function electronBinary(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(join(packageRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  let executable: string | undefined;
  try {
    executable = readFileSync(join(packageDir, 'path.txt'), 'utf8');
  } catch {
    // Not installed, or installed by an older electron package; the override may still name one.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, executable || 'electron') : executable && join(packageDir, 'dist', executable);
  return binary && existsSync(binary) ? binary : undefined;
}

/** Runs the app in Electron (`electron .`); false when the binary would not start at all. */
function runElectron(binary: string, args: string[]): Promise<boolean> {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [packageRoot, ...args], { stdio: 'inherit', env, windowsHide: false });
  child.once('spawn', () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  });
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`hamish: cannot run Electron (${error.message})`);
      resolve(false);
    });
    child.once('exit', (code, signal) => {
      process.exitCode = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
      resolve(true);
    });
  });
}

async function start(args: string[]): Promise<void> {
  const binary = electronBinary();
  if (binary !== undefined && (await runElectron(binary, args))) return;
  if (binary === undefined) console.log(FALLBACK_NOTICE);
  else console.log('Starting Hamish in web mode instead.');
  process.exitCode = await runHamish(['serve', '--open', ...args]);
}

await start(process.argv.slice(2));
