import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Hamish's package.json, wherever this file was built or packed to. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hamish') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Hamish cannot find its own package.json');
    dir = parent;
  }
})();

export const seedsDir = join(packageRoot, 'seeds');
export const rendererDir = join(packageRoot, 'dist', 'renderer');

/**
 * The built renderer's file for a URL path, as web mode and the desktop window both serve it:
 * 'malformed' for a path that does not decode, null for one that points outside the renderer.
 */
export function rendererFile(pathname: string): string | 'malformed' | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return 'malformed';
  }
  const file = join(rendererDir, normalize(decoded).replace(/^[/\\]+/, ''));
  return file.startsWith(rendererDir + sep) ? file : null;
}

/**
 * The per-user database: the same file Electron's app.getPath('userData') points into, so the
 * desktop app, the CLI and web mode share one library by default.
 */
export function defaultDatabasePath(): string {
  const home = homedir();
  const userData =
    process.platform === 'win32'
      ? join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hamish')
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'Hamish')
        : join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Hamish');
  return join(userData, 'hamish.sqlite');
}
