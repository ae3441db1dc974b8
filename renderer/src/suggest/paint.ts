import { LABELS, type Label } from '../../../electron/contract/labels.ts';

/**
 * Paints suggestions unlike spans: no fill, a dashed line over and under the text in the label's
 * colour (suggest.css; a custom highlight can draw no border, so its "outline" is these two lines).
 * The one the keys act on is drawn solid.
 */
export class SuggestionPainter {
  private readonly byLabel = new Map<Label, Highlight>();
  private readonly current = new Highlight();

  constructor() {
    for (const label of LABELS) {
      const highlight = new Highlight();
      // Above the spans' own highlights (0–3), below hover and selection (10 and up).
      highlight.priority = 5;
      this.byLabel.set(label, highlight);
      CSS.highlights.set(`hamish-suggestion-${label}`, highlight);
    }
    this.current.priority = 6;
    CSS.highlights.set('hamish-suggestion-current', this.current);
  }

  /** Paints exactly these ranges, the `current` one marked. */
  paint(ranges: readonly { label: Label; range: Range }[], current: Range | null): void {
    for (const highlight of this.byLabel.values()) highlight.clear();
    for (const { label, range } of ranges) this.byLabel.get(label)!.add(range);
    this.current.clear();
    if (current) this.current.add(current);
  }

  dispose(): void {
    for (const label of LABELS) CSS.highlights.delete(`hamish-suggestion-${label}`);
    CSS.highlights.delete('hamish-suggestion-current');
  }
}
