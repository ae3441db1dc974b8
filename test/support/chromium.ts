/**
 * The Chromium the UI tests and benches drive. `npm install` brings it: `@sparticuz/chromium`
 * ships a brotli-packed Chromium build inside the registry package, which is unpacked once into
 * node_modules/.cache. A system Chromium is used only when $CHROMIUM names one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './hamish.ts';

export interface TestChromium {
  readonly executablePath: string;
  /** Added to the browser's environment: where its bundled fonts are. */
  readonly env: Readonly<Record<string, string>>;
}

const PACKAGE = join(PROJECT_ROOT, 'node_modules', '@sparticuz', 'chromium');

export function testChromium(): TestChromium {
  const named = process.env.CHROMIUM;
  if (named) {
    if (!existsSync(named)) throw new Error(`$CHROMIUM names ${named}, which does not exist`);
    return { executablePath: named, env: {} };
  }
  const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string };
  const home = join(PROJECT_ROOT, 'node_modules', '.cache', 'hamish-chromium', version);
  if (!existsSync(join(home, 'chromium'))) unpack(home);
  return { executablePath: join(home, 'chromium'), env: { FONTCONFIG_FILE: join(home, 'fonts.conf') } };
}

/**
 * Unpacks the package's Chromium, fonts and SwiftShader into `home`. The package unpacks into
 * $TMPDIR, and by existence alone decides a file is there, so a half-written one would pass: the
 * test files run in parallel processes, each unpacks into a folder of its own, and the first to
 * finish renames its folder into place (a rename over an existing folder fails; the loser's copy
 * is dropped).
 */
function unpack(home: string): void {
  mkdirSync(join(home, '..'), { recursive: true });
  const staging = mkdtempSync(`${home}.unpacking-`);
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', "import c from '@sparticuz/chromium'; await c.executablePath();"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: staging },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Its own fonts.conf names /tmp/fonts; this one names where they are, and the system's too.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <dir>${join(home, 'fonts')}</dir>\n  <cachedir>${join(home, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(staging, home);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(home, 'chromium'))) throw error;
  }
}
