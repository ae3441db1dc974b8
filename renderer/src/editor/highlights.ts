import { LABELS, type Label } from '../../../electron/contract/labels.ts';

/**
 * Paints spans with the CSS Custom Highlight API: ranges over the editor's text, drawn by the
 * browser without touching the DOM, so thousands of spans cost milliseconds and Arabic letters keep
 * joining across highlight edges. One Highlight per label; `selected` and `hovered` draw above.
 */
export type Layer = Label | 'selected' | 'hovered' | 'flash';

const PRIORITY: Record<Layer, number> = {
  claim: 0,
  date: 1,
  location: 2,
  actor: 3,
  hovered: 10,
  selected: 11,
  flash: 12,
};

export class HighlightPainter {
  private readonly layers = new Map<Layer, Highlight>();
  private readonly painted = new Map<number, { label: Label; range: Range }>();
  private readonly marks = new Map<'selected' | 'hovered' | 'flash', Range | null>();

  constructor() {
    for (const layer of [...LABELS, 'selected', 'hovered', 'flash'] as const) {
      const highlight = new Highlight();
      highlight.priority = PRIORITY[layer];
      this.layers.set(layer, highlight);
      CSS.highlights.set(`hamish-${layer}`, highlight);
    }
  }

  paint(id: number, label: Label, range: Range): void {
    this.erase(id);
    this.painted.set(id, { label, range });
    this.layers.get(label)!.add(range);
  }

  erase(id: number): void {
    const old = this.painted.get(id);
    if (!old) return;
    this.layers.get(old.label)!.delete(old.range);
    this.painted.delete(id);
  }

  /** Marks one range (or none) as selected, hovered or flashing. */
  mark(layer: 'selected' | 'hovered' | 'flash', range: Range | null): void {
    const highlight = this.layers.get(layer)!;
    highlight.clear();
    if (range) highlight.add(range);
    this.marks.set(layer, range);
  }

  clear(): void {
    for (const highlight of this.layers.values()) highlight.clear();
    this.painted.clear();
  }

  dispose(): void {
    for (const layer of this.layers.keys()) CSS.highlights.delete(`hamish-${layer}`);
  }
}
