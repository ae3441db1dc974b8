/**
 * A connection to the hub. Hamish stores no credential: the password comes as libpq finds it,
 * from the URL, else $PGPASSWORD, else the password file ($PGPASSFILE, else ~/.pgpass, used only
 * when no one else may read it). Messages name the hub by its URL without the password.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HamishError } from '../contract/errors.ts';

export interface HubUrl {
  /** postgres://user@host:port/database, without the password: for messages. */
  readonly shown: string;
  readonly user: string;
  readonly url: URL;
}

export function parseHubUrl(given: string, option: string): HubUrl {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new HamishError('invalid_input', `${option}: "${given.replace(/:[^:@/]*@/, ':…@')}" is not a URL (postgres://USER@HOST:PORT/DATABASE)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new HamishError('invalid_input', `${option}: the hub's URL must start postgres:// (not ${url.protocol}//)`);
  }
  const user = decodeURIComponent(url.username) || process.env.PGUSER || '';
  if (user === '') throw new HamishError('invalid_input', `${option}: the URL names no user (postgres://USER@HOST/DATABASE)`);
  const shown = new URL(url);
  shown.password = '';
  return { shown: shown.toString(), user, url };
}

export async function connectHub(hub: HubUrl): Promise<pg.Client> {
  const url = new URL(hub.url);
  if (url.password === '') {
    const password = process.env.PGPASSWORD ?? passwordFromFile(url, hub.user);
    if (password !== undefined) url.password = encodeURIComponent(password);
  }
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  // A connection the server drops later (a restart) is reported by the query that fails.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new HamishError('io', `cannot connect to the hub ${hub.shown}: ${(error as Error).message}`, { cause: error });
  }
  return client;
}

/** libpq's password file: host:port:database:user:password lines, `*` matching anything. */
function passwordFromFile(url: URL, user: string): string | undefined {
  const file = process.env.PGPASSFILE ?? join(homedir(), '.pgpass');
  let text: string;
  try {
    // As libpq: a file others may read is not used (on systems with modes).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = [url.hostname || 'localhost', url.port || '5432', decodeURIComponent(url.pathname.slice(1)) || user, user];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const parts = line.split(/(?<!\\):/).map((part) => part.replace(/\\(.)/g, '$1'));
    if (parts.length < 5) continue;
    if (wanted.every((value, i) => parts[i] === '*' || parts[i] === value)) return parts.slice(4).join(':');
  }
  return undefined;
}
