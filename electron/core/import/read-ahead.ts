/**
 * A big file of records read on a thread of its own (read-ahead-worker.ts) while the import's
 * thread stores what was read before: decoding, parsing, checking and hashing take about as long
 * as the inserts, and the two then run on two cores. The import stays one synchronous generator
 * (a door drains it at once or a slice at a time): the articles are taken from the reader's port
 * with receiveMessageOnPort, waiting on a shared counter when none has come yet. At most QUEUED
 * batches wait to be stored, so memory stays flat however big the file is.
 */
import { extname } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Encoding } from '../../contract/encodings.ts';
import { HamishError } from '../../contract/errors.ts';
import { BadInput } from './bad-input.ts';
import type { PreparedArticle } from './prepared.ts';
import { RECORD_EXTENSIONS } from './records.ts';
import type { OpenedFile, ReadOptions } from './sources.ts';

/** Files smaller than this are read on the import's own thread: starting a reader costs more than it saves. */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

/** Batches posted and not yet taken, at most. */
export const QUEUED = 4;

/** Indexes into the shared counters. */
export const SENT = 0;
export const TAKEN = 1;
/** Set to 1 by the import's thread when it wants no more (the file failed, or was cancelled). */
export const STOP = 2;

/** What the reader tells, in this order: the encoding, batches of articles, then the end or why it stopped. */
export type ReadAheadMessage =
  | { readonly encoding: Encoding }
  /**
   * The texts and their folded forms as UTF-8 in one buffer, handed over, not copied (each row's
   * text and folded text are empty here; `ends` says where each one's bytes end, two a row): the
   * import's thread then neither copies nor converts them, SQLite takes the bytes as they are.
   */
  | { readonly batch: readonly PreparedArticle[]; readonly texts: ArrayBuffer; readonly ends: readonly number[] }
  | { readonly end: true }
  | { readonly failure: { readonly reason: string; readonly line: number | undefined } };

/** A file for the reader to read: posted to it, which reads one file after another. */
export interface ReadAheadJob {
  readonly file: string;
  readonly options: ReadOptions;
  readonly port: MessagePort;
  readonly counters: Int32Array;
}

const WORKER = new URL('./read-ahead-worker.js', import.meta.url);

/**
 * A reader done with its last file, kept for the next: it starts at once, its code already
 * compiled (a folder of big files, or the next import in this thread).
 */
let idle: Worker | undefined;

function reader(): Worker {
  const worker = idle ?? new Worker(WORKER);
  if (worker !== idle) {
    // Kept for the next file, a reader must not keep the process alive.
    worker.unref();
    worker.once('exit', () => {
      if (idle === worker) idle = undefined;
    });
  }
  idle = undefined;
  return worker;
}

/** Whether `file`, of `size` bytes, is worth reading ahead: a big file of records. */
export function readsAhead(file: string, size: number): boolean {
  return size >= READ_AHEAD_BYTES && RECORD_EXTENSIONS.includes(extname(file).toLowerCase());
}

/** The articles of a JSON Lines, JSON or CSV file, ready to store, read on another thread. */
export function readAhead(file: string, options: ReadOptions): OpenedFile<PreparedArticle> {
  const reader = new Reader(file, options);
  try {
    const first = reader.next();
    if (!('encoding' in first)) throw new HamishError('io', `${file}: the reader began with no encoding`);
    return { encoding: first.encoding, articles: reader.articles() };
  } catch (error) {
    reader.stop();
    throw error;
  }
}

class Reader {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counters = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));

  constructor(file: string, options: ReadOptions) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const job: ReadAheadJob = { file, options, port: port2, counters: this.counters };
    this.worker = reader();
    this.worker.postMessage(job, [port2]);
  }

  /** The reader's next message, waiting for it if it has not come. */
  next(): ReadAheadMessage {
    for (;;) {
      const sent = Atomics.load(this.counters, SENT);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        Atomics.add(this.counters, TAKEN, 1);
        Atomics.notify(this.counters, TAKEN);
        const message = received.message as ReadAheadMessage;
        if ('failure' in message) {
          const { reason, line } = message.failure;
          throw line === undefined ? new HamishError('invalid_input', reason) : new BadInput(reason, line);
        }
        return message;
      }
      // Woken when the reader posts again: it counts after posting, so a message counted is there.
      Atomics.wait(this.counters, SENT, sent);
    }
  }

  /** The articles as they come; the reader is stopped when they end or are abandoned (a failure, a cancel). */
  *articles(): Generator<PreparedArticle, void, undefined> {
    try {
      for (let message = this.next(); !('end' in message); message = this.next()) {
        if (!('batch' in message)) continue;
        const texts = Buffer.from(message.texts);
        let start = 0;
        for (const [i, read] of message.batch.entries()) {
          const [textEnd, foldedEnd] = [message.ends[2 * i]!, message.ends[2 * i + 1]!];
          const text = texts.subarray(start, textEnd);
          yield { ...read, row: { ...read.row, text, searched: { title: read.row.searched.title, text: texts.subarray(textEnd, foldedEnd) } } };
          start = foldedEnd;
        }
      }
    } finally {
      this.stop();
    }
  }

  stop(): void {
    Atomics.store(this.counters, STOP, 1);
    // A reader waiting for room waits for TAKEN to change: it changes, and it sees STOP.
    Atomics.add(this.counters, TAKEN, 1);
    Atomics.notify(this.counters, TAKEN);
    this.port.close();
    // Told to stop, the reader is soon free for the next file (its messages wait their turn).
    if (idle === undefined) idle = this.worker;
    else void this.worker.terminate();
  }
}
