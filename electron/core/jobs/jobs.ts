/**
 * The core's long operations, each in a worker thread of its own (worker.ts) so that the thread
 * that answers calls (Electron main, the web server) keeps answering, and saving the analyst's
 * tags, meanwhile. Jobs that write the library take turns: one holds the write lock at a time.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Output } from '../../contract/contract.ts';
import { errorOf, HamishError } from '../../contract/errors.ts';
import type { JobEvent, JobOperation, JobOptions } from '../../contract/jobs.ts';
import type { JobRunner } from '../../contract/dispatch.ts';
import type { JobInput } from './run.ts';
import type { WorkerData } from './worker.ts';

const WORKER = new URL('./worker.js', import.meta.url);

const WRITES: ReadonlySet<JobOperation> = new Set(['importFiles', 'restoreLibrary']);

export class Jobs implements JobRunner {
  private readonly library: string;
  private readonly annotator: () => string;
  private readonly running = new Set<Worker>();
  /** Settles when the writing job before the next one has ended. */
  private turn: Promise<void> = Promise.resolve();
  private writer: string | undefined;

  constructor(library: string, annotator: () => string) {
    this.library = library;
    this.annotator = annotator;
  }

  /** Runs `operation` (its input parsed already, contract/dispatch.ts) in a worker to its end. */
  run<O extends JobOperation>(operation: O, input: JobInput<O>, options: JobOptions<O> = {}): Promise<Output<O>> {
    // A worker opens the library by its path: a library in memory has none it could open.
    if (this.library === ':memory:') return Promise.reject(new HamishError('invalid_input', `${operation}: a library in memory runs no jobs; open one on disk`));
    if (options.signal?.aborted) return Promise.reject(cancelled(operation));
    if (!WRITES.has(operation)) return this.inWorker(operation, input, options);
    return this.inTurn(async () => {
      // Cancelled while it waited its turn.
      if (options.signal?.aborted) throw cancelled(operation);
      this.writer = describe(operation, input);
      try {
        return await this.inWorker(operation, input, options);
      } finally {
        this.writer = undefined;
      }
    });
  }

  /** What holds the library's write lock, if a job does ("the import of news.jsonl"): a save waiting for it says so. */
  get writing(): string | undefined {
    return this.writer;
  }

  /** Stops every job running: each keeps nothing of the step it was in. */
  stopAll(): Promise<void> {
    return Promise.all([...this.running].map((worker) => worker.terminate())).then(() => {});
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      return await work();
    } finally {
      release();
    }
  }

  private inWorker<O extends JobOperation>(operation: O, input: JobInput<O>, { onProgress, signal }: JobOptions<O>): Promise<Output<O>> {
    return new Promise((resolve, reject) => {
      const workerData: WorkerData = { operation, input, library: this.library, annotator: this.annotator() };
      const worker = new Worker(WORKER, { workerData });
      this.running.add(worker);
      const cancel = () => worker.postMessage('cancel');
      signal?.addEventListener('abort', cancel);
      let answer: { value: Output<O> } | { error: Error } | undefined;
      worker.on('message', (event: JobEvent<O>) => {
        if ('progress' in event) onProgress?.(event.progress);
        else if ('value' in event) answer = { value: event.value };
        else answer = { error: errorOf(event.error) };
      });
      worker.on('error', (error) => (answer = { error }));
      worker.on('exit', () => {
        this.running.delete(worker);
        signal?.removeEventListener('abort', cancel);
        if (answer === undefined) reject(new HamishError('io', `${operation}: stopped before it finished; nothing of the step it was in was kept`));
        else if ('error' in answer) reject(answer.error);
        else resolve(answer.value);
      });
    });
  }
}

function cancelled(operation: JobOperation): HamishError {
  return new HamishError('cancelled', `${operation}: cancelled before it started; nothing was changed`);
}

function describe<O extends JobOperation>(operation: O, input: JobInput<O>): string {
  if (operation === 'importFiles') {
    const { paths } = input as JobInput<'importFiles'>;
    return `the import of ${basename(paths[0]!)}${paths.length > 1 ? ` and ${paths.length - 1} more` : ''}`;
  }
  return `the restore of ${basename((input as JobInput<'restoreLibrary'>).file)}`;
}
