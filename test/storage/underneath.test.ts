/**
 * The library changing underneath a running app: restored by the CLI, or deleted or replaced on
 * disk. The served app must go on saving under the right annotator on the right texts, or refuse
 * a save it cannot make stick; never acknowledge one that is lost.
 */
import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { callApi, login } from '../support/http.ts';
import { runCli, startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';

interface Answer {
  readonly status: number;
  readonly value: { annotator?: string; id?: number } | undefined;
  readonly error: { code: string; message: string } | undefined;
}

async function serving(db: string, annotator: string): Promise<{ server: RunningServe; call: (operation: string, input: unknown) => Promise<Answer> }> {
  const server = await startServe(db, ['--no-seeds', '--annotator', annotator]);
  const cookie = await login(server.url);
  const call = async (operation: string, input: unknown) => {
    const response = await callApi(server.origin, cookie, operation, input);
    const body = response.json<{ value?: Answer['value']; error?: Answer['error'] }>();
    return { status: response.status, value: body.value, error: body.error };
  };
  return { server, call };
}

/** A library at `file` holding one document "report" with `text`, made by the CLI as `annotator`. */
async function libraryWith(file: string, text: string, annotator: string): Promise<void> {
  const article = join(tempDir(), 'report.txt');
  writeFileSync(article, text);
  const imported = await runCli(['import', article, '--db', file, '--no-seeds', '--annotator', annotator]);
  assert.equal(imported.code, 0, imported.stderr);
}

describe('a restore by another process under a running app', () => {
  test("the next span is the session's own, on the restored text", async () => {
    const dir = tempDir();
    const library = join(dir, 'layla.sqlite');
    const samis = join(dir, 'sami.sqlite');
    await libraryWith(library, 'قال الرئيس في الرياض', 'layla');
    // In sami's library sami is annotator 1, as layla is in hers; "report" has another text.
    await libraryWith(samis, 'وَقَالَ المتحدث في القاهرة', 'sami');
    const backup = join(dir, 'sami-backup.sqlite');
    assert.equal((await runCli(['backup', '--out', backup, '--db', samis, '--annotator', 'sami'])).code, 0);

    const { server, call } = await serving(library, 'layla');
    try {
      // The app has tagged "report": its text is known to it, as is layla's id.
      const before = await call('createSpan', { documentId: 'report', start: 0, end: 3, label: 'claim' });
      assert.equal(before.value?.annotator, 'layla', JSON.stringify(before));

      const restored = await runCli(['restore', backup, '--db', library, '--annotator', 'sami']);
      assert.equal(restored.code, 0, restored.stderr);

      const after = await call('createSpan', { documentId: 'report', start: 8, end: 15, label: 'actor' });
      assert.equal(after.status, 200, JSON.stringify(after));
      assert.equal(after.value?.annotator, 'layla', 'stored under the session, not under whoever has its old id now');
      // Offset 1 falls between و and its mark in the restored text: refused, as it must be.
      const split = await call('createSpan', { documentId: 'report', start: 1, end: 7, label: 'actor' });
      assert.equal(split.status, 400, JSON.stringify(split));
      assert.match(split.error!.message, /splits a letter/);
    } finally {
      await server.stop();
    }
    const spans = dumpLibrary(library).annotations as { annotator_id: number; start: number }[];
    const names = new Map((dumpLibrary(library).annotators as { id: number; name: string }[]).map(({ id, name }) => [id, name]));
    assert.deepEqual(
      spans.map(({ annotator_id, start }) => [names.get(annotator_id), start]),
      [['layla', 8]],
    );
  });
});

describe('the library file deleted or replaced under a running app', () => {
  test('a save after the file was deleted is refused, not acknowledged', async () => {
    const library = join(tempDir(), 'hamish.sqlite');
    await libraryWith(library, 'قال الرئيس في الرياض', 'layla');
    const { server, call } = await serving(library, 'layla');
    try {
      assert.equal((await call('createSpan', { documentId: 'report', start: 0, end: 3, label: 'claim' })).status, 200);
      rmSync(library);
      const lost = await call('createSpan', { documentId: 'report', start: 4, end: 10, label: 'actor' });
      assert.equal(lost.error?.code, 'io', JSON.stringify(lost));
      assert.match(lost.error!.message, /hamish\.sqlite was deleted while Hamish had it open/);
      const status = await call('setDocumentStatus', { id: 'report', status: 'done' });
      assert.equal(status.error?.code, 'io', JSON.stringify(status));
    } finally {
      await server.stop();
    }
  });

  test('a save after another file was put in its place is refused, and the new file is not written', async () => {
    const dir = tempDir();
    const library = join(dir, 'hamish.sqlite');
    const other = join(dir, 'other.sqlite');
    await libraryWith(library, 'قال الرئيس في الرياض', 'layla');
    await libraryWith(other, 'قال الرئيس في الرياض', 'omar');
    const otherBytes = readFileSync(other);
    const { server, call } = await serving(library, 'layla');
    try {
      assert.equal((await call('createSpan', { documentId: 'report', start: 0, end: 3, label: 'claim' })).status, 200);
      renameSync(other, library);
      const lost = await call('createSpan', { documentId: 'report', start: 4, end: 10, label: 'actor' });
      assert.equal(lost.error?.code, 'io', JSON.stringify(lost));
      assert.match(lost.error!.message, /hamish\.sqlite was replaced by another file while Hamish had it open/);
      assert.deepEqual(readFileSync(library), otherBytes, 'the file now at the path is not written either');
    } finally {
      await server.stop();
    }
    assert.deepEqual(readFileSync(library), otherBytes, 'nor when the app closes');
  });
});
