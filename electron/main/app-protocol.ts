/**
 * app://hamish/PATH is dist/renderer/PATH, under the same CSP as web mode; nothing outside it.
 * Apart from main.ts so that it runs, and is tested, without Electron: `fetchFile` is net.fetch.
 */
import { pathToFileURL } from 'node:url';
import { rendererFile } from '../web/renderer-files.ts';
import { CONTENT_SECURITY_POLICY } from '../web/csp.ts';

export const SCHEME = 'app';
export const ORIGIN = `${SCHEME}://hamish`;

export async function serveRenderer(request: Request, fetchFile: (url: string) => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  const file = url.host === 'hamish' ? rendererFile(url.pathname) : null;
  if (file === 'malformed') return new Response('bad request', { status: 400 });
  if (file === null) return new Response('not found', { status: 404 });
  let found: Response;
  try {
    found = await fetchFile(pathToFileURL(file).toString());
  } catch {
    return new Response('not found', { status: 404 });
  }
  const headers = new Headers(found.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(found.body, { status: found.status, headers });
}
