/** `hamish hub …`: set up a team's hub in PostgreSQL and its people. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type pg from 'pg';
import { HamishError } from '../contract/errors.ts';
import { openHamish, type Hamish } from '../core/hamish.ts';
import { connectHub, parseHubUrl, type HubUrl } from '../hub/connect.ts';
import { assignDocuments } from '../hub/assign.ts';
import { addMember, generatePassword, memberName, memberOf, type MemberKind } from '../hub/members.ts';
import { checkHubVersion, migrateHub } from '../hub/schema.ts';
import { checkImport, IMPORT_OPTIONS, runImportCommand } from './import.ts';

export const HUB_HELP = `Usage: hamish hub init URL
       hamish hub add-analyst NAME --hub ADMIN_URL [--generate-password]
       hamish hub add-lead NAME --hub ADMIN_URL [--generate-password]
       hamish hub import PATH... --hub URL [--encoding E] [--text-column C]
       hamish hub assign --overlap N [--analysts A,B,...] --hub URL

A hub is a PostgreSQL database the team syncs through (hamish sync --hub URL); each library stays
local. URL is postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; without a password in it, the
password is taken from $PGPASSWORD or the password file ($PGPASSFILE, else ~/.pgpass), as psql
does. Hamish stores no password.

  init URL          create the hub's schema, or bring it up to date (as the database's owner)
  add-analyst NAME  a login role for an analyst: writes only their own layer, reads the rest
  add-lead NAME     a login role for a lead: also writes gold, the corpus and the assignments
                    NAME is how they annotate: lowercase a–z, digits and _
  import PATH...    (a lead) put articles on the hub, read as hamish import reads them; only
                    the texts and their metadata go (spans in the files do not)
  assign            (a lead) give every document N analysts (--overlap, default 1), the least
                    loaded first; documents keep the analysts they have. --analysts: only these
                    An analyst's sync brings the documents assigned to them; a lead's, all.
  --hub ADMIN_URL   the hub, as a role that may create roles
  --generate-password  make a password and print it as "password: …" (else it is read twice
                    from standard input)`;

const OPTIONS = {
  ...IMPORT_OPTIONS,
  hub: { type: 'string' },
  overlap: { type: 'string' },
  analysts: { type: 'string' },
  'generate-password': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function usageError(message: string): never {
  throw new HamishError('invalid_input', message);
}

type Values = Record<string, string | boolean | undefined>;

interface Subcommand {
  /** Checks the arguments before anything connects; returns the hub to connect to. */
  check(values: Values, positionals: readonly string[]): HubUrl;
  run(client: pg.Client, hub: HubUrl, values: Values, positionals: readonly string[]): Promise<number>;
}

/** The hub named by --hub, required by `command`. */
function hubOption(command: string, values: Values): HubUrl {
  if (typeof values.hub !== 'string') usageError(`${command}: --hub URL is required`);
  return parseHubUrl(values.hub, '--hub');
}

/** The connected role, refused unless it is a lead: PostgreSQL would refuse its writes anyway, less clearly. */
async function asLead(command: string, client: pg.Client, hub: HubUrl): Promise<string> {
  await checkHubVersion(client, hub.shown);
  const member = await memberOf(client, hub.shown);
  if (member.kind !== 'lead') usageError(`${command}: ${member.name} is an analyst of the hub; only leads may`);
  return member.name;
}

function overlapOf(values: Values): number {
  const given = values.overlap ?? '1';
  if (typeof given !== 'string' || !/^[1-9]\d{0,2}$/.test(given)) usageError(`hub assign: --overlap must be a whole number from 1, not "${String(given)}"`);
  return Number(given);
}

const member = (kind: MemberKind): Subcommand => ({
  check: (values, positionals) => {
    if (positionals.length !== 1) usageError(`hub add-${kind}: name one ${kind}`);
    memberName(positionals[0]!);
    return hubOption(`hub add-${kind}`, values);
  },
  run: async (client, hub, values, positionals) => {
    const name = positionals[0]!;
    const password = values['generate-password'] ? generatePassword() : await passwordTwice();
    await addMember(client, name, kind, password);
    console.error(`added ${kind} ${name} to ${hub.shown}`);
    if (values['generate-password']) console.log(`password: ${password}`);
    return 0;
  },
});

const SUBCOMMANDS: Record<string, Subcommand> = {
  init: {
    check: (values, positionals) => {
      if (positionals.length !== 1) usageError('hub init: give the hub URL (postgres://USER@HOST/DATABASE)');
      if (values.hub !== undefined) usageError('hub init: the URL is the argument, not --hub');
      return parseHubUrl(positionals[0]!, 'hub init');
    },
    run: async (client, hub) => {
      const { from, to } = await migrateHub(client, hub.shown);
      console.error(from === to ? `the hub ${hub.shown} is up to date (schema ${to})` : `the hub ${hub.shown} is at schema ${to} (was ${from})`);
      return 0;
    },
  },
  'add-analyst': member('analyst'),
  'add-lead': member('lead'),
  import: {
    check: (values, positionals) => {
      checkImport(values, positionals);
      return hubOption('hub import', values);
    },
    run: async (client, hub, values, positionals) => {
      const lead = await asLead('hub import', client, hub);
      // A scratch library: the files are read exactly as `hamish import` reads them. On disk, not
      // in memory: the import is a job, on a connection of its own.
      const folder = mkdtempSync(join(tmpdir(), 'hamish-hub-import-'));
      const scratch = openHamish({ database: join(folder, 'scratch.sqlite'), annotator: lead, seed: false });
      try {
        const code = await runImportCommand(scratch, values, positionals);
        if (code === 130) return code;
        const { added, present, conflicts } = await scratch.hub.upload(client);
        for (const conflict of conflicts) console.error(`conflict  ${conflict}`);
        console.log(`the hub took ${added} new documents; ${present} it had already${conflicts.length > 0 ? `; ${conflicts.length} conflicts` : ''}`);
        return code === 0 && conflicts.length === 0 ? 0 : 1;
      } finally {
        scratch.close();
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
  assign: {
    check: (values, positionals) => {
      if (positionals.length > 0) usageError(`hub assign: unexpected argument "${positionals[0]}"`);
      overlapOf(values);
      return hubOption('hub assign', values);
    },
    run: async (client, hub, values) => {
      await asLead('hub assign', client, hub);
      const only = typeof values.analysts === 'string' ? values.analysts.split(',').map((name) => name.trim()).filter(Boolean) : undefined;
      const added = await assignDocuments(client, overlapOf(values), only);
      const total = [...added.values()].reduce((a, b) => a + b, 0);
      console.log(total === 0 ? 'every document has its analysts already' : `assigned ${total}: ${[...added].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => `${name} ${n}`).join(', ')}`);
      return 0;
    },
  },
};

/** `hamish hub SUBCOMMAND …`: needs no library, so none is opened (or created). */
export async function runHubCommand(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? console.error : console.log)(HUB_HELP);
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(SUBCOMMANDS, name)) usageError(`hub: unknown command "${name}" (try: hamish hub --help)`);
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(`hub ${name}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (parsed.values.help) {
    console.log(HUB_HELP);
    return 0;
  }
  const subcommand = SUBCOMMANDS[name]!;
  const hub = subcommand.check(parsed.values, parsed.positionals);
  const client = await connectHub(hub);
  try {
    return await subcommand.run(client, hub, parsed.values, parsed.positionals);
  } finally {
    await client.end();
  }
}

/** The new password, typed (or piped) twice; the two must match. */
async function passwordTwice(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const ask = async (prompt: string) => {
    if (process.stdin.isTTY) process.stderr.write(prompt);
    const line = await lines.next();
    return line.done ? undefined : line.value;
  };
  const first = await ask('password: ');
  const second = await ask('again: ');
  process.stdin.destroy();
  if (first === undefined || second === undefined) usageError('hub: give the new password twice on standard input (or --generate-password)');
  if (first !== second) usageError('hub: the two passwords differ');
  if (first.length < 8) usageError('hub: the password must be at least 8 characters');
  return first;
}

export const SYNC_OPTIONS = { hub: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

export const SYNC_HELP = `Usage: hamish sync --hub URL [--db PATH] [--annotator NAME]

Exchanges this library's work with the team's hub (see hamish hub --help): first takes in what
colleagues did since the last sync (the documents of your queue, or all for a lead; everyone's
layers on them, read-only, gold and review decisions), then sends what changed in your own layer
since (spans made, changed or deleted, notes, claim cards with their clusters, article scope,
document status; a lead's gold and decisions too). When a later lead's rejection overrides an
acceptance, gold loses that span in every library (in the accepting lead's, as an undoable step).
You sync as the hub's role of the URL, which must be the name you annotate under. A sync stopped
at any moment loses nothing: the next one completes it; a sync with nothing new changes nothing.`;

export function checkSync(values: Values, positionals: readonly string[]): void {
  if (positionals.length > 0) usageError(`sync: unexpected argument "${positionals[0]}"`);
  hubOption('sync', values);
}

export async function runSyncCommand(hamish: Hamish, values: Values): Promise<number> {
  const hub = hubOption('sync', values);
  const { pulled, pushed, conflicts, waiting } = await hamish.hub.sync(hub);
  for (const conflict of conflicts) console.error(`conflict  ${conflict}`);
  console.log(`pulled ${pulled.documents} documents, ${pulled.spans} span changes, ${pulled.decisions} decisions, ${pulled.cards} cards, ${pulled.scopes} scopes`);
  console.log(`pushed ${pushed.spans} spans, ${pushed.deleted} deletions, ${pushed.statuses} statuses, ${pushed.decisions} decisions, ${pushed.cards} cards, ${pushed.scopes} scopes`);
  if (waiting > 0) console.log(`${waiting} of your spans are on documents the hub does not have; they stay here`);
  return conflicts.length === 0 ? 0 : 1;
}
