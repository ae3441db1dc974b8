/**
 * Chromium (test/support/chromium.ts) driven by Playwright, and the few gestures the UI tests make on an article the
 * way a person would: find a word on screen, drag the mouse over it, press keys.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { join as joinPath } from 'node:path';
import { testChromium } from './chromium.ts';
import { PROJECT_ROOT, startServe, tempDir, type RunningServe, type SubprocessUser } from './hamish.ts';

export function launchChromium(): Promise<Browser> {
  const { executablePath, env } = testChromium();
  return chromium.launch({
    executablePath,
    env: { ...process.env, ...env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

/** The app in web mode on its own library, open in a Chromium page, as the UI tests use it. */
export interface OpenApp {
  readonly db: string;
  readonly server: RunningServe;
  readonly browser: Browser;
  readonly page: Page;
  /** Errors the page logged or threw: a test that cares asserts there are none. */
  readonly problems: string[];
  close(): Promise<void>;
}

/**
 * Serves `db` (a new library in a temp folder unless given), opens it in Chromium and waits for
 * `document` (or the first one) to be painted. `unnamed`: served without an annotator's name, so
 * the app first asks for one and paints nothing until it has it. `tmp`: the server's temporary
 * folder (TMPDIR). `user`: whom the server runs as (root only).
 */
export async function openApp(
  options: { db?: string; document?: string; unnamed?: boolean; tmp?: string; user?: SubprocessUser | undefined } = {},
): Promise<OpenApp> {
  const db = options.db ?? joinPath(tempDir(), 'hamish.sqlite');
  const server = await startServe(db, [], { unnamed: options.unnamed ?? false, env: options.tmp ? { TMPDIR: options.tmp } : {}, user: options.user });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(server.url);
  if (options.document) await page.goto(`${server.origin}/#/doc/${encodeURIComponent(options.document)}`);
  if (!options.unnamed) await waitForArticle(page, options.document);
  return {
    db,
    server,
    browser,
    page,
    problems,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Where tests leave screenshots for people to look at. */
export const SCREENSHOTS = join(PROJECT_ROOT, 'test-results');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Waits until the open article (optionally a given one) has its highlights and its font. */
export async function waitForArticle(page: Page, documentId?: string): Promise<void> {
  const selector = documentId ? `html[data-painted-document="${documentId}"]` : 'html[data-painted-document]';
  await page.waitForSelector(selector, { state: 'attached' });
  // Word positions move when the bundled font replaces the fallback; gestures wait for it.
  await page.evaluate(() => document.fonts.load('21px "Noto Naskh Arabic"', 'ع'));
}

export interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Finds the n-th occurrence of `text` in the article, scrolls it into view and returns the boxes
 * of three stretches of it: the whole (its first line box if it wraps), its first letter and its
 * last letter. Arabic reads right to left: the first letter is the rightmost.
 */
async function occurrence(page: Page, text: string, nth: number): Promise<{ whole: Box; first: Box; last: Box }> {
  const found = await page.evaluate(
    ([text, nth]) => {
      const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (let at = node.data.indexOf(text); at !== -1; at = node.data.indexOf(text, at + 1)) {
          if (seen++ < nth) continue;
          node.parentElement!.scrollIntoView({ block: 'center' });
          // A paragraph taller than the window (a very long line) may still hide the word.
          const word = new Range();
          word.setStart(node, at);
          word.setEnd(node, at + text.length);
          const view = node.parentElement!.closest('.article-scroller')!.getBoundingClientRect();
          const { top, bottom } = word.getBoundingClientRect();
          if (top < view.top || bottom > view.bottom) {
            node.parentElement!.closest('.article-scroller')!.scrollTop += top - (view.top + view.height / 2);
          }
          const box = (from: number, to: number) => {
            const range = new Range();
            range.setStart(node, from);
            range.setEnd(node, to);
            const rect = range.getClientRects()[0]!;
            return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
          };
          const end = at + text.length;
          return { whole: box(at, end), first: box(at, at + 1), last: box(end - 1, end) };
        }
      }
      return null;
    },
    [text, nth] as const,
  );
  if (!found) throw new Error(`"${text}" (occurrence ${nth}) is not in the article`);
  return found;
}

/** The on-screen box of the n-th occurrence of `text` in the article (first line box if it wraps). */
export async function boxOf(page: Page, text: string, nth = 0): Promise<Box> {
  return (await occurrence(page, text, nth)).whole;
}

/**
 * Drags the mouse across `from`..`to` (texts in the article, right to left as Arabic reads, or
 * backwards), starting and ending a quarter of the way into the words, as a hurried hand would.
 */
export async function drag(
  page: Page,
  from: Box,
  to: Box,
  direction: 'reading' | 'backwards' = 'reading',
): Promise<void> {
  const start = { x: from.right - (from.right - from.left) / 4, y: (from.top + from.bottom) / 2 };
  const end = { x: to.left + (to.right - to.left) / 4, y: (to.top + to.bottom) / 2 };
  const [a, b] = direction === 'reading' ? [start, end] : [end, start];
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** The line box holding the first occurrence of `text` in the article, and the line after it in its paragraph. */
export async function lineBoxes(page: Page, text: string): Promise<{ hovered: Box; next: Box }> {
  const lines = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode() as Text | null;
    while (node && !node.data.includes(text)) node = walker.nextNode() as Text | null;
    if (!node) return null;
    const word = new Range();
    word.setStart(node, node.data.indexOf(text));
    word.setEnd(node, node.data.indexOf(text) + text.length);
    const y = (word.getBoundingClientRect().top + word.getBoundingClientRect().bottom) / 2;
    const whole = new Range();
    whole.selectNodeContents(node);
    const rects = [...whole.getClientRects()].filter((r) => r.width > 0);
    const at = rects.findIndex((r) => r.top <= y && y <= r.bottom);
    const next = rects.slice(at + 1).find((r) => r.top > rects[at]!.bottom - 1);
    const box = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    return at === -1 || !next ? null : { hovered: box(rects[at]!), next: box(next) };
  }, text);
  if (!lines) throw new Error(`"${text}" is not on a line with another after it in its paragraph`);
  return lines;
}

/** Whether an element's box (as Playwright measures it) overlaps a box on screen. */
export function overlaps(element: { x: number; y: number; width: number; height: number }, box: Box): boolean {
  return element.y < box.bottom && box.top < element.y + element.height && element.x < box.right && box.left < element.x + element.width;
}

/** The first and last letters of the n-th occurrence of `text`, for a drag over exact letters. */
export async function letterBoxes(page: Page, text: string, nth = 0): Promise<{ first: Box; last: Box }> {
  const { first, last } = await occurrence(page, text, nth);
  return { first, last };
}

/** Drags from the start of the first letter to the end of the last, right to left. */
export async function dragLetters(page: Page, { first, last }: { first: Box; last: Box }): Promise<void> {
  const y = (first.top + first.bottom) / 2;
  await page.mouse.move(first.right - 1, y);
  await page.mouse.down();
  await page.mouse.move(last.left + 1, (last.top + last.bottom) / 2, { steps: 8 });
  await page.mouse.up();
}

/** The editor's highlights: each label's (an entity's at every nesting depth), and the selected span's. */
const EDITOR_HIGHLIGHTS: Readonly<Record<string, readonly string[]>> = {
  claim: ['claim'],
  ...Object.fromEntries(['actor', 'location', 'date'].map((label) => [label, [label, `${label}-in-1`, `${label}-in-2`]])),
  selected: ['selected'],
};

/**
 * The texts the highlights currently paint, read from the CSS highlight registry: for each key,
 * the ranges of its highlights together, sorted.
 */
export function paintedTexts(
  page: Page,
  highlights: Readonly<Record<string, readonly string[]>> = EDITOR_HIGHLIGHTS,
): Promise<Record<string, string[]>> {
  return page.evaluate((highlights) => {
    // The editor's spans are StaticRanges (layout.ts paintRange), which have no text of their own.
    const textOf = (r: AbstractRange) => {
      const live = new Range();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    };
    const painted: Record<string, string[]> = {};
    for (const [key, names] of Object.entries(highlights)) {
      painted[key] = names.flatMap((name) => [...(CSS.highlights.get(`hamish-${name}`) ?? [])].map(textOf)).sort();
    }
    return painted;
  }, highlights);
}

/**
 * Waits until the highlights `names` (by default the label's or the one named `key`) paint
 * exactly `texts` together (changes may wait for a save).
 */
export async function waitForPainted(
  page: Page,
  key: string,
  texts: readonly string[],
  names: readonly string[] = EDITOR_HIGHLIGHTS[key] ?? [key],
): Promise<void> {
  const expected = JSON.stringify([...texts].sort());
  const until = performance.now() + 5000;
  for (;;) {
    const painted = (await paintedTexts(page, { [key]: names }))[key];
    if (JSON.stringify(painted) === expected) return;
    if (performance.now() > until) throw new Error(`${key} should paint ${expected}, paints ${JSON.stringify(painted)}`);
    await page.waitForTimeout(20);
  }
}

/** Waits until every change the UI made is in the database. */
/**
 * Waits until the page says "Saved" and the panels beside the article show that state too: the
 * indicator is told at once, the span list and the rest in a transition after it.
 */
export async function waitForSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const said = document.querySelector('[data-save-state="saved"]');
    const shown = document.querySelector('[data-shown-saves]');
    return said !== null && (shown === null || shown.getAttribute('data-shown-saves') === said.getAttribute('data-saves'));
  });
}

/** Waits for the review of `documentId` to be painted, every decision acknowledged. */
export async function waitForReview(page: Page, documentId: string): Promise<void> {
  await waitForSaved(page);
  await page.waitForSelector(`html[data-painted-review^="${documentId}:"]`, { state: 'attached' });
}

/** Share of the pixels in `box` whose colour is within `tolerance` of `rgb`. */
export async function colourShare(page: Page, box: Box, rgb: readonly [number, number, number], tolerance = 12) {
  const png = PNG.sync.read(
    await page.screenshot({
      clip: { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top },
    }),
  );
  let matching = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const near = [0, 1, 2].every((c) => Math.abs(png.data[i + c]! - rgb[c]!) <= tolerance);
    if (near) matching++;
  }
  return matching / (png.width * png.height);
}

/** Waits until `condition` holds (checked every 20 ms, for up to 10 s), else fails with `why()`. */
export async function waitFor(condition: () => boolean, why: () => string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); ) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((resume) => setTimeout(resume, 20));
  }
}

/**
 * Tags `word` as a location while the library cannot take it (its write lock held elsewhere):
 * waits until the page says the change is not saved, and returns what it says.
 */
export async function tagUnsaved(page: Page, word: string): Promise<string> {
  const box = await boxOf(page, word);
  await drag(page, box, box);
  await page.keyboard.press('Digit3');
  // The save waits out SQLite's busy timeout (5 s), then fails.
  const failed = page.locator('[data-save-state="failed"]');
  await failed.waitFor({ timeout: 15_000 });
  return (await failed.textContent())!;
}
