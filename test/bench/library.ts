/**
 * `npm run bench:library [-- --docs N]`: the app on a library of 100,000 documents (N), in headless
 * Chromium, against a library of 100 in the same run.
 *
 * Both are seeded through the core's import from articles made from the samples, with 10 spans a
 * document (1,000,000 spans at 100,000). Measured, as medians over several runs, alternating the
 * two libraries:
 *  (a) opening the app on a document (a fresh page load) until its highlights are painted;
 *  (b) Alt+↓ until the next document is painted;
 *  (c) in the core: listDocuments, the list's first page (libraryPage); the import job's catch-up
 *      of the corpus words and short lines after the import (keepUpWithImport), then knownWords
 *      the first time after it and in a new process;
 *  (d) search: libraryPage for each prefix of a word typed (in the core: just opened, the same
 *      again, and with the first letters read ahead), and in the page a key typed into the search box until the list says how
 *      many match.
 * Writes bench-results/library.json and prints it.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { LIBRARY_PAGE_SIZE } from '../../electron/contract/first-screen.ts';
import { openDatabase } from '../../electron/core/database.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { keepUpWithImport } from '../../electron/core/import/import-files.ts';
import { LibraryPages } from '../../electron/core/library-page.ts';
import { launchChromium, waitForArticle } from '../support/browser.ts';
import { startServe, tempDir, type RunningServe } from '../support/hamish.ts';
import { addSpans, seedLibrary } from '../support/library.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';

const docsAt = process.argv.indexOf('--docs');
const LARGE = docsAt === -1 ? 100_000 : Number(process.argv[docsAt + 1]);
const SMALL = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SPANS_PER_DOCUMENT = 10;
/** Opened in both libraries: ids sort as text, so article-10's next is article-100 in both. */
const OPENED = 'article-10';
const NEXT = 'article-100';

const round = (n: number) => Math.round(n * 10) / 10;
/** Typed into the search one letter at a time: a word in the sample texts, then a title's. */
const TYPED = ['بغداد', 'رويترز'];
const prefixes = (word: string) => [...word].map((_, i) => [...word].slice(0, i + 1).join(''));
const SEARCHED_PER_RUN = TYPED.flatMap(prefixes).length;

function timed<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

/** A seeded library, and what the core takes on it. */
function library(count: number) {
  const file = join(tempDir(), `library-${count}.sqlite`);
  const seeding = timed(() => {
    const report = seedLibrary(file, count);
    addSpans(file, SPANS_PER_DOCUMENT);
    return report;
  });
  // As the import job goes on to do once the documents are in (no write lock held while it reads).
  const { db } = openDatabase(file);
  const keepUp = timed(() => keepUpWithImport(db, seeding.value)).ms;
  db.close();
  const core = <T>(measure: (call: (operation: string, input: unknown) => unknown) => T) => {
    const hamish = openHamish({ database: file, seed: false, annotator: 'bench' });
    try {
      return measure((operation, input) => dispatch(hamish.handlers, operation, input));
    } finally {
      hamish.close();
    }
  };
  const words = { words: ['رويترز', 'بغداد', 'دمشق'] };
  const knownWordsAfterImport = core((call) => timed(() => call('knownWords', words)).ms);
  const knownWordsNewProcess = core((call) => timed(() => call('knownWords', words)).ms);
  const list = core((call) => median(Array.from({ length: RUNS }, () => timed(() => call('listDocuments', {})).ms)));
  const page = (query: string) => ({ query, from: { offset: 0 }, limit: LIBRARY_PAGE_SIZE });
  const firstPage = core((call) => median(Array.from({ length: RUNS }, () => timed(() => call('libraryPage', page(''))).ms)));
  // Each prefix as a keystroke asks it, in a core just opened (its matches read from the index),
  // then the same again (its matches kept); the median over every keystroke of every run.
  const passes = Array.from({ length: RUNS }, () =>
    core((call) => [0, 1].map(() => TYPED.flatMap(prefixes).map((query) => timed(() => call('libraryPage', page(query))).ms))),
  );
  const searchOf = (times: number[]) => ({ median: median(times), slowest: Math.max(...times) });
  const search = { first: searchOf(passes.flatMap(([first]) => first!)), again: searchOf(passes.flatMap(([, again]) => again!)) };
  return { file, count, seedingSeconds: seeding.ms / 1000, keepUp, knownWordsAfterImport, knownWordsNewProcess, list, firstPage, search };
}

/** The same keystrokes once the first letters are read ahead (as after the app's first page), and that reading. */
async function searchReadAhead(file: string): Promise<{ readMs: number; median: number; slowest: number }> {
  const { db } = openDatabase(file);
  try {
    const reads: number[] = [];
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const pages = new LibraryPages(db);
      const started = performance.now();
      await pages.readLetters();
      reads.push(performance.now() - started);
      times.push(...TYPED.flatMap(prefixes).map((query) => timed(() => pages.page('bench', { query, from: { offset: 0 }, limit: LIBRARY_PAGE_SIZE })).ms));
      pages.close();
    }
    return { readMs: median(reads), median: median(times), slowest: Math.max(...times) };
  } finally {
    db.close();
  }
}

/** A fresh load of the app on `OPENED`, until painted. */
async function openTime(page: Page, server: RunningServe): Promise<number> {
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(`${server.origin}/#/doc/${OPENED}`);
  await waitForArticle(page, OPENED);
  return performance.now() - started;
}

/** Alt+↓ from `OPENED` until the next document is painted. */
async function nextTime(page: Page): Promise<number> {
  await page.waitForTimeout(300); // a steady state, as when an analyst presses the key
  const started = performance.now();
  await page.keyboard.press('Alt+ArrowDown');
  await waitForArticle(page, NEXT);
  const ms = performance.now() - started;
  await page.keyboard.press('Alt+ArrowUp');
  await waitForArticle(page, OPENED);
  return ms;
}

/** Each letter of the words typed into the search box, until the list shows what matches it. */
async function searchTimes(page: Page): Promise<number[]> {
  const box = page.getByRole('searchbox', { name: 'Search the library' });
  const answered = (query: string) => page.waitForFunction((query) => document.querySelector('nav.library')?.getAttribute('data-query') === query, query);
  const times: number[] = [];
  for (const word of TYPED) {
    await box.fill('');
    await answered('');
    for (const typed of prefixes(word)) {
      const started = performance.now();
      await page.keyboard.type(typed.at(-1)!);
      await answered(typed);
      times.push(performance.now() - started);
    }
  }
  await box.fill('');
  return times;
}

async function main(): Promise<void> {
  const withReadAhead = async (core: ReturnType<typeof library>) => ({ ...core, readAhead: await searchReadAhead(core.file) });
  const small = await withReadAhead(library(SMALL));
  const large = await withReadAhead(library(LARGE));
  const browser = await launchChromium();
  const apps = await Promise.all(
    [small, large].map(async ({ file }) => {
      const server = await startServe(file);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(server.url); // the token cookie
      await waitForArticle(page);
      return { server, page, open: [] as number[], next: [] as number[], search: [] as number[], domEntries: 0 };
    }),
  );
  for (let run = 0; run < RUNS; run++) {
    process.stderr.write(`run ${run + 1}/${RUNS}\n`);
    for (const app of apps) {
      app.open.push(await openTime(app.page, app.server));
      app.next.push(await nextTime(app.page));
      app.search.push(...(await searchTimes(app.page)));
    }
  }
  for (const app of apps) app.domEntries = await app.page.locator('.library-item').count();
  await browser.close();
  await Promise.all(apps.map((app) => app.server.stop()));

  const [s, l] = apps as [(typeof apps)[0], (typeof apps)[0]];
  const describe = (core: typeof small, app: typeof s) => ({
    documents: core.count,
    spans: core.count * SPANS_PER_DOCUMENT,
    seedingSeconds: round(core.seedingSeconds),
    openAppMs: round(median(app.open)),
    nextDocumentMs: round(median(app.next)),
    libraryEntriesInTheDom: app.domEntries,
    listDocumentsMs: round(core.list),
    firstListPageMs: round(core.firstPage),
    searchPerKeystrokeInCoreMs: round(core.search.first.median),
    searchPerKeystrokeInCoreSlowestMs: round(core.search.first.slowest),
    firstLettersReadAheadMs: round(core.readAhead.readMs),
    searchReadAheadPerKeystrokeInCoreMs: round(core.readAhead.median),
    searchReadAheadPerKeystrokeInCoreSlowestMs: round(core.readAhead.slowest),
    searchAgainPerKeystrokeInCoreMs: round(core.search.again.median),
    searchAgainPerKeystrokeInCoreSlowestMs: round(core.search.again.slowest),
    // The first run's words are new to the server (its first letters read ahead after the first
    // page, if the library is large); later runs type them again (matches kept).
    searchKeyToListInPageFirstRunMs: round(median(app.search.slice(0, SEARCHED_PER_RUN))),
    searchKeyToListInPageMs: round(median(app.search)),
    importJobCatchUpMs: round(core.keepUp),
    knownWordsFirstAfterImportMs: round(core.knownWordsAfterImport),
    knownWordsNewProcessMs: round(core.knownWordsNewProcess),
  });
  const result = {
    benchmark: 'library',
    date: new Date().toISOString(),
    runs: RUNS,
    small: describe(small, s),
    large: describe(large, l),
    openRatioLargeToSmall: round(median(l.open) / median(s.open)),
    nextRatioLargeToSmall: round(median(l.next) / median(s.next)),
    searchInPageRatioLargeToSmall: round(median(l.search) / median(s.search)),
    samples: { small: { open: s.open.map(round), next: s.next.map(round) }, large: { open: l.open.map(round), next: l.next.map(round) } },
  };
  writeBenchResult('library', result);
}

await main();
