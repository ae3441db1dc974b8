/** A run of the article's sections (article-section.ts), by index, first and last included. */
export interface SectionRun {
  readonly from: number;
  readonly to: number;
}

/**
 * Which of the article's sections are near the screen: those within half a screen's height of
 * the scroller's view. The span highlights hold only the spans there (highlights.ts): Chromium
 * repaints every highlighted line it has laid out whenever a highlight changes, and at 200,000
 * characters the lines it keeps laid out around the view took a tag's frame past 16 ms.
 */
export class ArticleSections {
  private readonly sections: readonly Element[];
  private readonly index: Map<Element, number>;
  private readonly scroller: HTMLElement;

  /** `root` holds the sections as its children, in reading order. */
  constructor(root: HTMLElement, scroller: HTMLElement) {
    this.sections = [...root.children];
    this.index = new Map(this.sections.map((section, i) => [section, i]));
    this.scroller = scroller;
  }

  /** The sections `range`'s text runs over. */
  of(range: AbstractRange): SectionRun {
    return { from: this.holding(range.startContainer), to: this.holding(range.endContainer) };
  }

  near(): SectionRun {
    const view = this.scroller.getBoundingClientRect();
    const margin = view.height / 2;
    // Sections are in reading order top to bottom: two binary searches read a dozen boxes, not all.
    const from = this.firstWhere((section) => section.getBoundingClientRect().bottom >= view.top - margin);
    const to = this.firstWhere((section) => section.getBoundingClientRect().top > view.bottom + margin) - 1;
    return { from, to };
  }

  private holding(node: Node): number {
    const section = (node instanceof Element ? node : node.parentElement)?.closest('.article-section');
    return (section && this.index.get(section)) ?? 0;
  }

  /** The first section for which `test` holds (it holds for every one after it too); the count if none. */
  private firstWhere(test: (section: Element) => boolean): number {
    let low = 0;
    let high = this.sections.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (test(this.sections[middle]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
