import type { TextLayout } from './layout.ts';

/**
 * Bidirectional formatting characters are invisible and reorder the text around them: an article
 * can use U+202E to make "evil.exe" read "exe.live", or hide words from the analyst. The stored
 * text keeps them (offsets point into it), but on screen each one is replaced by a visible
 * stand-in of the same UTF-16 length, so offsets stay exact and nothing is reordered, and the
 * stand-ins are highlighted so they cannot pass for the article's own arrows.
 */
const CONTROLS: ReadonlyMap<string, { readonly glyph: string; readonly name: string }> = new Map([
  ['\u200E', { glyph: '⇾', name: 'LEFT-TO-RIGHT MARK (U+200E)' }],
  ['\u200F', { glyph: '⇽', name: 'RIGHT-TO-LEFT MARK (U+200F)' }],
  ['\u061C', { glyph: '⇜', name: 'ARABIC LETTER MARK (U+061C)' }],
  ['\u202A', { glyph: '⇉', name: 'LEFT-TO-RIGHT EMBEDDING (U+202A)' }],
  ['\u202B', { glyph: '⇇', name: 'RIGHT-TO-LEFT EMBEDDING (U+202B)' }],
  ['\u202C', { glyph: '↧', name: 'POP DIRECTIONAL FORMATTING (U+202C)' }],
  ['\u202D', { glyph: '⇛', name: 'LEFT-TO-RIGHT OVERRIDE (U+202D)' }],
  ['\u202E', { glyph: '⇚', name: 'RIGHT-TO-LEFT OVERRIDE (U+202E)' }],
  ['\u2066', { glyph: '⇥', name: 'LEFT-TO-RIGHT ISOLATE (U+2066)' }],
  ['\u2067', { glyph: '⇤', name: 'RIGHT-TO-LEFT ISOLATE (U+2067)' }],
  ['\u2068', { glyph: '⇆', name: 'FIRST STRONG ISOLATE (U+2068)' }],
  ['\u2069', { glyph: '↥', name: 'POP DIRECTIONAL ISOLATE (U+2069)' }],
]);

const CONTROL = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every bidi control replaced by its stand-in; the length is unchanged. */
export function withVisibleControls(text: string): string {
  return text.replace(CONTROL, (control) => CONTROLS.get(control)!.glyph);
}

/** The start of a span's text, its bidi controls shown rather than obeyed. */
export function excerpt(text: string, max = 48): string {
  return withVisibleControls(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

/** The name of the bidi control at `offset` (UTF-16) of the stored text, if there is one. */
export function controlAt(text: string, offset: number): string | null {
  return CONTROLS.get(text.charAt(offset))?.name ?? null;
}

/** Highlights the stand-ins in the editor; returns the undo. */
export function markControls(text: string, layout: TextLayout): () => void {
  const highlight = new Highlight();
  highlight.priority = 20;
  for (const { index } of text.matchAll(CONTROL)) highlight.add(layout.range(index, index + 1));
  CSS.highlights.set('hamish-bidi', highlight);
  return () => CSS.highlights.delete('hamish-bidi');
}

/**
 * Copying from the article gives the stored text, controls included, not the stand-ins: a quote
 * pasted elsewhere is the article's own words, and its offsets match the exports.
 */
export function copyStoredText(root: HTMLElement, text: string, layout: TextLayout): () => void {
  const onCopy = (event: ClipboardEvent) => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !event.clipboardData) return;
    const range = selection.getRangeAt(0);
    const start = layout.fromDom(range.startContainer, range.startOffset);
    const end = layout.fromDom(range.endContainer, range.endOffset);
    if (start === null || end === null) return;
    event.clipboardData.setData('text/plain', text.slice(start, end));
    event.preventDefault();
  };
  root.addEventListener('copy', onCopy);
  return () => root.removeEventListener('copy', onCopy);
}
