/**
 * npm run bench:lock
 *
 * How fast web mode answers a read (`session`) while a save waits for SQLite's write lock: with
 * nothing waiting; while another process holds the lock for 10 s (a save is kept waiting the
 * whole time, sent again whenever it gives up); and while the server imports an upload of 40,000
 * articles in its worker (which holds the lock) with a save waiting too. The goal: p99 ≤ 50 ms.
 *
 * Writes bench-results/lock.json and prints it.
 */
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { SEED_IDS } from '../support/fixtures.ts';
import { writeArticlesJsonl } from '../support/articles.ts';
import { startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { callApi, login } from '../support/http.ts';
import { holdWriteLock } from '../support/lock.ts';
import { writeBenchResult } from './results.ts';

const HOLD_MS = 10_000;
const ARTICLES = 40_000;

interface Latencies {
  readonly reads: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function summary(ms: number[]): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { reads: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

/** `session` again and again until `done()`, timing each answer. */
async function readWhile(server: RunningServe, cookie: string, done: () => boolean): Promise<Latencies> {
  const ms: number[] = [];
  while (!done()) {
    const started = performance.now();
    const answer = await callApi(server.origin, cookie, 'session', {});
    if (answer.status !== 200) throw new Error(`session answered ${answer.status}`);
    ms.push(performance.now() - started);
  }
  return summary(ms);
}

/** A save kept waiting until `done()`: sent again each time it gives up on the lock. */
async function saveWhile(server: RunningServe, cookie: string, done: () => boolean): Promise<void> {
  while (!done()) await callApi(server.origin, cookie, 'createSpan', { documentId: SEED_IDS[0], start: 0, end: 3, label: 'claim' });
}

function upload(server: RunningServe, cookie: string, file: string): Promise<void> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      { hostname, port, path: '/upload/import', method: 'POST', headers: { Cookie: cookie, 'X-Hamish-File-Name': 'big.jsonl' }, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => (body.includes('"value"') ? resolve() : reject(new Error(body.slice(-300)))));
      },
    );
    sent.on('error', reject);
    createReadStream(file).pipe(sent);
  });
}

async function main(): Promise<void> {
  const db = join(tempDir(), 'library.sqlite');
  const articles = join(tempDir(), 'big.jsonl');
  writeArticlesJsonl(articles, ARTICLES);
  const server = await startServe(db);
  const cookie = await login(server.url);
  try {
    let until = performance.now() + 2000;
    const idle = await readWhile(server, cookie, () => performance.now() > until);

    const lock = await holdWriteLock(db);
    until = performance.now() + HOLD_MS;
    const saving = saveWhile(server, cookie, () => performance.now() > until);
    const locked = await readWhile(server, cookie, () => performance.now() > until);
    await lock.release();
    await saving;

    let imported = false;
    const importing = upload(server, cookie, articles).finally(() => (imported = true));
    const saves = saveWhile(server, cookie, () => imported);
    const duringImport = await readWhile(server, cookie, () => imported);
    await importing;
    await saves;

    const result = {
      goal: 'p99 of session <= 50 ms',
      idle,
      anotherProcessHoldsTheLock: { heldMs: HOLD_MS, ...locked },
      duringTheServersUploadImport: { articles: ARTICLES, ...duringImport },
    };
    writeBenchResult('lock', result);
  } finally {
    await server.stop();
  }
}

await main();
