import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './hamish.ts';

/**
 * Debian's python3, where python3-pandas installs (the doccano check reads with pandas, as
 * doccano does), as python3-sklearn and python3-nltk do for the agreement checks.
 */
const PYTHON = '/usr/bin/python3';

/** Runs test/python/SCRIPT with `args` under Debian's python3. */
export function python(script: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(PYTHON, [join(PROJECT_ROOT, 'test', 'python', script), ...args], { encoding: 'utf8' });
  if (result.error) throw new Error(`${PYTHON} cannot run (${result.error.message}); install python3-pandas`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
