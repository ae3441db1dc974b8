/**
 * `npm run build:node --silent && node dist/test/bench/boundaries.js`: what one edge check costs
 * inside a run of 1,000,000 letters without a space, against the same check in an ordinary word
 * (the target: at most 5 ms, whatever the run). Each figure is the median of 201 calls at the run's
 * middle: `isSpanBoundary` (the core's check of every span edge), `snapToWords` and `wordAt` (the
 * editor's drag and strip key). Writes bench-results/boundaries.json and prints it.
 */
import { isSpanBoundary, snapToWords, wordAt } from '../../electron/text/boundaries.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';

const CALLS = 201;

/** The median milliseconds of `CALLS` calls of `check`. */
function timed(check: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    check();
    times.push(performance.now() - started);
  }
  return Number(median(times).toFixed(4));
}

function figures(text: string, at: number): Record<string, number> {
  return {
    isSpanBoundary_ms: timed(() => isSpanBoundary(text, at)),
    snapToWords_ms: timed(() => snapToWords(text, at, at + 2)),
    wordAt_ms: timed(() => wordAt(text, at)),
  };
}

const run = 'سَلامٌ'.repeat(Math.ceil(1_000_000 / 6));
const words = 'قال الوزير إنّ المحادثات مستمرة في الرياض '.repeat(20_000);
const result = {
  run_of_letters: { length: run.length, ...figures(run, 6 * Math.floor(run.length / 12) + 2) },
  ordinary_words: { length: words.length, ...figures(words, words.indexOf('المحادثات', words.length >> 1) + 2) },
  target_ms: 5,
};
writeBenchResult('boundaries', result);
