/**
 * `npm run bench:open`: opening the app on a document as the analyst does, a new page load on
 * #/doc/ID in headless Chromium, from navigation start until every highlight is painted, against a
 * page of the same text as plain <p dir="rtl"> elements loaded the same way, alternating, medians
 * of LOAD_RUNS: at 5,000 characters / 48 spans and at 200,000 / 2,000 (bench:editor's article).
 *
 * "Painted" is when the first frame that shows the text with every span's highlight as the app
 * paints them was presented on screen (Chromium's first-contentful-paint): the page's first paint
 * (renderer/src/first-paint.ts, the same elements and highlights; test/ui/first-paint.test.ts
 * checks the pixels are the app's) puts all of them in the page's first frame with text, and the
 * plain page its whole text. A load without a first paint fails the bench. Each load also says when
 * that frame was committed (the task after its animation frame, before raster: a font still coming
 * then leaves the text invisible), when the app itself had painted the document (its editor ready
 * for keys), when the page's HTML had arrived, and when the app's code had.
 * Writes bench-results/open.json and prints it.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { launchChromium, waitForArticle } from '../support/browser.ts';
import { startServe, tempDir } from '../support/hamish.ts';
import { longArticle, nestedSpans, newsArticle, NEWS_CLAIMS } from './article.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const LONG = 'long-article';
/** A news-length article (article.ts). */
const MEDIUM = 'medium-article';
/** Runs, each the app then the plain page. */
const LOAD_RUNS = Number(process.env.BENCH_RUNS ?? 5);

const round = (n: number) => Math.round(n * 100) / 100;

/** One load of the app, times from navigation start. */
interface AppLoad {
  /** The first paint's frame committed: the task after its animation frame. */
  readonly committed: number;
  /** The app's editor had painted the document, and that frame committed. */
  readonly app: number;
  /**
   * The first frame with text presented on screen (first-contentful-paint): the first paint's,
   * holding the document's text and every highlight.
   */
  readonly contentful: number;
  /** The page's HTML (with the first screen's answers) received. */
  readonly html: number;
  /** The app's code (main-*.js) received. */
  readonly appCode: number;
}

/**
 * In every page: `window.loaded`, resolving once the page is painted. The plain page once parsed;
 * the app once the document of its #/doc/ID address is painted: by the page's first paint
 * (data-first-painted-document) and by the app's editor (data-painted-document). Each committed
 * time is taken in the task after the frame's animation frame.
 */
const LOADED = `window.loaded = new Promise((done, fail) => {
  const shown = (then) => requestAnimationFrame(() => setTimeout(() => then(performance.now()), 0));
  // When the first frame with text was on screen (its presentation, not its commit).
  const contentful = new Promise((found) => new PerformanceObserver((entries, observer) => {
    const entry = entries.getEntriesByName('first-contentful-paint')[0];
    if (!entry) return;
    observer.disconnect();
    found(entry.startTime);
  }).observe({ type: 'paint', buffered: true }));
  if (location.pathname.endsWith('/plain-baseline.html')) {
    document.addEventListener('DOMContentLoaded', () => shown(async (committed) => done({ committed, contentful: await contentful })), { once: true });
    return;
  }
  const id = decodeURIComponent(location.hash.slice('#/doc/'.length));
  let first = null;
  const observer = new MutationObserver(() => {
    const painted = document.documentElement.dataset;
    if (first === null && painted.firstPaintedDocument === id) first = new Promise(shown);
    if (painted.paintedDocument !== id) return;
    observer.disconnect();
    shown(async (app) => {
      if (first === null) return fail(new Error('no first paint of ' + id + ': the first frame with text would not be the one with its highlights'));
      const resource = (pattern) => performance.getEntriesByType('resource').find((e) => pattern.test(e.name))?.responseEnd ?? NaN;
      done({
        committed: await first,
        app,
        contentful: await contentful,
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        appCode: resource(/\\/assets\\/main-[^/]*\\.js$/),
      });
    });
  });
  // The root element does not exist yet when this runs: the document is watched instead.
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-first-painted-document', 'data-painted-document'] });
});`;

/** One load of the plain page: parsed and that frame committed; its text presented. */
interface PlainLoad {
  readonly committed: number;
  readonly contentful: number;
}

interface Loads {
  readonly app: AppLoad[];
  readonly plain: PlainLoad[];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The plain page of `text`, served over loopback as the app's page is (routing in Playwright would turn off the browser's cache for the app's loads too). */
async function servePlain(text: string): Promise<{ url: string; close: () => Promise<void> }> {
  const html = `<!doctype html><html lang="ar"><meta charset="utf-8"><title>plain</title><body>${text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `<p dir="rtl">${escapeHtml(line)}</p>`)
    .join('')}</body></html>`;
  const server = createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/plain-baseline.html`, close: () => new Promise((closed) => server.close(() => closed())) };
}

/** LOAD_RUNS new page loads of the app on `id`, each followed by one of the plain page of `text`. */
async function appLoads(page: Page, origin: string, id: string, text: string): Promise<Loads> {
  const plainPage = await servePlain(text);
  const load = async <T>(url: string): Promise<T> => {
    await page.goto('about:blank');
    await page.goto(url);
    return page.evaluate(() => (window as unknown as { loaded: Promise<T> }).loaded);
  };
  const app: AppLoad[] = [];
  const plain: PlainLoad[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    app.push(await load<AppLoad>(`${origin}/#/doc/${encodeURIComponent(id)}`));
    plain.push(await load<PlainLoad>(plainPage.url));
    process.stderr.write(`${id} ${run + 1} `);
  }
  await plainPage.close();
  return { app, plain };
}

function figures({ app, plain }: Loads) {
  const ms = <T>(loads: T[], pick: (load: T) => number) => round(median(loads.map(pick)));
  const ratio = (a: number, b: number) => round(a / b);
  const painted = ms(app, (a) => a.contentful);
  const plainPainted = ms(plain, (p) => p.contentful);
  const committed = ms(app, (a) => a.committed);
  const plainCommitted = ms(plain, (p) => p.committed);
  return {
    paintedMs: painted,
    plainMs: plainPainted,
    ratio: ratio(painted, plainPainted),
    ratioMedianOfRuns: round(median(app.map((a, r) => a.contentful / plain[r]!.contentful))),
    committedMs: committed,
    plainCommittedMs: plainCommitted,
    committedRatio: ratio(committed, plainCommitted),
    appPaintedMs: ms(app, (a) => a.app),
    appPaintedRatio: ratio(ms(app, (a) => a.app), plainCommitted),
    htmlReceivedMs: ms(app, (a) => a.html),
    appCodeReceivedMs: ms(app, (a) => a.appCode),
    samples: {
      painted: app.map((a) => round(a.contentful)),
      plain: plain.map((p) => round(p.contentful)),
      committed: app.map((a) => round(a.committed)),
      plainCommitted: plain.map((p) => round(p.committed)),
      appPainted: app.map((a) => round(a.app)),
    },
  };
}

async function main(): Promise<void> {
  const db = join(tempDir(), 'bench.sqlite');
  const text = longArticle();
  const spans = nestedSpans(text);
  const medium = newsArticle(text);
  const mediumSpans = nestedSpans(medium, NEWS_CLAIMS);
  const folder = tempDir();
  writeFileSync(join(folder, `${LONG}.txt`), text);
  writeFileSync(join(folder, `${MEDIUM}.txt`), medium);
  const hamish = openHamish({ database: db, seed: false, annotator: 'bench' });
  dispatch(hamish.handlers, 'importFiles', { paths: [folder] });
  connectionOf(hamish).transaction(() => {
    for (const span of spans) dispatch(hamish.handlers, 'createSpan', { documentId: LONG, ...span });
    for (const span of mediumSpans) dispatch(hamish.handlers, 'createSpan', { documentId: MEDIUM, ...span });
  })();
  hamish.close();

  const server = await startServe(db, ['--annotator', 'bench']);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // The cookie, then a first load of each so that the server embeds the document asked for.
  await page.goto(server.url);
  await page.addInitScript(LOADED);
  const loads: Record<string, Loads> = {};
  for (const [id, body] of [
    [MEDIUM, medium],
    [LONG, text],
  ] as const) {
    // A new page load: from the app's own address only the hash would change, and nothing load.
    await page.goto('about:blank');
    await page.goto(`${server.origin}/#/doc/${encodeURIComponent(id)}`);
    await waitForArticle(page, id);
    loads[id] = await appLoads(page, server.origin, id, body);
  }
  await browser.close();
  await server.stop();

  writeBenchResult('open', {
    benchmark: 'open',
    date: new Date().toISOString(),
    about:
      'a new page load on #/doc/ID: navigation start → the first frame with text presented (first-contentful-paint; the first paint\'s, holding every highlight), against plain <p dir="rtl"> text loaded the same way, alternating; medians',
    runs: LOAD_RUNS,
    medium: { characters: medium.length, spans: mediumSpans.length, ...figures(loads[MEDIUM]!) },
    long: { characters: text.length, spans: spans.length, ...figures(loads[LONG]!) },
    targets: { mediumRatio: 1.5, longRatio: 1.3 },
  });
}

await main();
