/**
 * The reader of one big file (read-ahead.ts): reads, decodes, parses, checks and hashes its
 * articles as the import's own thread would (openPrepared), and posts them a batch at a time,
 * waiting while QUEUED batches are not taken yet. A record refused ends the reading with its
 * reason and line, after the articles before it, as the import's own thread would meet them.
 */
import { workerData } from 'node:worker_threads';
import { BadInput, reasonOf } from './bad-input.ts';
import { prepared, type PreparedArticle } from './prepared.ts';
import { QUEUED, SENT, STOP, TAKEN, type ReadAheadData, type ReadAheadMessage } from './read-ahead.ts';
import { openRecords } from './records.ts';

/** A batch is posted when it holds this many UTF-16 units of text, or BATCH_ARTICLES articles. */
const BATCH_UNITS = 1 << 19;
const BATCH_ARTICLES = 500;

const { file, options, port, counters } = workerData as ReadAheadData;

class Stopped extends Error {}

/** Posts `message` once there is room for it; the import's thread wanting no more stops the reading. */
function post(message: ReadAheadMessage): void {
  for (;;) {
    const taken = Atomics.load(counters, TAKEN);
    if (Atomics.load(counters, STOP) === 1) throw new Stopped();
    if (Atomics.load(counters, SENT) - taken < QUEUED) break;
    Atomics.wait(counters, TAKEN, taken);
  }
  port.postMessage(message);
  Atomics.add(counters, SENT, 1);
  Atomics.notify(counters, SENT);
}

let batch: PreparedArticle[] = [];
let units = 0;
try {
  const { encoding, articles } = openRecords(file, options);
  post({ encoding });
  for (const article of prepared(articles)) {
    batch.push(article);
    units += article.row.text.length;
    if (units >= BATCH_UNITS || batch.length >= BATCH_ARTICLES) {
      post({ batch });
      batch = [];
      units = 0;
    }
  }
  if (batch.length > 0) post({ batch });
  post({ end: true });
} catch (error) {
  if (!(error instanceof Stopped)) {
    // The articles read before the refused one go first: one of them may fail in storing, and
    // the first failure in the file is the one told.
    try {
      if (batch.length > 0) post({ batch });
      post({ failure: { reason: reasonOf(error), line: error instanceof BadInput ? error.line : undefined } });
    } catch {
      // Stopped meanwhile: no one is listening.
    }
  }
} finally {
  port.close();
}
