import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';

export { packageRoot };

export const seedsDir = join(packageRoot, 'seeds');
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
