/**
 * Where each stretch of the article's text sits in the DOM. The editor shows every non-blank line
 * of the text (a very long one in pieces) as one paragraph holding one text node, so a text offset maps to (paragraph, local
 * offset) by binary search. Offsets here are UTF-16, the DOM's unit.
 */
export interface Paragraph {
  readonly start: number;
  readonly end: number;
}

/**
 * Chromium lays out one paragraph in time that grows faster than its length: a scraped article
 * that is one 5 MB line would take minutes. Longer lines are shown as several paragraphs.
 */
const MAX_PARAGRAPH = 8192;

/**
 * Paragraphs in a section (ArticleSectionNode): the browser skips a section out of view as one
 * (`content-visibility: auto` on `.article-section`). Each skippable box has a paint layer and a
 * visibility observation that every frame walks: with each of a long article's 1,700 paragraphs
 * skippable, a key press's frame spent about 10 ms on them before anything was drawn.
 */
export const PARAGRAPHS_PER_SECTION = 16;

/** The non-blank lines of a text with their offsets; a long line is cut after a space. */
export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (text.slice(start, end).trim() !== '') paragraphs.push(...piecesOf(text, start, end));
    start = end + 1;
  }
  return paragraphs;
}

/** start..end in adjacent pieces of at most MAX_PARAGRAPH, never splitting a surrogate pair. */
function piecesOf(text: string, start: number, end: number): Paragraph[] {
  const pieces: Paragraph[] = [];
  while (end - start > MAX_PARAGRAPH) {
    const space = text.lastIndexOf(' ', start + MAX_PARAGRAPH - 1);
    let cut = space > start ? space + 1 : start + MAX_PARAGRAPH;
    if (/[\uDC00-\uDFFF]/.test(text.charAt(cut))) cut--;
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end });
  return pieces;
}

export interface DomPoint {
  readonly node: Text;
  readonly offset: number;
}

export class TextLayout {
  readonly paragraphs: readonly Paragraph[];
  private readonly nodes: readonly Text[];
  private readonly indexOfNode: Map<Node, number>;

  constructor(paragraphs: readonly Paragraph[], nodes: readonly Text[]) {
    this.paragraphs = paragraphs;
    this.nodes = nodes;
    this.indexOfNode = new Map(nodes.map((node, i) => [node, i]));
  }

  /** The paragraph holding `offset`; an offset between paragraphs belongs to the next one. */
  private paragraphAt(offset: number): number {
    let low = 0;
    let high = this.paragraphs.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.paragraphs[mid]!.end < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  toDom(offset: number): DomPoint {
    const i = this.paragraphAt(offset);
    const paragraph = this.paragraphs[i]!;
    const local = Math.min(Math.max(offset - paragraph.start, 0), paragraph.end - paragraph.start);
    return { node: this.nodes[i]!, offset: local };
  }

  /**
   * The same stretch for a highlight to hold for as long as the article is open: a StaticRange,
   * which the browser does not keep up to date as the DOM changes. Every live Range is visited on
   * each node the page inserts or removes anywhere, and with a span's on each of 2,000 spans, the
   * side panel's re-render in a tag's key press took 2–7 ms of removeChild. The article's text
   * never changes, so its static ranges stay right.
   */
  paintRange(start: number, end: number): StaticRange {
    const from = this.toDom(start);
    const to = this.toDom(end);
    return new StaticRange({ startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset });
  }

  range(start: number, end: number): Range {
    const from = this.toDom(start);
    const to = this.toDom(end);
    const range = new Range();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  /**
   * The text offset of a DOM boundary point. A point on an element rather than in one of our text
   * nodes (a triple-click ends on the next paragraph, say) snaps to the nearest paragraph edge.
   */
  fromDom(node: Node, offset: number): number | null {
    const i = this.indexOfNode.get(node);
    if (i !== undefined) return this.paragraphs[i]!.start + offset;
    if (this.nodes.length === 0) return null;
    const point = new Range();
    point.setStart(node, offset);
    // The first paragraph that starts at or after the point.
    let low = 0;
    let high = this.nodes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const probe = new Range();
      probe.selectNodeContents(this.nodes[mid]!);
      if (probe.compareBoundaryPoints(Range.START_TO_START, point) < 0) low = mid + 1;
      else high = mid;
    }
    if (low === this.nodes.length) return this.paragraphs[low - 1]!.end;
    return this.paragraphs[low]!.start;
  }

  /** The first character on the first line at or below `top` (a client y coordinate). */
  offsetAtTop(top: number): number {
    let low = 0;
    let high = this.nodes.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.nodes[mid]!.parentElement!.getBoundingClientRect().bottom <= top) low = mid + 1;
      else high = mid;
    }
    const paragraph = this.paragraphs[low];
    if (!paragraph) return 0;
    // Within the paragraph, the first character whose line box reaches below `top`.
    let first = paragraph.start;
    let last = paragraph.end;
    while (first < last) {
      const mid = (first + last) >>> 1;
      if (this.range(mid, mid + 1).getBoundingClientRect().bottom <= top) first = mid + 1;
      else last = mid;
    }
    return first;
  }

  /** The offset of the character under a client point, if the point is over this text. */
  offsetAt(x: number, y: number): number | null {
    const caret = document.caretPositionFromPoint(x, y);
    if (!caret || !this.contains(caret.offsetNode)) return null;
    const at = this.fromDom(caret.offsetNode, caret.offset)!;
    const length = this.paragraphs.at(-1)?.end ?? 0;
    for (const candidate of [at, at - 1]) {
      if (candidate < 0 || candidate >= length) continue;
      for (const rect of this.range(candidate, candidate + 1).getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return candidate;
      }
    }
    return null;
  }

  contains(node: Node): boolean {
    return this.indexOfNode.has(node);
  }

  /** Scrolls `scroller` so that the line holding `offset` of a text of `length` is at its top (where the analyst left off). */
  scrollTo(scroller: HTMLElement, offset: number, length: number): void {
    scroller.scrollTop = 0;
    if (offset <= 0) return;
    const rect = this.range(offset, Math.min(offset + 1, length)).getBoundingClientRect();
    scroller.scrollTop += rect.top - scroller.getBoundingClientRect().top - 8;
  }
}
