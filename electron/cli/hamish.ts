#!/usr/bin/env node
// First: it refuses an old Node before the imports below load better-sqlite3.
import './node-version.ts';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { personName } from '../contract/annotators.ts';
import { HamishError } from '../contract/errors.ts';
import { backupSettings, defaultDatabasePath, openHamish, readOnlyError, SYNC_EVERY, type Hamish } from '../core/hamish.ts';
import { serveLibrary } from '../server/address.ts';
import { AGREEMENT_HELP, AGREEMENT_OPTIONS, agreementInput, runAgreementCommand } from './agreement.ts';
import { BACKUP_HELP, BACKUP_OPTIONS, checkBackup, checkRestore, RESTORE_HELP, runBackupCommand, runRestoreCommand } from './backup.ts';
import { EXPORT_HELP, EXPORT_OPTIONS, exportInput, runExportCommand } from './export.ts';
import { checkSync, runHubCommand, runSyncCommand, SYNC_HELP, SYNC_OPTIONS } from './hub.ts';
import { checkImport, IMPORT_HELP, IMPORT_OPTIONS, runImportCommand } from './import.ts';
import { openBrowser } from './open-browser.ts';
import { checkSuggest, intoLayer, runSuggestCommand, SUGGEST_HELP, SUGGEST_OPTIONS } from './suggest.ts';

const COMMON = {
  db: { type: 'string' },
  annotator: { type: 'string' },
  'no-seeds': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const USAGE = `Usage: hamish <command> [options]

Commands:
  serve                          run the app in your browser (web mode) on 127.0.0.1
  import PATH...                 import articles: .txt, .jsonl, .json, .csv files, or folders of them
  export [--format F]            write the dataset (jsonl, prodigy, doccano, conll, labelstudio, brat)
  backup --out FILE              a copy of the library, taken while it is in use (--list: the kept ones)
  restore FILE                   put a backup back, keeping the library as it was
  agreement [--annotators A,B]   how far annotators agree, per label and pair (--json: all of it)
  suggest [--document ID]        what Hamish would tag: dates, gazetteer names, what was tagged before
                                 (--into LAYER: write them as spans of a layer of their own)
  hub init URL                   set up a team's hub in PostgreSQL (hamish hub --help)
  sync --hub URL                 exchange your layer and your colleagues' with the team's hub

Options for every command:
  --db PATH                      the database (default: ${defaultDatabasePath()})
  --annotator NAME               who is tagging (default: $HAMISH_ANNOTATOR or your login name)
  --no-seeds                     do not put the sample articles into a new database
  -h, --help                     this help`;

const HELP: Record<string, string> = {
  serve: `Usage: hamish serve [--port N] [--new-token] [--open] [--db PATH]

Serves the app on http://127.0.0.1 only. Prints one line with the address to open; the address
holds a token, and every request without it is refused. The port and token are kept beside the
library (LIBRARY-web.json, readable by you only), so a tab left open reconnects when the library is
served again and saves what it could not meanwhile. Ctrl+C stops.
  --port N       the port (default: the one kept from the last run, else any free one; 0: any)
  --new-token    make a new token: tabs opened with the old one are shut out
  --open         open the address in a browser too`,
  import: IMPORT_HELP,
  export: EXPORT_HELP,
  backup: BACKUP_HELP,
  restore: RESTORE_HELP,
  agreement: AGREEMENT_HELP,
  sync: SYNC_HELP,
  suggest: SUGGEST_HELP,
};

type Values = Record<string, string | boolean | undefined>;

/**
 * Each command checks its arguments before the database is opened: a mistyped command line must
 * not create (and seed) a library as a side effect.
 */
const COMMANDS = {
  serve: { options: { port: { type: 'string' }, 'new-token': { type: 'boolean' }, open: { type: 'boolean' } }, check: checkServe, run: serve },
  import: { options: IMPORT_OPTIONS, check: checkImport, run: runImportCommand, writes: true },
  export: { options: EXPORT_OPTIONS, check: exportInput, run: runExportCommand },
  backup: { options: BACKUP_OPTIONS, check: checkBackup, run: runBackupCommand },
  restore: { options: {}, check: checkRestore, run: runRestoreCommand, writes: true },
  agreement: { options: AGREEMENT_OPTIONS, check: agreementInput, run: runAgreementCommand },
  sync: { options: SYNC_OPTIONS, check: checkSync, run: runSyncCommand },
  suggest: { options: SUGGEST_OPTIONS, check: checkSuggest, run: runSuggestCommand },
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
  if (name === 'hub') return runHubCommand(rest);
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
  // Export reads --annotator as a filter (whose spans go out, `gold` too), not as who is working.
  // suggest --into LAYER writes as LAYER: the layer of its own is that name's.
  const into = name === 'suggest' ? intoLayer(values) : undefined;
  const annotator =
    name === 'export'
      ? undefined
      : into !== undefined
        ? checkedAnnotator(name, '--into', into)
        : checkedAnnotator(name, '--annotator', values.annotator as string | undefined);
  // Else the session takes $HAMISH_ANNOTATOR: one it would refuse is refused here, by its name.
  if (annotator === undefined) checkedAnnotator(name, '$HAMISH_ANNOTATOR', process.env.HAMISH_ANNOTATOR);
  const hamish = openHamish({
    database: (values.db as string | undefined) ?? defaultDatabasePath(),
    ...(annotator ? { annotator } : {}),
    seed: !values['no-seeds'],
    // Web mode is the app: its start takes the rolling backup, as the desktop app's does.
    autoBackup: name === 'serve' ? backupSettings() : undefined,
    // And syncs with the team's hub every minute; its password held in memory for the session.
    hub: name === 'serve' ? { every: SYNC_EVERY } : undefined,
  });
  let closeNow = true;
  try {
    if (hamish.readOnly !== null && 'writes' in command) throw readOnlyError(hamish.library, hamish.readOnly);
    const code = await command.run(hamish, values, parsed.positionals);
    // Said once the command has done its work, so that a refusal stays the one line it is.
    if (hamish.readOnly !== null && (code === 0 || code === 'running')) {
      console.error(`hamish: note: the library ${hamish.library} is read-only (${hamish.readOnly}): it was opened for reading only`);
    }
    if (code === 'running') closeNow = false;
    return code === 'running' ? 0 : code;
  } finally {
    if (closeNow) hamish.close();
  }
}

/** The name `given` by `source` (blank: none), checked before any library is opened. */
function checkedAnnotator(command: string, source: string, given: string | undefined): string | undefined {
  if (given === undefined || given.trim() === '') return undefined;
  const checked = personName(given);
  if (!checked.ok) usageError(`${command}: ${source}: ${checked.problem}`);
  return checked.name;
}

/** The port given, if one is (0: any free one). */
function portOf(values: Values): number | undefined {
  if (values.port === undefined) return undefined;
  const port = Number(values.port);
  if (!/^\d+$/.test(String(values.port)) || port > 65535) {
    usageError(`serve: --port must be 0–65535, not "${String(values.port)}"`);
  }
  return port;
}

function checkServe(values: Values, positionals: string[]): void {
  if (positionals.length > 0) usageError(`serve: unexpected argument "${positionals[0]}"`);
  portOf(values);
}

async function serve(hamish: Hamish, values: Values): Promise<'running'> {
  const server = await serveLibrary(hamish, { port: portOf(values), newToken: values['new-token'] === true }, (line) =>
    console.error(`hamish: ${line}`),
  );
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
