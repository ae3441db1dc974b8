/**
 * Whether a file is a Hamish library is decided before anything is written to it: a mark of our
 * own (PRAGMA application_id), or, for a library made before the mark, its tables. Another
 * program's SQLite file whose user_version happens to be one of ours stays byte for byte as it was.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { HAMISH_APPLICATION_ID, MIGRATIONS } from '../../electron/core/migrations.ts';
import { assertHamishError, openCore } from '../support/core.ts';
import { assertCliError, PROJECT_ROOT, runCli, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

/** The steps the mark came with: a library at one of these versions was made before it. */
const UNMARKED_VERSIONS = [1, 2, 3, 4, 5, 6];

function foreignFile(version: number): string {
  const file = join(tempDir(), `ledger-${version}.sqlite`);
  const other = new Database(file);
  other.exec("CREATE TABLE ledger (entry TEXT, amount INTEGER); INSERT INTO ledger VALUES ('rent', 900)");
  other.pragma(`user_version = ${version}`);
  other.close();
  return file;
}

/** A library exactly as the Hamish of `version` left it: its steps taken, no mark. */
function unmarkedLibrary(version: number): string {
  const file = join(tempDir(), `old-${version}.sqlite`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const step of MIGRATIONS.slice(0, version)) db.exec(step);
  db.pragma(`user_version = ${version}`);
  db.exec("INSERT INTO annotators (name, created_at) VALUES ('layla', '2026-01-01')");
  db.close();
  return file;
}

function assertUntouched(file: string, bytes: Buffer): void {
  assert.deepEqual(readFileSync(file), bytes, `${file} changed`);
  assert.ok(!existsSync(`${file}-wal`), 'no -wal left beside it');
  assert.ok(!existsSync(`${file}-shm`), 'no -shm left beside it');
}

/** Opening `file` is refused as another program's, and leaves it as it was. */
function assertRefused(file: string): void {
  const bytes = readFileSync(file);
  assertHamishError(() => openCore({ file }), 'unsupported_database', /is not a Hamish database \(it holds another program's tables\)/);
  assertUntouched(file, bytes);
}

describe("another program's SQLite file", () => {
  for (const version of UNMARKED_VERSIONS) {
    test(`with user_version ${version} is refused by export, and left byte for byte as it was`, async () => {
      const file = foreignFile(version);
      const bytes = readFileSync(file);
      assertCliError(await runCli(['export', '--db', file]), /ledger-\d\.sqlite is not a Hamish database \(it holds another program's tables\)/);
      assertUntouched(file, bytes);
      assertRefused(file);
    });
  }

  test('with the version this Hamish marks its libraries at, but no mark, is refused too', () => {
    assertRefused(foreignFile(MIGRATIONS.length));
  });

  test('with Hamish tables but another application id is refused', () => {
    const file = unmarkedLibrary(6);
    const db = new Database(file);
    db.pragma('application_id = 1');
    db.close();
    assertRefused(file);
  });

  test('a library of schema 3 with a table of another program added is not taken for a Hamish library', () => {
    const file = unmarkedLibrary(3);
    const db = new Database(file);
    db.exec('CREATE TABLE invoices (id INTEGER)');
    db.close();
    assertRefused(file);
  });
});

describe('a library made before the mark', () => {
  for (const version of UNMARKED_VERSIONS) {
    test(`of schema ${version} opens, is brought up to date and gets the mark`, () => {
      const file = unmarkedLibrary(version);
      const core = openCore({ file, seed: false });
      try {
        assert.equal(connectionOf(core.hamish).pragma('application_id', { simple: true }), HAMISH_APPLICATION_ID);
        assert.equal(connectionOf(core.hamish).pragma('user_version', { simple: true }), MIGRATIONS.length);
      } finally {
        core.close();
      }
      const names = (dumpLibrary(file).annotators as { name: string }[]).map(({ name }) => name);
      assert.equal(names[0], 'layla', 'its rows are kept');
    });
  }

  test('the first schema fixture gets the mark', () => {
    const file = join(tempDir(), 'schema-1.sqlite');
    copyFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'schema-1.sqlite'), file);
    openCore({ file }).close();
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('application_id', { simple: true }), HAMISH_APPLICATION_ID);
    } finally {
      db.close();
    }
  });

  test('a new library carries the mark from its first step', () => {
    const core = openCore({ seed: false });
    try {
      assert.equal(connectionOf(core.hamish).pragma('application_id', { simple: true }), HAMISH_APPLICATION_ID);
    } finally {
      core.close();
    }
  });
});
