import type { OpenedDocument, CurrentAnnotator } from '../../electron/contract/contract.ts';
import { LABEL_NAMES, LABELS } from '../../electron/contract/labels.ts';
import { CodePointIndex } from '../../electron/text/codepoints.ts';
import { markControls, withVisibleControls } from './editor/bidi.ts';
import { HighlightPainter } from './editor/highlights.ts';
import { PARAGRAPHS_PER_SECTION, paragraphsOf, TextLayout, type Paragraph } from './editor/layout.ts';
import { documentFromHash, embeddedFirstScreen } from './first-screen-block.ts';

/**
 * The document the page came with (web mode), painted before the app's code is evaluated: the
 * app's frame with its text and highlights as the editor paints them (the same elements, classes
 * and highlights, so the same lines and colours), over the page until the app has painted the
 * document itself and takes its place in that frame. React and Lexical are most of the app's code;
 * evaluating them and rendering came before any text showed.
 *
 * Only what places the text is copied from the app's frame (top bar, article header, columns):
 * the library's list, the span panel and the keys' help come with the app.
 */

type Child = Node | string;

function element(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

const button = (className: string, text: string) => element('button', { class: className}, text);

/** App.tsx's top bar as it first shows (its buttons decide how it wraps, hence where the text starts). */
function topBar(session: CurrentAnnotator): HTMLElement {
  const labels = LABELS.map((label, i) =>
    element(
      'button',
      { class: `label-button label-${label}`},
      element('kbd', {}, String(i + 1)),
      element('span', { class: 'label-swatch' }),
      element('span', { lang: 'ar' }, LABEL_NAMES[label].ar),
      element('span', {}, LABEL_NAMES[label].en),
    ),
  );
  return element(
    'header',
    { class: 'topbar' },
    element('h1', { class: 'brand' }, 'Hamish ', element('span', { lang: 'ar' }, 'هامش')),
    element('div', { class: 'label-bar' }, ...labels),
    ...['Import…', 'Gazetteer…', 'Export…', 'Review', 'Agreement…', 'Clusters…'].map((text) => button('topbar-button', text)),
    element(
      'div',
      { class: 'topbar-end' },
      element('span', { class: 'save-state is-saved' }, 'Saved'),
      element('span', { class: 'sync' }, element('button', { class: 'topbar-button sync-button'}, element('span', { class: 'sync-state' }, '⟳ Sync'))),
      button('annotator', session.annotator),
    ),
  );
}

/** The article header of the annotator's own layer (App.tsx, clusters/OutletLine.tsx, panel/LayerPicker.tsx). */
function articleHeader(opened: OpenedDocument, annotator: string): HTMLElement {
  const { status } = opened.summary;
  const meta = (field: string) => (typeof opened.meta[field] === 'string' ? (opened.meta[field] as string) : '');
  const outlet = (field: string, empty: string) =>
    element('button', { class: `outlet-value outlet-${field}${meta(field) ? '' : ' is-empty'}`, dir: 'auto'}, meta(field) || empty);
  return element(
    'div',
    { class: 'article-header' },
    element('span', { class: `status status-${status}` }, status.replace('_', ' ')),
    element('span', { class: 'outlet-line' }, outlet('outlet', 'outlet?'), outlet('published', 'date?')),
    element(
      'label',
      { class: 'layer-picker layer-own' },
      element('span', {}, 'Layer'),
      element('select', {}, element('option', {}, `Mine (${annotator})`), element('option', {}, 'Gold (reviewed)')),
    ),
    button('', status === 'done' ? 'Reopen' : 'Mark done'),
  );
}

/** The article's font, and the letters whose faces the first frame needs (Arabic and Latin). */
const ARTICLE_FONT = '21px "Noto Naskh Arabic"';
const ARTICLE_LETTERS = 'عa';

/**
 * Paints the embedded document when it is the one the app will open (the address's, else the
 * library's first), and gives how to take the painted copy away (the app calls nothing: the copy
 * goes by itself once the app has painted a document); null when nothing was painted.
 */
export async function paintFirstScreen(): Promise<(() => void) | null> {
  const given = embeddedFirstScreen({ take: false });
  if (!given?.documents || !given.opened) return null;
  const id = documentFromHash() ?? (given.documents.offset === 0 ? given.documents.documents[0]?.id : undefined);
  if (given.opened.id !== id) return null;
  const opened = given.opened.document;
  // The font first (asked for from the page's head, kept by the browser): the text is then laid
  // out once, in it, not in a fallback and again when it came (bench:open). Failing, in the fallback.
  await document.fonts.load(ARTICLE_FONT, ARTICLE_LETTERS).catch(() => []);
  const { text } = opened;

  // As Lexical renders ArticleText: sections of paragraphs, a paragraph per line holding one text node.
  const articleText = element('div', { class: 'article-text', role: 'document', contenteditable: 'false', spellcheck: 'false' });
  // Lexical's own styles on its root, set as it sets them (a style attribute would break the policy).
  Object.assign(articleText.style, { userSelect: 'text', whiteSpace: 'pre-wrap', wordBreak: 'break-word' });
  // Scrolled by the page only: the text below the window is the app's to show, with its scrollbar.
  const scroller = element('div', { class: 'article-scroller first-paint-scroller' }, element('div', { class: 'article', dir: 'rtl', lang: 'ar' }, articleText));
  const copy = element(
    'div',
    { class: 'app first-paint', 'aria-hidden': 'true', inert: '' },
    topBar(given.session),
    element('nav', { class: 'library' }, element('h2', {}, 'Library'), element('div', { class: 'library-scroller' })),
    element('main', { class: 'article-pane' }, articleHeader(opened, given.session.annotator), scroller),
    element('aside', {}),
    element('footer', { class: 'keys-help' }),
  );
  document.body.append(copy);

  // The text up to a window's worth below where the analyst left off: on a long article, laying
  // out all of it would take as long as the app does. The sections above are all there, as in the
  // app (out of view they take their estimated height, styles.css), so the lines fall where its do.
  const index = new CodePointIndex(text);
  const top = index.toUtf16(opened.viewOffset);
  const all = paragraphsOf(text);
  const paragraphs: Paragraph[] = [];
  const nodes: Text[] = [];
  const topParagraph = all.findIndex((p) => p.end > top);
  const topSection = Math.floor(topParagraph / PARAGRAPHS_PER_SECTION);
  let section = articleText;
  let topElement: HTMLElement | null = null;
  for (const [i, paragraph] of all.entries()) {
    const sectionIndex = Math.floor(i / PARAGRAPHS_PER_SECTION);
    if (i % PARAGRAPHS_PER_SECTION === 0) {
      // Twice the window's height below the top paragraph, so that the window is full once scrolled
      // there. Measured on screen: a contained section is its paragraphs' offsetParent.
      if (topElement && articleText.getBoundingClientRect().bottom - topElement.getBoundingClientRect().top > 2 * scroller.clientHeight) break;
      section = element('div', { class: sectionIndex >= topSection ? 'article-section is-laid-out' : 'article-section' });
      articleText.append(section);
    }
    const node = document.createTextNode(withVisibleControls(text.slice(paragraph.start, paragraph.end)));
    const line = element('p', { class: 'article-paragraph', dir: 'auto' }, element('span', { 'data-lexical-text': 'true' }, node));
    section.append(line);
    if (i === topParagraph) topElement = line;
    paragraphs.push(paragraph);
    nodes.push(node);
  }
  // The spans as the editor paints them (ArticleView.tsx), each on its whole extent (nesting depth
  // counts it) drawn where it is shown; its painter takes over the same highlights.
  const layout = new TextLayout(paragraphs, nodes);
  const shown = { from: paragraphs[0]?.start ?? 0, to: paragraphs.at(-1)?.end ?? 0 };
  const painter = new HighlightPainter();
  for (const span of opened.spans) {
    const from = index.toUtf16(span.start);
    const to = index.toUtf16(span.end);
    if (to <= shown.from || from >= shown.to) continue;
    painter.paint(span.id, span.label, from, to, layout.paintRange(Math.max(from, shown.from), Math.min(to, shown.to)));
  }
  markControls(text, layout);
  layout.scrollTo(scroller, top, text.length);
  const root = document.documentElement;
  root.dataset.firstPaintedDocument = id;

  const withdraw = () => {
    observer.disconnect();
    copy.remove();
    delete root.dataset.firstPaintedDocument;
  };
  // Within the task that painted the app's document, so the next frame shows the app in its place.
  const observer = new MutationObserver(() => {
    if (root.dataset.paintedDocument) withdraw();
  });
  observer.observe(root, { attributes: true, attributeFilter: ['data-painted-document'] });
  return withdraw;
}
