/**
 * A bare HTTP client for server tests: unlike fetch, it sends the path exactly as given (no
 * normalising of "..") and lets a test set any Host or Origin header.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json<T = unknown>(): T;
}

export interface HttpOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Sends one request to `origin` (http://127.0.0.1:PORT) for the raw `path`. */
export function request(origin: string, path: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Trades the token in `url` for the session cookie; returns the Cookie header to send. */
export async function login(url: string): Promise<string> {
  const { origin, pathname, search } = new URL(url);
  const response = await request(origin, pathname + search);
  const cookie = response.headers['set-cookie']?.[0];
  if (response.status !== 303 || !cookie) throw new Error(`login failed: ${response.status} ${response.body}`);
  return cookie.split(';')[0]!;
}

/** POSTs `input` as JSON to /api/OPERATION with the session cookie. */
export function callApi(origin: string, cookie: string, operation: string, input: unknown): Promise<HttpResponse> {
  return request(origin, `/api/${operation}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}
