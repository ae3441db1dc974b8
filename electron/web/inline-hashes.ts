/**
 * The page's one inline script and one inline stylesheet (the first paint and its styles, inlined
 * so that the first frame waits for no second request), allowed by the policy by their hashes:
 * the renderer's build writes them beside index.html (renderer/inline-page.ts), csp.ts reads them.
 */
import { createHash } from 'node:crypto';

export const INLINE_HASHES_FILE = 'inline-hashes.json';

/** CSP source expressions, as `'sha256-…'`. */
export interface InlineHashes {
  readonly script: readonly string[];
  readonly style: readonly string[];
}

/** The CSP source expression that allows exactly this inline element's text. */
export const hashSource = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
