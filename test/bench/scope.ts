/**
 * `npm run bench:scope [-- --docs N]`: proposed scope on a library of 10,000 documents (N) made
 * from the samples, in the core: the first proposal after the import (which counts the corpus's
 * short lines into the library, once), a proposal in a new process, and openDocument with its
 * proposals, as medians; and precision and recall of the proposals on the seed articles against
 * the hand-made expected scope (test/fixtures/assist/scope.json). Writes bench-results/scope.json.
 */
import { join } from 'node:path';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { proposeScope } from '../../electron/core/scope/propose.ts';
import { tempDir } from '../support/hamish.ts';
import { seedLibrary } from '../support/library.ts';
import { expectedScope, ScopeTally } from '../support/scope.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const docsAt = process.argv.indexOf('--docs');
const DOCS = docsAt === -1 ? 10_000 : Number(process.argv[docsAt + 1]);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const OPENED = 'article-10';

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const round = (n: number) => Math.round(n * 10) / 10;

const file = join(tempDir(), 'scope.sqlite');
seedLibrary(file, DOCS);
const inCore = <T>(measure: (hamish: ReturnType<typeof openHamish>) => T): T => {
  const hamish = openHamish({ database: file, seed: false, annotator: 'bench' });
  try {
    return measure(hamish);
  } finally {
    hamish.close();
  }
};
const firstAfterImport = inCore((hamish) => timed(() => proposeScope(connectionOf(hamish), OPENED)));
const newProcess = inCore((hamish) => timed(() => proposeScope(connectionOf(hamish), OPENED)));
const openDocument = inCore((hamish) => median(Array.from({ length: RUNS }, () => timed(() => dispatch(hamish.handlers, 'openDocument', { id: OPENED })))));

const seeds = openHamish({ database: join(tempDir(), 'seeds.sqlite'), annotator: 'bench' });
const tally = new ScopeTally();
for (const [id, expected] of expectedScope()) {
  const text = connectionOf(seeds).prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck().get(id)!;
  tally.add(text, proposeScope(connectionOf(seeds), id).map((p) => [p.start, p.end] as const), expected);
}
seeds.close();
const score = tally.score();

writeBenchResult('scope', {
  documents: DOCS,
  first_proposal_after_import_ms: round(firstAfterImport),
  proposal_new_process_ms: round(newProcess),
  open_document_median_ms: round(openDocument),
  seeds: { precision: round(score.precision * 1000) / 1000, recall: round(score.recall * 1000) / 1000, expected_code_points: score.expected },
});
