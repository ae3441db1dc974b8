/**
 * Web mode keeps its address beside the library (LIBRARY-web.json, readable by its owner only):
 * the port and the token of the last run. Served again, the library takes them up, so that a tab
 * left open while the server was down finds it again, with the cookie it holds, and sends the
 * changes it could not save meanwhile. `--new-token` makes a new token (open tabs are then shut
 * out: they must be opened again from the new address); `--port` wins over the kept port; a kept
 * port another program took meanwhile gives way to a free one, said so.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Hamish } from '../core/hamish.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ServeOptions {
  /** The port asked for on the command line (0: any free one); else the kept one, or any. */
  readonly port: number | undefined;
  /** Make a new token instead of taking up the kept one. */
  readonly newToken: boolean;
}

interface Kept {
  readonly port: number;
  readonly token: string;
}

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The file beside `library` that keeps its address; none for a library in memory. */
function addressFile(library: string): string | undefined {
  return library === '' || library === ':memory:' ? undefined : `${library}-web.json`;
}

/**
 * Serves `core` on the address kept for its library (or the one asked for), and keeps the address
 * it runs on. `notice` receives what the analyst should know: a kept address not taken up, why.
 */
export async function serveLibrary(
  core: Pick<Hamish, 'handlers' | 'jobs' | 'refuseWhenBusy' | 'library' | 'readOnly'>,
  options: ServeOptions,
  notice: (line: string) => void,
): Promise<RunningServer> {
  // Nothing is written beside a library that cannot be written (its folder may not be either).
  const file = core.readOnly === null ? addressFile(core.library) : undefined;
  const kept = file === undefined ? undefined : readKept(file, notice);
  const token = (!options.newToken && kept?.token) || randomBytes(24).toString('base64url');
  let server: RunningServer;
  if (options.port === undefined && kept !== undefined) {
    try {
      server = await startServer(core, { port: kept.port, token });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      server = await startServer(core, { port: 0, token });
      notice(
        `port ${kept.port}, where this library was served last, is in use; serving on ${server.port} instead ` +
          '(a tab left open on the old port must be opened again from the address below)',
      );
    }
  } else {
    server = await startServer(core, { port: options.port ?? 0, token });
  }
  if (file !== undefined) keep(file, { port: server.port, token }, notice);
  return server;
}

function readKept(file: string, notice: (line: string) => void): Kept | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') notice(`${file}: cannot be read (${(error as Error).message}); a new token is made`);
    return undefined;
  }
  // The token admits whoever holds it: a copy others may read is not taken up.
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    notice(`${file}: others may read it (mode ${mode.toString(8)}); a new token is made`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    notice(`${file}: line 1: not JSON (${(error as Error).message}); a new token is made`);
    return undefined;
  }
  const { port, token } = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof Kept, unknown>>;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 && typeof token === 'string' && TOKEN.test(token)) {
    return { port, token };
  }
  notice(`${file}: line 1: not web mode's address (a "port" 1–65535 and a 32-character "token"); a new token is made`);
  return undefined;
}

/** Written whole or not at all (a rename), and readable by its owner only from the first byte. */
function keep(file: string, kept: Kept, notice: (line: string) => void): void {
  const staged = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(staged, JSON.stringify(kept) + '\n', { mode: 0o600 });
    renameSync(staged, file);
  } catch (error) {
    rmSync(staged, { force: true });
    notice(`${file}: the address cannot be kept (${(error as Error).message}); after a restart, open tabs must be opened again`);
  }
}
