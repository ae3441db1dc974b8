import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { dispatch } from '../contract/dispatch.ts';
import { isWindowOperation } from '../contract/operations.ts';
import { HamishError, type ErrorCode } from '../contract/errors.ts';
import type { Hamish } from '../core/hamish.ts';
import { DOWNLOAD_PATH, Downloads } from './download.ts';
import { Imports } from './upload.ts';
import { rendererFile } from '../web/renderer-files.ts';
import { CONTENT_SECURITY_POLICY } from '../web/csp.ts';
import { removeStaleStaging } from './staging.ts';
import { LockWaits } from './lock-wait.ts';
import { LIBRARY_WAIT_PATH } from '../contract/library-wait.ts';
import { FirstScreen } from './first-screen.ts';
import { jobLines, type JobLines } from './job-lines.ts';
import type { ImportReport } from '../contract/contract.ts';
import type { CountProgress, ImportProgress } from '../contract/jobs.ts';
import type { DownloadReady } from '../contract/progress.ts';

export interface RunningServer {
  /** The address to open, with the token that admits the first request. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const COOKIE = 'hamish_token';
const MAX_BODY_MB = 64;
const MAX_BODY = MAX_BODY_MB * 1024 * 1024;

/** A body over MAX_BODY: the caller's mistake, but HTTP has its own status for it. */
class TooLarge extends HamishError {
  constructor() {
    super('invalid_input', `the request body is too large (over ${MAX_BODY_MB} MB)`);
  }
}

function statusOf(error: HamishError): number {
  return error instanceof TooLarge ? 413 : STATUS[error.code];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  unsupported_database: 409,
  io: 500,
  cancelled: 409,
};

/**
 * Web mode: the renderer and the contract over HTTP on 127.0.0.1, for machines without Electron
 * and for browser tests. The token (address.ts says where it comes from) admits the analyst's
 * browser; it is traded for an HttpOnly cookie on first load and dropped from the address bar.
 * `port` 0: any free one.
 */
export function startServer(
  hamish: Pick<Hamish, 'handlers' | 'jobs' | 'refuseWhenBusy'>,
  { port, token }: { readonly port: number; readonly token: string },
): Promise<RunningServer> {
  const { handlers, jobs } = hamish;
  removeStaleStaging();
  const downloads = new Downloads(jobs);
  /** The jobs this server answered, numbered: each answer's messages name theirs. */
  let lastJob = 0;
  const imports = new Imports(jobs);
  const firstScreen = new FirstScreen(handlers);
  const waits = new LockWaits(hamish, () => `${jobs.writing ?? 'another program'} is writing to the library`);
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error');
      console.error(error);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { port: boundPort } = server.address() as AddressInfo;
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${boundPort}`);
    if (!isLoopbackHost(request.headers.host, boundPort)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'forbidden: unexpected Host');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${boundPort}` && origin !== `http://localhost:${boundPort}`) {
      return send(response, 403, 'text/plain; charset=utf-8', 'forbidden: foreign Origin');
    }
    const offered = url.searchParams.get('token');
    if (offered !== null && sameSecret(offered, token) && request.method === 'GET') {
      url.searchParams.delete('token');
      response.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        // One leading slash: "//host/" would send the browser to another site.
        Location: url.pathname.replace(/^\/+/, '/') + url.search,
      });
      response.end();
      return;
    }
    if (!sameSecret(cookieOf(request, COOKIE) ?? '', token)) {
      return send(response, 401, 'text/plain; charset=utf-8', 'unauthorized: open the address Hamish printed, with its token');
    }
    if (url.pathname === DOWNLOAD_PATH) return startDownload(request, response);
    if (url.pathname.startsWith(`${DOWNLOAD_PATH}/`)) return download(url.pathname.slice(DOWNLOAD_PATH.length + 1), request, response);
    if (url.pathname === '/upload/import') return upload(request, response);
    if (url.pathname === LIBRARY_WAIT_PATH) {
      return request.method === 'GET' ? sendJson(response, 200, waits.status()) : send(response, 405, 'text/plain', 'use GET');
    }
    if (url.pathname.startsWith('/api/')) return api(url.pathname.slice('/api/'.length), request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'method not allowed');
    // Past the cookie check: only the analyst's browser gets the library's data in the page.
    return asset(url.pathname, response, (html) => firstScreen.embed(html));
  }

  async function api(operation: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'use POST');
    try {
      if (!isWindowOperation(operation)) {
        // Operations naming files are the CLI's; the page has /upload and /download instead.
        throw new HamishError('not_found', `no operation "${operation}" for the browser`);
      }
      const input = await readJson(request);
      const value = await waits.run(() => dispatch(handlers, operation, input));
      if (operation === 'openDocument') firstScreen.opened(input);
      sendJson(response, 200, { value });
    } catch (error) {
      if (!(error instanceof HamishError)) throw error;
      sendJson(response, statusOf(error), { error: { code: error.code, message: error.message } });
    }
  }

  /**
   * A file the analyst dropped or picked in the browser, imported as `importFiles` would. Once the
   * upload is in, the answer is JSON Lines: `{"progress": …}` as the import goes, then the
   * contract's `{"value": report}` or `{"error": …}`. Closing it cancels the import.
   */
  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'use POST');
    const told = jobLines<ImportProgress, ImportReport>(response, ++lastJob);
    try {
      told.end({ value: await imports.upload(request, told.progress, cancelledBy(response)) });
    } catch (error) {
      answerError(response, error, told);
    } finally {
      if (response.headersSent) response.end();
    }
  }

  /** Starts an export for the browser to download (download.ts says how), answering its progress. */
  async function startDownload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'use POST');
    const told = jobLines<CountProgress, DownloadReady>(response, ++lastJob);
    try {
      await downloads.start(await readJson(request), told, cancelledBy(response));
    } catch (error) {
      answerError(response, error, told);
    } finally {
      if (response.headersSent) response.end();
    }
  }

  /** A finished export, sent once. */
  async function download(id: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'use GET');
    const ready = downloads.take(id);
    if (!ready) return send(response, 404, 'text/plain; charset=utf-8', 'not found: this export was downloaded already, or has expired');
    try {
      response.writeHead(200, {
        'Content-Type': ready.type,
        'Content-Length': ready.size,
        // An ASCII name; filename* for clients that read RFC 5987 (the same name).
        'Content-Disposition': `attachment; filename="${ready.file}"; filename*=UTF-8''${encodeURIComponent(ready.file)}`,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      await pipeline(createReadStream(ready.path), response).catch(() => {});
    } finally {
      ready.done();
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: boundPort } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${boundPort}/?token=${token}`,
        port: boundPort,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }).then(() => {
            downloads.close();
            return jobs.stopAll();
          }),
      });
    });
  });
}

/** A file of the built renderer; the app's page (index.html) with `page` applied. */
async function asset(pathname: string, response: ServerResponse, page: (html: string) => string): Promise<void> {
  const file = rendererFile(pathname);
  if (file === 'malformed') return send(response, 400, 'text/plain', 'bad request: malformed path');
  if (file === null) return send(response, 404, 'text/plain', 'not found');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return send(response, 404, 'text/plain', 'not found');
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  if (file === rendererFile('/')) return send(response, 200, type, page(content.toString('utf8')));
  // Vite names each built asset by its contents: one fetched is good for as long as it is named.
  send(response, 200, type, content, pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store');
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store'): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cache,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** Aborts when the page goes away before the answer is complete: its Cancel. */
function cancelledBy(response: ServerResponse): AbortSignal {
  const cancelled = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) cancelled.abort();
  });
  return cancelled.signal;
}

/** A refusal: with its status before anything was sent, else as the last line. */
/** A job's refusal: its last line once its answer has begun, else the whole answer, with its status. */
function answerError(response: ServerResponse, error: unknown, told: JobLines<unknown, never>): void {
  if (!(error instanceof HamishError)) throw error;
  const value = { error: { code: error.code, message: error.message } };
  if (response.headersSent) told.end(value);
  else sendJson(response, statusOf(error), value);
}

/**
 * The body, up to MAX_BODY. Past that the rest is read and dropped, and the refusal comes once the
 * body has ended: answering sooner would close the connection under a client still sending, which
 * reaches it as a reset instead of the answer.
 */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => (size > MAX_BODY ? reject(new TooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

/** The request body as JSON; a body that is not JSON (or too large) is the caller's mistake. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request));
  } catch (error) {
    throw error instanceof HamishError ? error : new HamishError('invalid_input', 'the request body is not JSON');
  }
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === name) return value;
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
