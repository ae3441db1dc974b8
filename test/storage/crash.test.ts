/**
 * A crash at any moment loses no acknowledged save. A writer adds spans as fast as it can and is
 * killed with SIGKILL at a random moment; the library must then pass SQLite's integrity check and
 * hold every span whose save the writer had acknowledged. Several times over.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openCore } from '../support/core.ts';
import { startWriter } from './writer.ts';

const ROUNDS = 5;

describe('a crash while saving', () => {
  test(`SIGKILL at a random moment, ${ROUNDS} times: the library is whole and keeps every acknowledged span`, async (t) => {
    const { file } = openCore();
    let acknowledged = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const writer = startWriter(file, `writer-${round}`);
      await writer.untilAcknowledged(1);
      await sleep(50 + Math.random() * 400);
      writer.kill('SIGKILL');
      assert.equal((await writer.exited).signal, 'SIGKILL', `round ${round}: killed, not finished:\n${writer.stderr()}`);
      const ids = writer.acknowledged();
      acknowledged += ids.length;

      const db = new Database(file);
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `round ${round}`);
        const stored = new Set(db.prepare('SELECT id FROM annotations').pluck().all() as number[]);
        const lost = ids.filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `round ${round}: ${lost.length} of ${ids.length} acknowledged spans lost`);
      } finally {
        db.close();
      }
    }
    t.diagnostic(`${acknowledged} acknowledged spans, all kept`);
    assert.ok(acknowledged > ROUNDS * 10, `the writers saved ${acknowledged} spans in all`);
  });
});
