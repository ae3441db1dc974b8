/**
 * `npm run build:node --silent && node dist/test/bench/write-checks.js`: what the checks made
 * before every write cost (electron/core/library-watch.ts: the path still names the open file,
 * and whether another connection committed; the session's annotator id looked up, not kept),
 * beside a whole saved tag (createSpan then deleteSpan through dispatch, each committed with
 * synchronous=FULL). Medians of 5 runs in one process; prints microseconds per call.
 */
import { Annotators } from '../../electron/core/annotators.ts';
import { LibraryWatch } from '../../electron/core/library-watch.ts';
import { openCore } from '../support/core.ts';
import { median } from './median.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const RUNS = 5;

function microseconds(calls: number, run: () => void): number {
  return median(
    Array.from({ length: RUNS }, () => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) run();
      return ((performance.now() - started) / calls) * 1000;
    }),
  );
}

const core = openCore({ annotator: 'bench' });
try {
  const watch = new LibraryWatch(connectionOf(core.hamish));
  const annotators = new Annotators(connectionOf(core.hamish));
  const [document] = core.call('listDocuments', {});
  const figures = {
    'checks before a write (stat of the path, PRAGMA data_version)': microseconds(100_000, () => watch.beforeWrite()),
    "the session annotator's id looked up": microseconds(100_000, () => annotators.idOf('bench')),
    'a tag saved and deleted, per write': microseconds(1_000, () => {
      const span = core.call('createSpan', { documentId: document!.id, start: 0, end: 3, label: 'claim' });
      core.call('deleteSpan', { id: span.id });
    }) / 2,
  };
  for (const [what, us] of Object.entries(figures)) console.log(`${us.toFixed(1).padStart(8)} µs  ${what}`);
} finally {
  core.close();
}
