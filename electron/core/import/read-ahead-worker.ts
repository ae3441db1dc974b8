/**
 * The reader of big files (read-ahead.ts), one after another as they are posted to it: reads,
 * decodes, parses, checks and hashes each file's articles as the import's own thread would
 * (openPrepared), and posts them a batch at a time, waiting while QUEUED batches are not taken. A record refused ends the reading with its
 * reason and line, after the articles before it, as the import's own thread would meet them.
 */
import { parentPort } from 'node:worker_threads';
import { BadInput, reasonOf } from './bad-input.ts';
import { prepared, type PreparedArticle } from './prepared.ts';
import { QUEUED, SENT, STOP, TAKEN, type ReadAheadJob, type ReadAheadMessage } from './read-ahead.ts';
import { openRecords } from './records.ts';

/** A batch is posted when it holds this many UTF-16 units of text, or BATCH_ARTICLES articles. */
const BATCH_UNITS = 1 << 19;
const BATCH_ARTICLES = 500;

class Stopped extends Error {}

parentPort!.on('message', read);

function read({ file, options, port, counters }: ReadAheadJob): void {
  /** Posts `message` once there is room for it; the import's thread wanting no more stops the reading. */
  function post(message: ReadAheadMessage, transfer: ArrayBuffer[] = []): void {
    for (;;) {
      const taken = Atomics.load(counters, TAKEN);
      if (Atomics.load(counters, STOP) === 1) throw new Stopped();
      if (Atomics.load(counters, SENT) - taken < QUEUED) break;
      Atomics.wait(counters, TAKEN, taken);
    }
    port.postMessage(message, transfer);
    Atomics.add(counters, SENT, 1);
    Atomics.notify(counters, SENT);
  }

  let batch: PreparedArticle<string>[] = [];
  let units = 0;

  /**
   * Posts the batch, its texts and their folded forms as UTF-8 in one buffer handed over whole
   * (ReadAheadMessage): each row's text, then its folded text.
   */
  function postBatch(): void {
    const ends: number[] = [];
    let bytes = 0;
    for (const { row } of batch) ends.push((bytes += Buffer.byteLength(row.text)), (bytes += Buffer.byteLength(row.searched.text)));
    const texts = Buffer.allocUnsafeSlow(bytes);
    let at = 0;
    for (const { row } of batch) {
      at += texts.write(row.text, at);
      at += texts.write(row.searched.text, at);
    }
    const sent = batch.map((article) => ({ ...article, row: { ...article.row, text: '', searched: { ...article.row.searched, text: '' } } }));
    batch = [];
    units = 0;
    post({ batch: sent, texts: texts.buffer, ends }, [texts.buffer]);
  }

  try {
    const { encoding, articles } = openRecords(file, options);
    post({ encoding });
    for (const article of prepared(articles)) {
      batch.push(article);
      units += article.row.text.length;
      if (units >= BATCH_UNITS || batch.length >= BATCH_ARTICLES) postBatch();
    }
    if (batch.length > 0) postBatch();
    post({ end: true });
  } catch (error) {
    if (!(error instanceof Stopped)) {
      // The articles read before the refused one go first: one of them may fail in storing, and
      // the first failure in the file is the one told.
      try {
        if (batch.length > 0) postBatch();
        post({ failure: { reason: reasonOf(error), line: error instanceof BadInput ? error.line : undefined } });
      } catch {
        // Stopped meanwhile: no one is listening.
      }
    }
  } finally {
    port.close();
  }
}
