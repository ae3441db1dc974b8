#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dispatch } from '../contract/dispatch.ts';
import type { ImportReport } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import { exportJsonl } from '../core/export-jsonl.ts';
import { openHamish, type Hamish } from '../core/hamish.ts';
import { defaultDatabasePath } from '../core/paths.ts';
import { startServer } from '../server/server.ts';
import { openBrowser } from './open-browser.ts';

const COMMON = {
  db: { type: 'string' },
  annotator: { type: 'string' },
  'no-seeds': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const USAGE = `Usage: hamish <command> [options]

Commands:
  serve                          run the app in your browser (web mode) on 127.0.0.1
  import PATH...                 import UTF-8 .txt files, or folders of them
  export [--format jsonl]        write the dataset (to stdout, or --out FILE)

Options for every command:
  --db PATH                      the database (default: ${defaultDatabasePath()})
  --annotator NAME               who is tagging (default: $HAMISH_ANNOTATOR or your login name)
  --no-seeds                     do not put the sample articles into a new database
  -h, --help                     this help`;

const HELP: Record<string, string> = {
  serve: `Usage: hamish serve [--port N] [--open] [--db PATH]

Serves the app on http://127.0.0.1 only. Prints one line with the address to open; the address
holds a token made for this run, and every request without it is refused. Ctrl+C stops.
  --port N     the port (default: any free one)
  --open       open the address in a browser too`,
  import: `Usage: hamish import PATH... [--db PATH]

Imports UTF-8 .txt files, and every .txt file below each folder. A text already in the library
is recognised and skipped. Prints what went in, what was a duplicate and what failed, and why.`,
  export: `Usage: hamish export --format jsonl [--out FILE] [--db PATH]

Writes one JSON object per document, spans with code point offsets (Python's text[start:end]).
Without --out it writes to stdout. With --out, the file appears whole or not at all.`,
};

type Values = Record<string, string | boolean | undefined>;

/**
 * Each command checks its arguments before the database is opened: a mistyped command line must
 * not create (and seed) a library as a side effect.
 */
const COMMANDS = {
  serve: { options: { port: { type: 'string' }, open: { type: 'boolean' } }, check: checkServe, run: serve },
  import: { options: {}, check: checkImport, run: importPaths },
  export: { options: { format: { type: 'string' }, out: { type: 'string' } }, check: checkExport, run: exportDataset },
} as const;

function usageError(message: string): never {
  throw new HamishError('invalid_input', message);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) usageError(`unknown command "${name}" (try: hamish --help)`);
  const command = COMMANDS[name as keyof typeof COMMANDS];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(`${name}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (parsed.values.help) {
    console.log(HELP[name]);
    return 0;
  }
  const values = parsed.values as Values;
  command.check(values, parsed.positionals);
  const hamish = openHamish({
    database: (values.db as string | undefined) ?? defaultDatabasePath(),
    ...(values.annotator ? { annotator: values.annotator as string } : {}),
    seed: !values['no-seeds'],
  });
  let closeNow = true;
  try {
    const code = await command.run(hamish, values, parsed.positionals);
    if (code === 'running') closeNow = false;
    return code === 'running' ? 0 : code;
  } finally {
    if (closeNow) hamish.close();
  }
}

function portOf(values: Values): number {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(String(values.port ?? '0')) || port > 65535) {
    usageError(`serve: --port must be 0–65535, not "${String(values.port)}"`);
  }
  return port;
}

function checkServe(values: Values, positionals: string[]): void {
  if (positionals.length > 0) usageError(`serve: unexpected argument "${positionals[0]}"`);
  portOf(values);
}

async function serve(hamish: Hamish, values: Values): Promise<'running'> {
  const server = await startServer(hamish.handlers, portOf(values));
  const stop = () => {
    void server.close().then(() => {
      hamish.close();
      process.exit(0);
    });
  };
  // Before the address is printed: whoever reads it may stop the server at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Hamish is running at ${server.url}`);
  if (values.open) openBrowser(server.url);
  return 'running';
}

function checkImport(_values: Values, paths: string[]): void {
  if (paths.length === 0) usageError('import: name at least one file or folder');
}

function importPaths(hamish: Hamish, _values: Values, paths: string[]): number {
  const report = dispatch(hamish.handlers, 'importFiles', { paths }) as ImportReport;
  for (const { file, id } of report.imported) console.log(`imported  ${file} as ${id}`);
  for (const { file, id } of report.duplicates) console.log(`duplicate ${file} (already in the library as ${id})`);
  for (const { file, reason } of report.failed) console.error(`failed    ${file}: ${reason}`);
  console.log(
    `${report.imported.length} imported, ${report.duplicates.length} duplicates, ${report.failed.length} failed`,
  );
  return report.failed.length === 0 ? 0 : 1;
}

function checkExport(values: Values, positionals: string[]): void {
  if (positionals.length > 0) usageError(`export: unexpected argument "${positionals[0]}"`);
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl') usageError(`export: --format must be jsonl, not "${String(format)}"`);
}

function exportDataset(hamish: Hamish, values: Values): number {
  if (typeof values.out === 'string') {
    const result = dispatch(hamish.handlers, 'exportDataset', { format: 'jsonl', out: values.out }) as {
      documents: number;
      spans: number;
    };
    console.error(`wrote ${result.documents} documents, ${result.spans} spans to ${values.out}`);
    return 0;
  }
  // stdout is not a file to rename into place, so it takes the same lines straight from the core.
  // A reader that stops early (hamish export | head) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  for (const { line } of exportJsonl(hamish.db)) process.stdout.write(line + '\n');
  return 0;
}

/**
 * Runs one command as the `hamish` program would and returns its exit code; a refusal is printed
 * as one line, never thrown. `serve` resolves once the server is up and keeps the process alive.
 */
export function runHamish(argv: string[]): Promise<number> {
  return main(argv).catch((error: unknown) => {
    if (error instanceof HamishError) {
      console.error(`hamish: ${error.message}`);
      return error.code === 'invalid_input' ? 2 : 1;
    } else if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      console.error(`hamish: ${error.message}`);
      return 1;
    } else {
      console.error('hamish: unexpected error');
      console.error(error);
      return 1;
    }
  });
}

// Run when this file is the program (the `hamish` bin, often a symlink), not when imported.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runHamish(process.argv.slice(2));
}
