/**
 * The one policy (electron/web/csp.ts) allows of inline code exactly the built page's first script
 * and stylesheet, each by its hash (test/ui/first-screen.test.ts checks in Chromium that the page's
 * own run and one added to it does not).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/csp.ts';
import { rendererDir } from '../../electron/web/renderer-files.ts';

const page = readFileSync(join(rendererDir, 'index.html'), 'utf8');

/** The text of each `tag` element in the built page that is code: no src, and not a JSON block. */
const inline = (tag: string) =>
  [...page.matchAll(new RegExp(`<${tag}([^>]*)>(.*?)</${tag}>`, 'gs'))].filter(([, attributes]) => !/\bsrc=|application\/json/.test(attributes!)).map(([, , text]) => text!);

const sources = (directive: string) =>
  CONTENT_SECURITY_POLICY.split('; ')
    .find((d) => d.startsWith(`${directive} `))!
    .split(' ')
    .slice(1);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the content security policy', () => {
  test('allows the page’s one inline script and one inline stylesheet by their hashes, besides the app’s own files', () => {
    const scripts = inline('script');
    const styles = inline('style');
    assert.equal(scripts.length, 1, 'the first script is inlined');
    assert.equal(styles.length, 1, 'the stylesheet is inlined');
    assert.deepEqual(sources('script-src'), ["'self'", sha256(scripts[0]!)]);
    assert.deepEqual(sources('style-src'), ["'self'", sha256(styles[0]!)]);
  });

  test('allows no other inline code, no eval, and nothing from elsewhere', () => {
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|\*|https?:/);
    assert.deepEqual(sources('default-src'), ["'self'"]);
    assert.deepEqual(sources('object-src'), ["'none'"]);
  });
});
