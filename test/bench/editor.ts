/**
 * `npm run bench:editor`: the editor on a long article, in headless Chromium.
 *
 * A 200,000-character article is made from the seed articles, with 2,000 nested spans (claims
 * holding entities). Measured, as medians over several runs in one browser:
 *  (a) opening it until every highlight is painted, and the ratio to showing the same text as plain
 *      <p dir="rtl"> elements (same fetch, no editor, no highlights);
 *  (b) a label key press until the new highlight is painted and the database has the span;
 *  (c) Delete on a selected span until it is unpainted and deleted in the database;
 *  (b), (c) also on a news-length article (5,000 characters, 48 spans);
 *  (d) the JS heap with the article open;
 *  (e) opening the app as the analyst does, a new page load: bench:open (open.ts);
 *  (f) opening the same article with a claim card on each of its 500 claims (source, location and
 *      date filled: 1,500 role links), against the spans-only open of (a), alternating;
 *  (g) with a card open there, Enter linking the armed via role until the role's highlight is
 *      painted (the frame after the key press).
 * Writes bench-results/editor.json and prints it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { launchChromium, waitForArticle, waitForSaved } from '../support/browser.ts';
import { startServe, tempDir } from '../support/hamish.ts';
import { CLAIMS, longArticle, nestedSpans, newsArticle, NEWS_CLAIMS } from './article.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LONG = 'long-article';
/** (f), (g): LONG's text and spans, and a card on every claim. */
const CARDS = 'long-article-cards';
const SHORT = 'short-article';
/** A news-length article (article.ts). */
const MEDIUM = 'medium-article';

const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const db = join(tempDir(), 'bench.sqlite');
  const text = longArticle();
  const spans = nestedSpans(text);
  const folder = tempDir();
  writeFileSync(join(folder, `${LONG}.txt`), text);
  // One word more, so that the import does not take it for the same article again.
  writeFileSync(join(folder, `${CARDS}.txt`), `${text}\n\nنسخة`);
  writeFileSync(join(folder, `${SHORT}.txt`), 'نص قصير للمقارنة.');
  const medium = newsArticle(text);
  writeFileSync(join(folder, `${MEDIUM}.txt`), medium);
  const hamish = openHamish({ database: db, seed: false, annotator: 'bench' });
  dispatch(hamish.handlers, 'importFiles', { paths: [folder] });
  connectionOf(hamish).transaction(() => {
    for (const span of spans) dispatch(hamish.handlers, 'createSpan', { documentId: LONG, ...span });
    for (const span of nestedSpans(medium, NEWS_CLAIMS)) dispatch(hamish.handlers, 'createSpan', { documentId: MEDIUM, ...span });
    // Each claim's card takes the entities inside it: source the actor, then location and date.
    let claim = 0;
    for (const span of spans) {
      const { id } = dispatch(hamish.handlers, 'createSpan', { documentId: CARDS, ...span }) as { id: number };
      if (span.label === 'claim') claim = id;
      else dispatch(hamish.handlers, 'linkRole', { claim, role: span.label === 'actor' ? 'source' : span.label, span: id });
    }
  })();
  hamish.close();

  const server = await startServe(db, ['--annotator', 'bench']);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(server.url);
  await page.goto(`${server.origin}/#/doc/${SHORT}`);
  await waitForArticle(page, SHORT);

  const open: number[] = [];
  const openCards: number[] = [];
  const link: { highlighted: number; painted: number }[] = [];
  const plain: number[] = [];
  const add: KeyTimes[] = [];
  const remove: KeyTimes[] = [];
  const addMedium: KeyTimes[] = [];
  const removeMedium: KeyTimes[] = [];
  let heap = 0;

  const progress = (step: string) => process.stderr.write(`${step} `);
  for (let run = 0; run < RUNS; run++) {
    progress(`\nrun ${run + 1}/${RUNS}:`);
    // (a) the editor
    await page.locator(`[data-document-id="${SHORT}"]`).click();
    await waitForArticle(page, SHORT);
    open.push(await openTimed(page, LONG));
    if (run === 0) {
      await cdp.send('HeapProfiler.collectGarbage');
      heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }

    progress('open');
    // The same text, fetched the same way, as plain paragraphs.
    plain.push(
      await page.evaluate(
        async (id) => {
          const start = performance.now();
          const response = await fetch('api/openDocument', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ id }),
          });
          const { value } = (await response.json()) as { value: { text: string } };
          const box = document.createElement('div');
          box.className = 'plain-baseline';
          for (const line of value.text.split('\n')) {
            if (line.trim() === '') continue;
            const p = document.createElement('p');
            p.dir = 'rtl';
            p.textContent = line;
            box.append(p);
          }
          document.body.append(box);
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const elapsed = performance.now() - start;
          box.remove();
          return elapsed;
        },
        LONG,
      ),
    );

    // (b) tag one more word, (c) delete it again: key press until painted and saved.
    progress('plain');
    const word = 40 + run;
    add.push(await keyToSaved(page, 'Digit4', word));
    progress('add');
    remove.push(await keyToSaved(page, 'Delete', word));
    progress('delete');
    await page.locator(`[data-document-id="${MEDIUM}"]`).click();
    await waitForArticle(page, MEDIUM);
    addMedium.push(await keyToSaved(page, 'Digit4', 2 + run));
    removeMedium.push(await keyToSaved(page, 'Delete', 2 + run));
    progress('medium');

    // (f) the same article with its cards, (g) a role linked there.
    openCards.push(await openTimed(page, CARDS));
    progress('open-cards');
    link.push(await linkPainted(page));
    progress('link');
  }
  await browser.close();
  await server.stop();

  const result = {
    benchmark: 'editor',
    date: new Date().toISOString(),
    runs: RUNS,
    article: { characters: text.length, spans: spans.length },
    openMs: round(median(open)),
    plainTextMs: round(median(plain)),
    openRatioToPlain: round(median(open) / median(plain)),
    cards: {
      about: 'the same article with a card on each claim (1,500 role links) against spans only, opened alternately; Enter linking a role until painted',
      cards: CLAIMS,
      openWithCardsMs: round(median(openCards)),
      openSpansOnlyMs: round(median(open)),
      openRatioCardsToSpansOnly: round(median(openCards) / median(open)),
      linkRoleHighlightedMs: round(median(link.map((l) => l.highlighted))),
      linkRolePaintedMs: round(median(link.map((l) => l.painted))),
    },
    addSpanPaintedMs: round(median(add.map((a) => a.painted))),
    addSpanPresentedMs: presented(add),
    addSpanPaintedAndSavedMs: round(median(add.map((a) => a.saved))),
    addSpanSavedBreakdown: breakdown(add),
    deleteSpanPaintedMs: round(median(remove.map((r) => r.painted))),
    deleteSpanPresentedMs: presented(remove),
    deleteSpanPaintedAndSavedMs: round(median(remove.map((r) => r.saved))),
    deleteSpanSavedBreakdown: breakdown(remove),
    newsLength: {
      about: 'the same key presses on a 5,000-character article with 48 spans',
      characters: medium.length,
      addSpanPaintedMs: round(median(addMedium.map((a) => a.painted))),
      addSpanPresentedMs: presented(addMedium),
      addSpanCommittedMs: round(median(addMedium.map((a) => a.answered))),
      deleteSpanPaintedMs: round(median(removeMedium.map((r) => r.painted))),
      deleteSpanPresentedMs: presented(removeMedium),
    },
    jsHeapMB: round(heap / 1024 / 1024),
    targets: {
      openRatioToPlain: 2,
      addSpanPaintedAndSavedMs: 16,
      deleteSpanPaintedAndSavedMs: 16,
      openRatioCardsToSpansOnly: 1.1,
      linkRolePaintedMs: 16,
    },
    samples: {
      open: open.map(round),
      openCards: openCards.map(round),
      link: link.map((l) => round(l.painted)),
      plain: plain.map(round),
      addSaved: add.map((a) => round(a.saved)),
      addPresented: add.map((a) => a.presented),
      addMediumPresented: addMedium.map((a) => a.presented),
      deleteSaved: remove.map((r) => round(r.saved)),
    },
  };
  writeBenchResult('editor', result);
}

/** Clicks document `id` in the library and measures, in the page, until every highlight is painted and shown. */
function openTimed(page: import('playwright-core').Page, id: string): Promise<number> {
  return page.evaluate(async (id) => {
    const painted = new Promise<void>((done) => {
      const observer = new MutationObserver(() => {
        if (document.documentElement.dataset.paintedDocument === id) {
          observer.disconnect();
          done();
        }
      });
      observer.observe(document.documentElement, { attributes: true });
    });
    const start = performance.now();
    document.querySelector<HTMLElement>(`[data-document-id="${id}"]`)!.click();
    await painted;
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    return performance.now() - start;
  }, id);
}

/**
 * (g) On the open CARDS article: Tab selects the first claim, C opens its card, V arms the via
 * role; measured in the page from Enter until the via highlight holds the span and the frame
 * after is shown. V and Delete then take the link out again, for the next run.
 */
async function linkPainted(page: import('playwright-core').Page): Promise<{ highlighted: number; painted: number }> {
  await waitForArticle(page, CARDS);
  await page.keyboard.press('Tab');
  await page.keyboard.press('KeyC');
  await page.getByRole('region', { name: 'Claim card' }).waitFor();
  await page.keyboard.press('KeyV');
  await page.locator('.claim-card-candidate').waitFor();
  await page.waitForTimeout(500);
  // The card's keys are taken first, at the window, and go no further: Enter is sent from the page
  // itself, from the moment it is dispatched.
  const painted = await page.evaluate(
    () =>
      new Promise<{ highlighted: number; painted: number }>((resolve, reject) => {
        setTimeout(() => reject(new Error('the via link was not painted within 10 s of Enter')), 10_000);
        const start = performance.now();
        const via = () => CSS.highlights.get('hamish-role-via')?.size ?? 0;
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
        // The card shows the link before it is saved: the highlight is set within the key's handler.
        const highlighted = via() > 0 ? performance.now() - start : NaN;
        const check = () => {
          if (via() === 0) return requestAnimationFrame(check);
          requestAnimationFrame(() => setTimeout(() => resolve({ highlighted, painted: performance.now() - start }), 0));
        };
        requestAnimationFrame(check);
      }),
  );
  await waitForSaved(page);
  await page.keyboard.press('KeyV');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => (CSS.highlights.get('hamish-role-via')?.size ?? 0) === 0);
  await waitForSaved(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  return painted;
}

/**
 * From a key press, in the page's clock (medians, ms): the request to the server sent, its
 * answer received (the server answers once SQLite has committed), the page saying "Saved"
 * (data-saves), and that frame shown.
 */
interface KeyTimes {
  /**
   * The task after the key's animation frame: that frame committed (before it is rasterised), or
   * later when tasks queued before it ran first, as React's deferred render of the side panel does.
   */
  readonly painted: number;
  /**
   * The frame after the key presented on screen, as the browser's Event Timing measures it (the
   * keydown's duration, in steps of 8 ms); null when it reported none: under 16 ms, the shortest it
   * reports.
   */
  readonly presented: number | null;
  readonly saved: number;
  /** The save's request: its start, the server's first byte (the change committed) and its end. */
  readonly requested: number;
  readonly answered: number;
  readonly received: number;
  readonly said: number;
}

/** The median of the presented times, a null (under 16 ms) counted as the shortest. */
function presented(times: KeyTimes[]): number | 'under 16' {
  const sorted = times.map((t) => t.presented ?? 0).sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return middle === 0 ? 'under 16' : middle;
}

function breakdown(times: KeyTimes[]) {
  const at = (pick: (t: KeyTimes) => number) => round(median(times.map(pick)));
  return {
    about: 'medians from the key press: the request sent; the server answering (committed in SQLite); its answer read; the indicator saying so; that frame shown',
    requestSentMs: at((t) => t.requested),
    committedAnswerMs: at((t) => t.answered),
    answerReceivedMs: at((t) => t.received),
    indicatorChangedMs: at((t) => t.said),
    indicatorPaintedMs: at((t) => t.saved),
    serverMs: at((t) => t.answered - t.requested),
  };
}

/**
 * Selects the first two words of paragraph `word` (for a new tag) or clicks there (for Delete),
 * then presses `key` and measures, in the page, from the key event until painted and saved.
 */
async function keyToSaved(
  page: import('playwright-core').Page,
  key: string,
  word: number,
): Promise<KeyTimes> {
  const box = await page.evaluate((word) => {
    // The first word of paragraph number `word`: selected for a new tag, or clicked to select the
    // span tagged there before.
    const node = document.querySelectorAll('.article-text [data-lexical-text]')[word]!.firstChild as Text;
    const end = node.data.indexOf(' ') > 0 ? node.data.indexOf(' ') : node.data.length;
    const range = new Range();
    range.setStart(node, 0);
    range.setEnd(node, end);
    node.parentElement!.scrollIntoView({ block: 'center' });
    const rect = range.getBoundingClientRect();
    return { x: (rect.left + rect.right) / 2, y: (rect.top + rect.bottom) / 2 };
  }, word);
  if (key === 'Delete') {
    // The span tagged there is selected after tagging; a click selects it (or, where spans nest,
    // the span around it). Either way one span is selected for Delete.
    await page.mouse.click(box.x, box.y);
    const selected = await page.evaluate(() => CSS.highlights.get('hamish-selected')?.size ?? 0);
    if (selected !== 1) throw new Error(`a click on paragraph ${word} selected ${selected} spans`);
  } else {
    await page.evaluate((word) => {
      const node = document.querySelectorAll('.article-text [data-lexical-text]')[word]!.firstChild as Text;
      // Two words: the generated spans are one word or twelve, so this is never a duplicate.
      const end = node.data.split(' ', 2).join(' ').length;
      document.getSelection()!.setBaseAndExtent(node, 0, node, end);
    }, word);
  }
  const measuring = page.evaluate(() => {
    // The buffer holds 250 entries: the save's must find room.
    performance.clearResourceTimings();
    return new Promise<KeyTimes>((resolve, reject) => {
      setTimeout(() => reject(new Error('the change was not saved within 10 s of the key press')), 10_000);
      const savesBefore = Number(document.querySelector('[data-saves]')!.getAttribute('data-saves'));
      const keydowns: PerformanceEventTiming[] = [];
      const timing = new PerformanceObserver((list) => keydowns.push(...(list.getEntries() as PerformanceEventTiming[]).filter((e) => e.name === 'keydown')));
      timing.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
      window.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          const afterPaint = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0));
          // The painter changes the highlight inside the key handler: the next frame shows it.
          let painted = NaN;
          afterPaint(() => (painted = performance.now() - start));
          // Saved: the database has acknowledged one more change and the UI says so, painted.
          const observer = new MutationObserver(() => {
            const indicator = document.querySelector('[data-saves]');
            if (!indicator || Number(indicator.getAttribute('data-saves')) <= savesBefore) return;
            observer.disconnect();
            const said = performance.now() - start;
            afterPaint(async () => {
              const saved = performance.now() - start;
              // The keydown's entry comes once its frame has been presented, well before this.
              await new Promise((done) => setTimeout(done, 100));
              timing.disconnect();
              const save = performance
                .getEntriesByType('resource')
                .find((e): e is PerformanceResourceTiming => /\/api\/(createSpan|deleteSpan)$/.test(e.name) && e.startTime >= start)!;
              resolve({
                painted,
                presented: keydowns.find((e) => Math.abs(e.startTime - start) < 1)?.duration ?? null,
                saved,
                requested: save.startTime - start,
                answered: save.responseStart - start,
                received: save.responseEnd - start,
                said,
              });
            });
          });
          observer.observe(document.querySelector('.topbar')!, { subtree: true, childList: true, attributes: true });
        },
        { capture: true, once: true },
      );
    });
  });
  // A steady state, as when an analyst reads before pressing a key: nothing left from opening.
  await page.waitForTimeout(500);
  await page.keyboard.press(key);
  return measuring;
}

await main();
