/**
 * A job's answer in web mode: JSON Lines, one JobTold message a line (contract/jobs.ts, the same
 * messages the desktop's IPC carries), written as the job goes. The first line sends the headers.
 */
import type { ServerResponse } from 'node:http';
import type { Reply } from '../contract/channels.ts';
import type { JobTold } from '../contract/jobs.ts';
import { CONTENT_SECURITY_POLICY } from '../web/csp.ts';

export interface JobLines<P, V> {
  progress(progress: P): void;
  /** The job's last line. */
  end(end: Reply<V>): void;
}

/** The lines of job `id` (numbered by the server: the page reads one job an answer). */
export function jobLines<P, V>(response: ServerResponse, id: number): JobLines<P, V> {
  const line = (told: JobTold<P, Reply<V>>) => {
    if (!response.headersSent) {
      response.writeHead(200, {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
    }
    response.write(JSON.stringify(told) + '\n');
  };
  return { progress: (progress) => line({ kind: 'progress', id, progress }), end: (end) => line({ kind: 'end', id, end }) };
}
