/**
 * Several processes on one library. SQLite in WAL mode lets readers (an export) work beside a
 * writer, and writers queue for the write lock (busy timeout), so two app instances on one
 * library are safe: every save of each is kept. These tests hold Hamish to that.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { parseJsonl, runCli, tempDir } from '../support/hamish.ts';
import { startWriter } from './writer.ts';
import { readFileSync } from 'node:fs';

function storedIds(file: string): Set<number> {
  const db = new Database(file, { readonly: true });
  try {
    return new Set(db.prepare('SELECT id FROM annotations').pluck().all() as number[]);
  } finally {
    db.close();
  }
}

describe('processes sharing a library', () => {
  test('the CLI exports while the app keeps saving: each export is whole, no save fails', async () => {
    const { file } = openCore();
    const writer = startWriter(file, 'app');
    try {
      await writer.untilAcknowledged(20);
      let previous = -1;
      for (let i = 0; i < 3; i++) {
        const out = join(tempDir(), `export-${i}.jsonl`);
        const result = await runCli(['export', '--status', 'all', '--format', 'jsonl', '--out', out, '--db', file]);
        assert.equal(result.code, 0, result.stderr);
        const documents = parseJsonl(readFileSync(out, 'utf8'));
        assert.deepEqual(documents.map((d) => d.id), [...SEED_IDS]);
        // A snapshot taken while spans keep arriving: more each time, never a torn document.
        const spans = documents.reduce((sum, d) => sum + d.spans.length, 0);
        assert.ok(spans > previous, `export ${i}: ${spans} spans after ${previous}`);
        previous = spans;
      }
      assert.ok(writer.acknowledged().length > 20);
    } finally {
      writer.kill('SIGTERM');
    }
    await writer.exited;
    assert.equal(writer.stderr(), '');
  });

  test('two app instances save at the same time, starting on a new library: nothing is lost', async () => {
    const file = join(tempDir(), 'shared.sqlite');
    const count = 300;
    // The same analyst in both, on two documents. Both create the library at once: its schema,
    // its samples and the analyst's name race too.
    const writers = SEED_IDS.slice(0, 2).map((document) => startWriter(file, 'analyst', { count, document }));
    const results = await Promise.all(writers.map((writer) => writer.exited));
    for (const [i, writer] of writers.entries()) {
      assert.deepEqual(results[i], { code: 0, signal: null }, writer.stderr());
      assert.equal(writer.stderr(), '');
      assert.equal(writer.acknowledged().length, count);
    }
    const stored = storedIds(file);
    const acknowledged = new Set(writers.flatMap((writer) => writer.acknowledged()));
    assert.equal(acknowledged.size, 2 * count, 'each instance its own spans');
    assert.deepEqual([...acknowledged].filter((id) => !stored.has(id)), []);
    const core = openCore({ file });
    try {
      assert.deepEqual(core.call('listDocuments', {}).map((d) => d.id), [...SEED_IDS]);
    } finally {
      core.close();
    }
  });
});
