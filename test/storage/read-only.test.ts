/**
 * A library that cannot be written (a read-only disk, a folder or file without write permission)
 * opens for reading: it can be exported and measured; a write is refused with the reason, never
 * reported as "not a Hamish database"; and nothing is written beside it.
 *
 * Root writes through permission bits, so as root the commands run as `nobody`, for whom they
 * hold as they hold for an analyst; a read-only mount refuses root as well (access(2) says
 * EROFS), which whyReadOnly in database.ts reads the same way.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addText, openCore } from '../support/core.ts';
import { callApi, login, request } from '../support/http.ts';
import { assertCliError, parseJsonl, runCli, startServe, tempDir, type SubprocessUser } from '../support/hamish.ts';

const user: SubprocessUser | undefined = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
const TEXT = 'قال المتحدث باسم الجيش في بغداد إن الهجوم وقع فجراً';

/**
 * A library tagged by layla and omar (closed cleanly, so with no -wal beside it), then made
 * read-only: its folder and the file (`folder`), or the file alone in a folder anyone may write.
 */
function readOnlyLibrary(what: 'folder' | 'file'): { file: string; dir: string; bytes: Buffer } {
  const dir = tempDir();
  const file = join(dir, 'hamish.sqlite');
  for (const [annotator, label] of [
    ['layla', 'actor'],
    ['omar', 'location'],
  ] as const) {
    const core = openCore({ file, seed: false, annotator });
    try {
      const id = addText(core, 'report', TEXT);
      core.call('createSpan', { documentId: id, start: 4, end: 11, label });
    } finally {
      core.close();
    }
  }
  chmodSync(file, 0o444);
  chmodSync(dir, what === 'folder' ? 0o555 : 0o777);
  return { file, dir, bytes: readFileSync(file) };
}

function assertUnchanged({ file, dir, bytes }: { file: string; dir: string; bytes: Buffer }): void {
  assert.deepEqual(readFileSync(file), bytes, 'the library is as it was');
  assert.deepEqual(readdirSync(dir), ['hamish.sqlite'], 'nothing was made beside it');
}

const NOTE = /^hamish: note: the library .*hamish\.sqlite is read-only \((its folder|the file) cannot be written: EACCES\): it was opened for reading only\n$/;

for (const what of ['folder', 'file'] as const) {
  describe(`a library whose ${what} cannot be written`, () => {
    test('exports, with a note that it is read-only', async () => {
      const library = readOnlyLibrary(what);
      const exported = await runCli(['export', '--format', 'jsonl', '--status', 'all', '--db', library.file], { user });
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stderr, NOTE);
      const [document] = parseJsonl(exported.stdout);
      assert.deepEqual(
        document!.spans.map(({ annotator, label, text }) => [annotator, label, text]),
        [
          ['layla', 'actor', 'المتحدث'],
          ['omar', 'location', 'المتحدث'],
        ],
      );
      assertUnchanged(library);
    });

    test('measures agreement', async () => {
      const library = readOnlyLibrary(what);
      const agreement = await runCli(['agreement', '--json', '--db', library.file], { user });
      assert.equal(agreement.code, 0, agreement.stderr);
      assert.deepEqual((JSON.parse(agreement.stdout) as { annotators: string[] }).annotators, ['layla', 'omar']);
      assertUnchanged(library);
    });

    test('lists its backups and takes a new one elsewhere', async () => {
      const library = readOnlyLibrary(what);
      const listed = await runCli(['backup', '--list', '--db', library.file], { user });
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stderr, /^no backups yet\n/);
      assertCliError(await runCli(['backup', '--out', library.file, '--db', library.file], { user }), /a backup cannot replace the library itself/);
      const out = tempDir();
      chmodSync(out, 0o777);
      const taken = await runCli(['backup', '--out', join(out, 'copy.sqlite'), '--db', library.file], { user });
      assert.equal(taken.code, 0, taken.stderr);
      assert.deepEqual(parseJsonl((await runCli(['export', '--status', 'all', '--db', join(out, 'copy.sqlite')])).stdout)[0]!.spans.length, 2);
      assertUnchanged(library);
    });

    test('refuses an import, saying it is read-only', async () => {
      const library = readOnlyLibrary(what);
      const article = join(tempDir(), 'new.txt');
      writeFileSync(article, 'خبر جديد');
      chmodSync(join(article, '..'), 0o755);
      const imported = await runCli(['import', article, '--db', library.file], { user });
      assertCliError(imported, /the library .*hamish\.sqlite is read-only \(.* cannot be written: EACCES\): nothing can be saved to it$/);
      assert.doesNotMatch(imported.stderr, /not a Hamish/);
      assertUnchanged(library);
    });
  });
}

test('a read-only library left with a -wal (its app stopped before closing it) is refused with what to do', async () => {
  const { file } = readOnlyLibrary('file');
  const dir = tempDir();
  const copy = join(dir, 'hamish.sqlite');
  // The library while an app has it open: its last commit is still in the -wal.
  chmodSync(file, 0o644);
  const core = openCore({ file, annotator: 'layla' });
  try {
    core.call('createSpan', { documentId: 'report', start: 25, end: 30, label: 'location' });
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
  } finally {
    core.close();
  }
  chmodSync(copy, 0o444);
  chmodSync(dir, 0o555);
  const exported = await runCli(['export', '--status', 'all', '--db', copy], { user });
  assertCliError(exported, /hamish\.sqlite is read-only \(the file cannot be written: EACCES\), and .*hamish\.sqlite-wal beside it holds changes .*: copy both files to a folder that can be written$/);
  assert.deepEqual(readdirSync(dir).sort(), ['hamish.sqlite', 'hamish.sqlite-wal']);
});

describe('the app on a library that cannot be written', () => {
  test('opens documents and exports them; a tag is refused with the reason', async () => {
    const library = readOnlyLibrary('folder');
    const server = await startServe(library.file, ['--annotator', 'layla'], { user });
    try {
      const cookie = await login(server.url);
      const call = async (operation: string, input: unknown) => {
        const response = await callApi(server.origin, cookie, operation, input);
        return { status: response.status, body: response.json<{ value?: unknown; error?: { code: string; message: string } }>() };
      };
      const opened = await call('openDocument', { id: 'report' });
      assert.equal(opened.status, 200, JSON.stringify(opened));
      assert.equal((opened.body.value as { spans: unknown[] }).spans.length, 1, "layla's own layer");
      // The words of the texts are not in the library's table yet; they are read, not stored.
      const known = await call('knownWords', { words: ['بغداد', 'غداد'] });
      assert.deepEqual(known.body.value, ['بغداد']);

      const refused = await call('createSpan', { documentId: 'report', start: 25, end: 30, label: 'location' });
      assert.equal(refused.status, 409, JSON.stringify(refused));
      assert.match(refused.body.error!.message, /is read-only \(the file cannot be written: EACCES\): nothing can be saved to it/);
      const status = await call('setDocumentStatus', { id: 'report', status: 'done' });
      assert.equal(status.body.error?.code, 'unsupported_database', JSON.stringify(status));
      // An import from the page says the same, not SQLite's "attempt to write a readonly database".
      const upload = await request(server.origin, '/upload/import', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: server.origin, 'X-Hamish-File-Name': 'news.txt' },
        body: 'خبر عاجل من بيروت.',
      });
      assert.match(upload.body, /is read-only \(the file cannot be written: EACCES\): nothing can be saved to it/);
      assert.doesNotMatch(upload.body, /readonly database/);

      const started = await request(server.origin, '/download/export', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ format: 'jsonl' }),
      });
      const ready = started.body
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { kind: string; end?: { value?: { url: string }; error?: unknown } })
        .at(-1);
      assert.ok(ready?.end?.value, started.body);
      const downloaded = await request(server.origin, ready.end.value.url, { headers: { Cookie: cookie } });
      assert.equal(parseJsonl(downloaded.body)[0]!.spans.length, 2, 'every layer of the library, read from its file');
    } finally {
      await server.stop();
    }
    assert.match(server.stderr(), NOTE);
    assertUnchanged(library);
  });
});

test('on a first run the app asks who is annotating: the name is taken for the run, though it cannot be kept', async () => {
  const library = readOnlyLibrary('folder');
  const server = await startServe(library.file, [], { unnamed: true, user });
  try {
    const cookie = await login(server.url);
    const call = async (operation: string, input: unknown) => (await callApi(server.origin, cookie, operation, input)).json<{ value?: unknown }>();
    assert.equal(((await call('session', {})).value as { confirmed: boolean }).confirmed, false, 'the login name is a guess');
    assert.deepEqual((await call('setAnnotator', { name: 'omar' })).value, { annotator: 'omar', confirmed: true });
    const opened = (await call('openDocument', { id: 'report' })).value as { spans: { annotator: string }[] };
    assert.deepEqual(opened.spans.map(({ annotator }) => annotator), ['omar'], "omar's own layer");
  } finally {
    await server.stop();
  }
  assertUnchanged(library);
});
