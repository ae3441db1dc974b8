import type { Label } from '../../../electron/contract/labels.ts';
import {
  holdsLetterOrDigit,
  sentenceAt,
  snapToGraphemes,
  snapToWords,
  wordAt,
  wordsOf,
} from '../../../electron/text/boundaries.ts';
import { procliticToStrip } from '../../../electron/text/proclitics.ts';
import type { DocumentSession, ViewSpan } from '../document-session.ts';
import { movedEdge, type Range16 } from './edges.ts';
import type { HighlightPainter } from './highlights.ts';
import type { TextLayout } from './layout.ts';


/** What the keyboard and the rest of the app may ask of the open article. */
export interface ArticleControls {
  /**
   * A label key or button: tags the text selection, else relabels the selected span, else says
   * in the status line why nothing happened.
   */
  tag(label: Label): void;
  /** Snaps the mouse's selection to span edges (to words, or exactly with Alt). */
  snapSelection(exact: boolean): void;
  /** Selects the sentence around a text offset. */
  selectSentence(offset: number): void;
  /** Moves the word cursor one word forward or back (Shift: extends the selection). */
  moveCursor(forward: boolean, extend: boolean): void;
  /** Moves one edge of the selected span by a word or a letter. */
  nudge(edge: 'start' | 'end', forward: boolean, unit: 'word' | 'letter'): void;
  /** Moves the selected span's start past the proclitics attached to its first word. */
  stripProclitic(): void;
  /** Brings [from, to) (a span, or a suggestion) into sight and flashes it. */
  reveal(span: Pick<ViewSpan, 'from' | 'to'>): void;
  /** A DOM range over [from, to) of the text (UTF-16), for highlights of others' (claim roles). */
  rangeOf(from: number, to: number): Range;
  /** The word cursor (or the mouse's selection) as text offsets (UTF-16); null when there is none. */
  cursorRange(): { start: number; end: number } | null;
}

/**
 * The article's commands over its text. Read-only Lexical has no caret, so the word cursor is the
 * DOM selection itself, a word at a time: label keys then tag it like a mouse selection.
 */
export class Controls implements ArticleControls {
  private readonly session: DocumentSession;
  private readonly layout: TextLayout;
  private readonly root: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly painter: HighlightPainter;
  /** The last selection Hamish drew itself, already snapped; tagged as it is. */
  private drawn: Range16 | null = null;
  /** The word cursor, as indices into `words`. */
  private cursor: { anchor: number; focus: number } | null = null;
  private words: Range16[] | null = null;

  constructor(
    session: DocumentSession,
    layout: TextLayout,
    root: HTMLElement,
    scroller: HTMLElement,
    painter: HighlightPainter,
  ) {
    this.session = session;
    this.layout = layout;
    this.root = root;
    this.scroller = scroller;
    this.painter = painter;
  }

  tag(label: Label): void {
    const offsets = this.selection();
    const selected = this.session.selected();
    if (!offsets) {
      if (selected) void this.session.update(selected.span.id, { label });
      else this.refuse('nothing to tag: select some text, or a span, first');
      return;
    }
    const drawn = this.drawn;
    const edges = drawn && drawn.start === offsets.start && drawn.end === offsets.end ? drawn : this.snap(offsets);
    if (!edges || !holdsLetterOrDigit(this.session.text.slice(edges.start, edges.end))) {
      this.refuse('not tagged: the selection holds no letter or digit');
      return;
    }
    document.getSelection()!.collapseToEnd();
    this.drawn = null;
    this.cursor = null;
    void this.session.create(label, edges.start, edges.end);
  }

  snapSelection(exact: boolean): void {
    const offsets = this.selection();
    if (!offsets) return;
    const edges = exact ? snapToGraphemes(this.session.text, offsets.start, offsets.end) : this.snap(offsets);
    if (edges) this.draw(edges);
    this.cursor = null;
  }

  selectSentence(offset: number): void {
    const sentence = sentenceAt(this.session.text, offset);
    const edges = this.snap(sentence);
    if (edges) this.draw(edges);
    this.cursor = null;
  }

  moveCursor(forward: boolean, extend: boolean): void {
    const words = this.wordList();
    if (words.length === 0) return;
    const selection = this.selection();
    const stillDrawn = selection && this.drawn?.start === selection.start && this.drawn.end === selection.end;
    if (!this.cursor || !stillDrawn) {
      // Start where the analyst is: the selection, the selected span, or the top of the view.
      const selected = this.session.selected();
      const from = selection ?? (selected && { start: selected.from, end: selected.to });
      if (!from) {
        const top = this.wordIndex(this.layout.offsetAtTop(this.scroller.getBoundingClientRect().top));
        this.showCursor({ anchor: top, focus: top });
        return;
      }
      this.cursor = { anchor: this.wordIndex(from.start), focus: this.wordIndex(from.end - 1) };
      if (!forward && !extend) this.cursor.focus = this.cursor.anchor;
    }
    const focus = Math.min(Math.max(this.cursor.focus + (forward ? 1 : -1), 0), words.length - 1);
    this.showCursor({ anchor: extend ? this.cursor.anchor : focus, focus });
  }

  private showCursor(cursor: { anchor: number; focus: number }): void {
    const words = this.wordList();
    const first = words[Math.min(cursor.anchor, cursor.focus)]!;
    const last = words[Math.max(cursor.anchor, cursor.focus)]!;
    this.session.select(null);
    this.draw({ start: first.start, end: last.end });
    this.cursor = cursor;
    this.scrollTo(words[cursor.focus]!);
  }

  nudge(edge: 'start' | 'end', forward: boolean, unit: 'word' | 'letter'): void {
    const span = this.session.selected();
    if (!span) return;
    const at = edge === 'start' ? span.from : span.to;
    const moved = movedEdge(this.session.text, this.wordList(), at, edge, forward, unit);
    const from = edge === 'start' ? (moved ?? at) : span.from;
    const to = edge === 'end' ? (moved ?? at) : span.to;
    if (moved === null) this.refuse(`the ${edge} cannot move further that way: the text ends`);
    else if (from >= to) this.refuse(`the ${edge} cannot move past the span's other edge`);
    else if (!holdsLetterOrDigit(this.session.text.slice(from, to))) this.refuse('the span would hold no letter or digit');
    else void this.session.update(span.span.id, { from, to });
  }

  stripProclitic(): void {
    const span = this.session.selected();
    if (!span) return;
    const word = wordAt(this.session.text, span.from);
    if (!word || word.start !== span.from) return;
    const strip = procliticToStrip(this.session.text.slice(word.start, word.end), this.session.isWord);
    if (strip && span.from + strip.length < span.to) void this.session.update(span.span.id, { from: span.from + strip.length });
  }

  rangeOf(from: number, to: number): Range {
    return this.layout.range(from, to);
  }

  cursorRange(): Range16 | null {
    return this.selection();
  }

  reveal(span: Pick<ViewSpan, 'from' | 'to'>): void {
    this.scrollTo({ start: span.from, end: span.to });
    this.painter.mark('flash', this.layout.range(span.from, span.to));
    setTimeout(() => this.painter.mark('flash', null), 600);
  }

  private refuse(text: string): void {
    this.session.say({ kind: 'refused', text });
  }

  /** The DOM selection inside the article, as text offsets; null when there is none. */
  private selection(): Range16 | null {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!this.root.contains(range.commonAncestorContainer)) return null;
    const start = this.layout.fromDom(range.startContainer, range.startOffset);
    const end = this.layout.fromDom(range.endContainer, range.endOffset);
    return start === null || end === null || start === end ? null : { start, end };
  }

  private snap({ start, end }: Range16): Range16 | null {
    return snapToWords(this.session.text, start, end, this.session.isWord);
  }

  private draw(edges: Range16): void {
    const range = this.layout.range(edges.start, edges.end);
    document.getSelection()!.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    this.drawn = edges;
  }

  private scrollTo({ start, end }: Range16): void {
    const rect = this.layout.range(start, end).getBoundingClientRect();
    const frame = this.scroller.getBoundingClientRect();
    if (rect.top < frame.top + 20 || rect.bottom > frame.bottom - 20) {
      this.scroller.scrollBy({ top: rect.top - frame.top - frame.height / 3 });
    }
  }

  private wordList(): Range16[] {
    return (this.words ??= wordsOf(this.session.text));
  }

  /** Index of the word holding `offset`, or of the next word after it. */
  private wordIndex(offset: number): number {
    const words = this.wordList();
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[mid]!.end <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
