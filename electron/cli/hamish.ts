#!/usr/bin/env node
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

const COMMANDS = {
  serve: { options: { port: { type: 'string' }, open: { type: 'boolean' } }, run: serve },
  import: { options: {}, run: importPaths },
  export: { options: { format: { type: 'string' }, out: { type: 'string' } }, run: exportDataset },
} as const;

type Values = Record<string, string | boolean | undefined>;

function usageError(message: string): never {
  throw new HamishError('invalid_input', message);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
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

async function serve(hamish: Hamish, values: Values): Promise<'running'> {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usageError(`serve: --port must be 0–65535, not "${values.port}"`);
  const server = await startServer(hamish.handlers, port);
  console.log(`Hamish is running at ${server.url}`);
  if (values.open) openBrowser(server.url);
  const stop = () => {
    void server.close().then(() => {
      hamish.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 'running';
}

function importPaths(hamish: Hamish, _values: Values, paths: string[]): number {
  if (paths.length === 0) usageError('import: name at least one file or folder');
  const report = dispatch(hamish.handlers, 'importFiles', { paths }) as ImportReport;
  for (const { file, id } of report.imported) console.log(`imported  ${file} as ${id}`);
  for (const { file, id } of report.duplicates) console.log(`duplicate ${file} (already in the library as ${id})`);
  for (const { file, reason } of report.failed) console.error(`failed    ${file}: ${reason}`);
  console.log(
    `${report.imported.length} imported, ${report.duplicates.length} duplicates, ${report.failed.length} failed`,
  );
  return report.failed.length === 0 ? 0 : 1;
}

function exportDataset(hamish: Hamish, values: Values, positionals: string[]): number {
  if (positionals.length > 0) usageError(`export: unexpected argument "${positionals[0]}"`);
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl') usageError(`export: --format must be jsonl, not "${String(format)}"`);
  if (typeof values.out === 'string') {
    const result = dispatch(hamish.handlers, 'exportDataset', { format, out: values.out }) as {
      documents: number;
      spans: number;
    };
    console.error(`wrote ${result.documents} documents, ${result.spans} spans to ${values.out}`);
    return 0;
  }
  // stdout is not a file to rename into place, so it takes the same lines straight from the core.
  for (const { line } of exportJsonl(hamish.db)) process.stdout.write(line + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof HamishError) {
      console.error(`hamish: ${error.message}`);
      process.exitCode = error.code === 'invalid_input' ? 2 : 1;
    } else if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      console.error(`hamish: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error('hamish: unexpected error');
      console.error(error);
      process.exitCode = 1;
    }
  },
);
