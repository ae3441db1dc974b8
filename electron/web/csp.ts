import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INLINE_HASHES_FILE, type InlineHashes } from './inline-hashes.ts';
import { rendererDir } from './renderer-files.ts';

/** The built page's inline script and stylesheet; none before the renderer is built (no page to serve). */
function inlineHashes(): InlineHashes {
  const file = join(rendererDir, INLINE_HASHES_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as InlineHashes) : { script: [], style: [] };
}

const { script, style } = inlineHashes();

/**
 * One policy for the desktop window and web mode: only the app's own files, and of inline code only
 * the page's own first script and stylesheet, each allowed by its hash; no other inline script or
 * style element, no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  ["script-src 'self'", ...script].join(' '),
  ["style-src 'self'", ...style].join(' '),
  // The article's font is inlined in the page's stylesheet (renderer/inline-page.ts).
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
