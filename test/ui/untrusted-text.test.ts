/**
 * Articles come from anywhere. One full of markup, script, event handlers, javascript: links and
 * bidi controls is imported and opened as an analyst would; it must stay text: nothing runs,
 * nothing is fetched, no element appears, and each bidi control is shown instead of obeyed.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, colourShare, drag, openApp, SCREENSHOTS, waitForArticle, waitForPainted, waitForSaved, type OpenApp } from '../support/browser.ts';
import { exportJsonl, tempDir } from '../support/hamish.ts';

const RLO = '\u202E';
const PDF = '\u202C';
const LRI = '\u2066';
const PDI = '\u2069';
const RLM = '\u200F';
const ALM = '\u061C';
const CONTROLS = [RLO, PDF, LRI, PDI, RLM, ALM];
/** The stand-in's highlight (styles.css, ::highlight(hamish-bidi)). */
const MARKER_BACKGROUND = [0xbe, 0x12, 0x3c] as const;

const HOSTILE_TEXT = [
  // An astral character first, so that UTF-16 and code point offsets differ from here on.
  'تقرير 😀 عن <script>window.pwned = "script"; alert("script")</script> الاجتماع',
  '<img src="http://evil.example/x.png" onerror="window.pwned = \'img\'; alert(1)"> صورة <a href="javascript:alert(2)" onclick="alert(3)">اضغط هنا</a>',
  `<iframe src="https://evil.example/"></iframe> الملف invoice_${RLO}fdp.exe ثم ${RLO}بغداد الجديدة${PDF} انتهى`,
  `علامات ${LRI}abc${PDI} و${RLM}نص و${ALM}نص <style>body { display: none }</style>`,
].join('\n');
const HOSTILE_TITLE = `<b onmouseover="alert(4)">عنوان</b> ${RLO}txt.exe`;

describe('untrusted article text', () => {
  let app: OpenApp;
  let page: Page;
  const dialogs: string[] = [];
  const foreignRequests: string[] = [];
  const folder = tempDir();

  before(async () => {
    app = await openApp();
    page = app.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(`${app.server.origin}/`)) foreignRequests.push(request.url());
    });
  });

  after(() => app?.close());

  async function importFile(name: string, content: string): Promise<void> {
    const path = join(folder, name);
    writeFileSync(path, content);
    await page.locator('input[type=file]').setInputFiles(path);
    const result = page.locator(`.import-job[data-file="${name}"] .import-result`);
    await result.waitFor({ timeout: 60_000 });
    assert.match((await result.textContent())!, /1 imported/);
  }

  async function open(title: RegExp | string): Promise<string> {
    const item = page.locator('.library-item', { hasText: title });
    await item.waitFor();
    const id = (await item.getAttribute('data-document-id'))!;
    await item.click();
    await waitForArticle(page, id);
    return id;
  }

  test('markup, script, handlers and javascript: links are shown as text, and none of it runs', async () => {
    const record = { text: HOSTILE_TEXT, title: HOSTILE_TITLE, url: 'javascript:alert(5)' };
    await importFile('hostile.jsonl', `${JSON.stringify(record)}\n`);
    await open('txt.exe');

    const article = await page.evaluate(() => {
      const root = document.querySelector('.article-text')!;
      return {
        text: [...root.querySelectorAll('p')].map((p) => p.textContent).join('\n'),
        elements: [...root.querySelectorAll('*')].map((e) =>
          e.tagName === 'SPAN' && e.hasAttribute('data-lexical-text') ? 'text' : e.matches('div.article-section') ? 'section' : e.tagName,
        ),
      };
    });
    // Every element in the article is one of its sections, Lexical's paragraphs or text spans.
    assert.deepEqual(new Set(article.elements), new Set(['section', 'P', 'text']));
    const shown = article.text.replace(/[⇚↧⇥↥⇽⇜]/g, '');
    assert.equal(shown, HOSTILE_TEXT.replaceAll(new RegExp(`[${CONTROLS.join('')}]`, 'g'), ''));
    for (const control of CONTROLS) assert.ok(!article.text.includes(control), `U+${control.codePointAt(0)!.toString(16)} is not in the DOM`);

    const title = page.locator('.library-item.is-open .library-title');
    assert.equal(await title.evaluate((e) => e.children.length), 0);
    assert.equal(await title.textContent(), HOSTILE_TITLE.replace(RLO, '⇚'));

    // Anything the page would have run, loaded or shown.
    await page.mouse.move(10, 10);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(foreignRequests, []);
    assert.equal(await page.evaluate(() => (window as { pwned?: string }).pwned), undefined);
    // The page's own first script is inlined in its head (allowed by its hash, test/web/csp.test.ts): none in the body.
    assert.equal(await page.locator('img, iframe, object, embed, a[href^="javascript:" i], body script').count(), 0);
    assert.equal(await page.locator('body').evaluate((e) => getComputedStyle(e).display), 'block');
    assert.equal(await page.locator('.source-link').count(), 0, 'a javascript: source address is no link');
    assert.deepEqual(app.problems, []);
  });

  test('each bidi control is a highlighted stand-in, named on hover; the text does not reorder', async () => {
    const marked = await page.evaluate(() => [...CSS.highlights.get('hamish-bidi')!].map((range) => range.toString()));
    assert.deepEqual(marked, ['⇚', '⇚', '↧', '⇥', '↥', '⇽', '⇜']);

    // With the override obeyed, "invoice_⮜fdp.exe" would read "invoice_exe.pdf".
    const stem = await boxOf(page, 'invoice_');
    const extension = await boxOf(page, 'fdp.exe');
    assert.ok(stem.right <= extension.left + 1, 'the text after the override keeps its order, left to right');

    const marker = await boxOf(page, '⇚بغداد');
    const glyph = { ...marker, left: marker.right - (marker.bottom - marker.top) / 2 };
    assert.ok((await colourShare(page, glyph, MARKER_BACKGROUND, 24)) > 0.3, 'the stand-in is painted in the marker colour');
    await page.locator('.article').screenshot({ path: join(SCREENSHOTS, 'untrusted-text.png') });

    await page.mouse.move(glyph.right - 2, (glyph.top + glyph.bottom) / 2);
    await page.locator('.hover-card-control').waitFor();
    assert.equal(await page.locator('.hover-card-control').textContent(), 'RIGHT-TO-LEFT OVERRIDE (U+202E)');
  });

  test('a span over the word after an override is saved and exported at its code-point offsets', async (t) => {
    const id = await page.locator('.library-item.is-open').getAttribute('data-document-id');
    const word = await boxOf(page, 'بغداد');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    await waitForPainted(page, 'location', ['بغداد']);
    await waitForSaved(page);
    assert.equal(await page.locator('.span-entry-text').first().textContent(), 'بغداد');

    const exported = (await exportJsonl(app.db)).find((d) => d.id === id)!;
    assert.equal(exported.text, HOSTILE_TEXT, 'the stored text keeps every control');
    const at = HOSTILE_TEXT.indexOf(`${RLO}بغداد`) + 1;
    const start = [...HOSTILE_TEXT.slice(0, at)].length;
    assert.notEqual(start, at, 'code points and UTF-16 differ here');
    assert.deepEqual(
      exported.spans.map(({ start, end, label, text }) => ({ start, end, label, text })),
      [{ start, end: start + 5, label: 'location', text: 'بغداد' }],
    );

    // Copying gives the stored text, controls and all, not the stand-ins.
    await t.test('copy', async () => {
      const copied = await page.evaluate(() => {
        const node = [...document.querySelectorAll('.article-text [data-lexical-text]')].find((e) => e.textContent!.includes('fdp.exe'))!
          .firstChild as Text;
        const range = new Range();
        range.setStart(node, node.data.indexOf('invoice_'));
        range.setEnd(node, node.data.indexOf('.exe') + 4);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        const data = new DataTransfer();
        node.parentElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return data.getData('text/plain');
      });
      assert.equal(copied, `invoice_${RLO}fdp.exe`);
    });
  });

  test('a web source address is a link to a new tab, showing its host', async () => {
    const url = 'https://news.example.org/2024/عاجل?id=7';
    await importFile('sourced.jsonl', `${JSON.stringify({ text: 'خبر من المصدر.', title: 'خبر له مصدر', url })}\n`);
    await open('خبر له مصدر');
    const link = page.locator('.article-header .source-link');
    assert.equal(await link.textContent(), 'news.example.org');
    assert.equal(await link.getAttribute('href'), new URL(url).href);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match((await link.getAttribute('rel'))!, /noreferrer/);
  });

  test('a 5 MB article on one line opens, and a word in it can be tagged', { timeout: 120_000 }, async () => {
    const words = ['أعلن', 'الجيش', 'العراقي', 'صباح', 'اليوم', 'عن', 'عملية', 'جديدة', 'قرب', 'الموصل'];
    const sentence = `${words.join(' ')} `;
    const needle = 'مدينةالاختبار';
    // The word is on the first screen: the test is of the line's length, not of scrolling.
    const line = `${sentence.repeat(3)}${needle} ${sentence.repeat(Math.ceil(5_000_000 / Buffer.byteLength(sentence)))}${RLO}نهاية`;
    assert.ok(Buffer.byteLength(line) > 5_000_000 && !line.includes('\n'));
    await importFile('long.txt', line);
    const id = await open(/^أعلن الجيش/);

    const word = await boxOf(page, needle);
    await drag(page, word, word);
    await page.keyboard.press('Digit2');
    await waitForPainted(page, 'actor', [needle]);
    await waitForSaved(page);
    const exported = (await exportJsonl(app.db)).find((d) => d.id === id)!;
    const start = [...line.slice(0, line.indexOf(needle))].length;
    assert.deepEqual(
      exported.spans.map(({ start, end, text }) => ({ start, end, text })),
      [{ start, end: start + [...needle].length, text: needle }],
    );
    assert.deepEqual(dialogs, []);
    assert.deepEqual(foreignRequests, []);
  });
});
