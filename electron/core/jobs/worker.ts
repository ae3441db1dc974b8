/**
 * A worker thread running one job (run.ts): its events are posted as the job says them, and a
 * 'cancel' message stops it between steps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobEvent, JobOperation } from '../../contract/jobs.ts';
import { failureOf } from '../../contract/errors.ts';
import { storageError } from '../storage-errors.ts';
import { runJob, type JobInput } from './run.ts';

export interface WorkerData {
  readonly operation: JobOperation;
  readonly input: JobInput<JobOperation>;
  readonly library: string;
  readonly annotator: string;
}

const port = parentPort!;
const post = (event: JobEvent) => port.postMessage(event);
const { operation, input, library, annotator } = workerData as WorkerData;
const stop = new AbortController();
port.on('message', (message) => {
  if (message === 'cancel') stop.abort();
});

try {
  post({ value: await runJob(operation, input as never, { library, annotator, progress: (progress) => post({ progress }), signal: stop.signal }) });
} catch (error) {
  post({ error: failureOf(storageError(error)) });
}
// The port listens for a cancel; the job is over.
port.close();
