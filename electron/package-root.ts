import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
