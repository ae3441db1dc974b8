/**
 * The Python that the reference checks in test/python run under. They read our files with other
 * people's code (scikit-learn, NLTK, pandas, the standard library's own parsers), so they run only
 * where a python3 has the modules they import: a test that needs one it cannot have is skipped,
 * saying why, and never counted as passed. `.ci/run` installs Debian's python3 and its packages;
 * a pyenv python3 first on the PATH does not see those, so Debian's is tried first.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './hamish.ts';

const CANDIDATES = ['/usr/bin/python3', 'python3'];

export type Python = { readonly path: string; readonly skip: false } | { readonly path: null; readonly skip: string };

const found = new Map<string, Python>();

/** The first python3 that imports every one of `modules` (none: the standard library only). */
export function pythonWith(...modules: string[]): Python {
  const key = modules.join(',');
  let python = found.get(key);
  if (!python) {
    const probe = modules.length ? `import ${modules.join(', ')}` : 'pass';
    const path = CANDIDATES.find((candidate) => spawnSync(candidate, ['-c', probe]).status === 0);
    python = path
      ? { path, skip: false }
      : { path: null, skip: `no python3 here imports ${modules.length ? modules.join(', ') : 'the standard library'} (bash .ci/run installs it)` };
    found.set(key, python);
  }
  return python;
}

/** A checker in test/python. */
export function pythonScript(name: string): string {
  return join(PROJECT_ROOT, 'test', 'python', name);
}

/** Runs the checker test/python/`script` with `args` under `python`. */
export function runChecker(python: Python, script: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return runPython(python, [pythonScript(script), ...args]);
}

/** check_export.py reads doccano's file with pandas, as doccano does; the other formats need only the standard library. */
export function checkerFor(format: string): Python {
  return format === 'doccano' ? pythonWith('pandas') : pythonWith();
}

/** Runs `python` (which the caller's test did not skip) with `args`. */
export function runPython(python: Python, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  if (python.path === null) throw new Error(python.skip);
  const result = spawnSync(python.path, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${python.path} cannot run: ${result.error.message}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
