import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WRITER = fileURLToPath(new URL('./span-writer.js', import.meta.url));

export interface Writer {
  /** Ids of the spans whose save the writer had acknowledged (complete lines only). */
  acknowledged(): number[];
  stderr(): string;
  /** Resolves once the writer has acknowledged `count` spans (rejects if it exits first). */
  untilAcknowledged(count: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts span-writer.js on `db` as `annotator`; see that file. */
export function startWriter(db: string, annotator: string, options: { count?: number; document?: string } = {}): Writer {
  const args = ['--db', db, '--annotator', annotator];
  if (options.count !== undefined) args.push('--count', String(options.count));
  if (options.document !== undefined) args.push('--document', options.document);
  const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: { count: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  const complete = () => stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  const acknowledged = () => complete().split('\n').filter((line) => line !== '').map(Number);
  let lines = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    lines += chunk.split('\n').length - 1;
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i]!.count > lines) continue;
      waiting[i]!.resolve();
      waiting.splice(i, 1);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const wait of waiting.splice(0)) wait.reject(new Error(`the writer exited (${code ?? signal}) first:\n${stderr}`));
      resolve({ code, signal });
    }),
  );
  return {
    acknowledged,
    stderr: () => stderr,
    untilAcknowledged: (count) =>
      acknowledged().length >= count ? Promise.resolve() : new Promise((resolve, reject) => waiting.push({ count, resolve, reject })),
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}
