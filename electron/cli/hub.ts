/** `hamish hub …`: set up a team's hub in PostgreSQL and its people. */
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type pg from 'pg';
import { HamishError } from '../contract/errors.ts';
import { connectHub, parseHubUrl, type HubUrl } from '../hub/connect.ts';
import { addMember, generatePassword, memberName, type MemberKind } from '../hub/members.ts';
import { migrateHub } from '../hub/schema.ts';

export const HUB_HELP = `Usage: hamish hub init URL
       hamish hub add-analyst NAME --hub ADMIN_URL [--generate-password]
       hamish hub add-lead NAME --hub ADMIN_URL [--generate-password]

A hub is a PostgreSQL database the team syncs through (hamish sync --hub URL); each library stays
local. URL is postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; without a password in it, the
password is taken from $PGPASSWORD or the password file ($PGPASSFILE, else ~/.pgpass), as psql
does. Hamish stores no password.

  init URL          create the hub's schema, or bring it up to date (as the database's owner)
  add-analyst NAME  a login role for an analyst: writes only their own layer, reads the rest
  add-lead NAME     a login role for a lead: also writes gold, the corpus and the assignments
                    NAME is how they annotate: lowercase a–z, digits and _
  --hub ADMIN_URL   the hub, as a role that may create roles
  --generate-password  make a password and print it as "password: …" (else it is read twice
                    from standard input)`;

const OPTIONS = {
  hub: { type: 'string' },
  'generate-password': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function usageError(message: string): never {
  throw new HamishError('invalid_input', message);
}

type Values = { hub?: string | undefined; 'generate-password'?: boolean | undefined; help?: boolean | undefined };

interface Subcommand {
  /** Checks the arguments before anything connects; returns the hub to connect to. */
  check(values: Values, positionals: readonly string[]): HubUrl;
  run(client: pg.Client, hub: HubUrl, values: Values, positionals: readonly string[]): Promise<number>;
}

const member = (kind: MemberKind): Subcommand => ({
  check: (values, positionals) => {
    if (positionals.length !== 1) usageError(`hub add-${kind}: name one ${kind}`);
    memberName(positionals[0]!);
    if (values.hub === undefined) usageError(`hub add-${kind}: --hub ADMIN_URL is required`);
    return parseHubUrl(values.hub, '--hub');
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
