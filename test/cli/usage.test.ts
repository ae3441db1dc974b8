import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertCliError, runCli, tempDir } from '../support/hamish.ts';

describe('hamish help', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    test(`hamish ${args.join(' ')} prints the usage and exits 0`, async () => {
      const result = await runCli(args);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^Usage: hamish <command>/);
      for (const command of ['serve', 'import', 'export', 'agreement']) assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
      assert.equal(result.stderr, '');
    });
  }

  for (const command of ['serve', 'import', 'export', 'agreement']) {
    test(`hamish ${command} --help prints its usage, exits 0 and opens no database`, async () => {
      const db = join(tempDir(), 'never.sqlite');
      const result = await runCli([command, '--help', '--db', db]);
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`^Usage: hamish ${command}`));
      assert.equal(result.stderr, '');
      assert.ok(!existsSync(db));
    });
  }

  test('hamish with no command prints the usage to stderr and fails', async () => {
    const result = await runCli([]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: hamish <command>/);
  });
});

describe('refused command lines', () => {
  const cases: { args: string[]; message: RegExp }[] = [
    { args: ['frobnicate'], message: /unknown command "frobnicate"/ },
    { args: ['--db', 'x.sqlite'], message: /unknown command "--db"/ },
    { args: ['export', '--bogus'], message: /^hamish: export: .*--bogus/ },
    { args: ['import', '--db'], message: /^hamish: import: .*--db/ },
    { args: ['serve', '-x'], message: /^hamish: serve: .*-x/ },
    { args: ['export', '--format', 'csv'], message: /--format must be one of jsonl, .*, not "csv"/ },
    { args: ['export', 'stray'], message: /unexpected argument "stray"/ },
    { args: ['serve', '--port', 'abc'], message: /--port must be 0–65535, not "abc"/ },
    { args: ['serve', '--port', '70000'], message: /--port must be 0–65535/ },
    { args: ['serve', '--port', '-1'], message: /--port/ },
    { args: ['serve', 'stray'], message: /unexpected argument "stray"/ },
    { args: ['import'], message: /name at least one file or folder/ },
    { args: ['serve', '--annotator', 'Gold'], message: /^hamish: serve: --annotator: "gold" is the reviewed layer's name/ },
    { args: ['import', 'x.txt', '--annotator', 'x'.repeat(201)], message: /at most 200 characters/ },
  ];
  for (const { args, message } of cases) {
    test(`hamish ${args.join(' ')}: one line on stderr, non-zero exit, no database made`, async () => {
      const db = join(tempDir(), 'never.sqlite');
      const result = await runCli([...args, '--db', db]);
      assertCliError(result, message);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.ok(!existsSync(db), 'a refused command line must not create a library');
    });
  }
});
