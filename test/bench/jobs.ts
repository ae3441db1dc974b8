/**
 * npm run bench:jobs
 *
 * How long the thread that answers (Electron main, the web server) goes without a turn of its
 * event loop while 20,000 articles are exported: run in one go on that thread, as the desktop's
 * Export… did, and as the core's job in its worker, as every door runs it now. Meanwhile a timer
 * asks for a turn every 5 ms; the figure is the longest wait, and how many `listDocuments` calls
 * the thread answered during the export.
 *
 * Writes bench-results/jobs.json and prints it.
 */
import { join } from 'node:path';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { writeArticlesJsonl } from '../support/articles.ts';
import { tempDir } from '../support/hamish.ts';
import { writeBenchResult } from './results.ts';

const ARTICLES = 20_000;
const TICK_MS = 5;

/** Runs `work` while ticking: the longest gap between ticks, and the calls answered between them. */
async function stalls(work: () => Promise<unknown>, answer: () => void): Promise<{ ms: number; longestStallMs: number; answered: number }> {
  let last = performance.now();
  let longest = 0;
  let answered = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    answer();
    answered++;
  }, TICK_MS);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  return { ms: Math.round(ms), longestStallMs: Math.round(longest), answered };
}

const dir = tempDir();
const hamish = openHamish({ database: join(dir, 'hamish.sqlite'), annotator: 'bench', seed: false });
const corpus = join(dir, 'corpus.jsonl');
writeArticlesJsonl(corpus, ARTICLES);
await hamish.jobs.run('importFiles', { paths: [corpus] });
const answer = () => void dispatch(hamish.handlers, 'session', {});
const input = { format: 'jsonl' as const, filters: {}, tokens: 'whole' as const, manifest: false };

const onThread = await stalls(async () => dispatch(hamish.handlers, 'exportDataset', { ...input, out: join(dir, 'here.jsonl') }), answer);
const inWorker = await stalls(() => hamish.jobs.run('exportDataset', { ...input, out: join(dir, 'job.jsonl') }), answer);
hamish.close();

writeBenchResult('jobs', { articles: ARTICLES, tickMs: TICK_MS, onTheAnsweringThread: onThread, asAJob: inWorker });
