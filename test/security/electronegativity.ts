/**
 * Doyensec's Electronegativity over our source, as a function the tests call and as a command
 * (`npm run scan:electron`). Its parser, @typescript-eslint/typescript-estree, is hoisted next to
 * our TypeScript 7, which it cannot read; a resolve hook hands it the TypeScript that
 * Electronegativity installed for itself. Run with the Electron version we ship, so its checks use
 * that version's defaults instead of guessing 0.1.0.
 */
import { createRequire, registerHooks } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../electron/core/paths.ts';

const require = createRequire(join(packageRoot, 'package.json'));
const home = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const ownTypescript = createRequire(join(home, 'package.json')).resolve('typescript');

/** Stands in for `got` where Electronegativity fetches translations from GitHub on every run. */
const OFFLINE = 'hamish:offline-got';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'typescript' && context.parentURL?.includes('/@typescript-eslint/')) return next(ownTypescript, context);
    if (specifier === 'got' && context.parentURL?.includes('/@doyensec/electronegativity/dist/locales/')) {
      return { url: OFFLINE, format: 'commonjs', shortCircuit: true };
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url !== OFFLINE) return next(url, context);
    // Not found: it keeps the English texts it ships with.
    return { format: 'commonjs', source: 'module.exports = async () => ({ statusCode: 404 });', shortCircuit: true };
  },
});

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly confidence: string;
  /** Relative to the package root; "N/A" for a check over the whole application. */
  readonly file: string;
  readonly line: number;
  readonly description: string;
}

interface Issue {
  id: string;
  severity: { name: Severity };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  description: string;
}

type Run = (
  options: {
    input: string;
    electronVersionOverride: string;
    excludeFromScan: string[];
    isRelative: boolean;
  },
  forCli: false,
) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/** The Electron version `npm run dist` packages. */
export function electronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

/**
 * Scans the folder at `path`, leaving out `exclude`d checks. A file it cannot
 * parse is an error, not a pass: a file it did not read is a file it did not check.
 */
export async function scan(path: string, exclude: readonly string[] = []): Promise<Finding[]> {
  const run = require(join(home, 'dist', 'runner.js')) as Run;
  const { issues, errors } = await run(
    {
      input: path,
      electronVersionOverride: electronVersion(),
      // It fetches Electron's release list from GitHub: a network answer that changes by the day
      // is not a test. Which Electron to ship is decided in package.json.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck', ...exclude],
      isRelative: false,
    },
    false,
  );
  const unread = errors.filter((error) => !error.tolerable);
  if (unread.length > 0) {
    throw new Error(`electronegativity could not parse:\n${unread.map((e) => `${relative(packageRoot, e.file)}: ${e.message}`).join('\n')}`);
  }
  return issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file === 'N/A' ? 'N/A' : relative(packageRoot, issue.file),
    line: issue.location.line,
    description: issue.description,
  }));
}

/**
 * The main process and preload with every check; the renderer they load without the checks of
 * the whole application (navigation limits, permission handler, CSP), which live in electron/.
 */
const APP_WIDE = [
  'CSPGlobalCheck',
  'LimitNavigationGlobalCheck',
  'PermissionRequestHandlerGlobalCheck',
  'AffinityGlobalCheck',
  'HTTPResourcesAndNodeIntegrationGlobalCheck',
];

export async function scanShell(): Promise<Finding[]> {
  return [...(await scan(join(packageRoot, 'electron'))), ...(await scan(join(packageRoot, 'renderer'), APP_WIDE))];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const findings = await scanShell();
  for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${f.file}:${f.line}  ${f.description}`);
  console.log(`${findings.length} findings (Electron ${electronVersion()})`);
}
