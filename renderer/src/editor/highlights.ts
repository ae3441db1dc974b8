import { LABELS, type Label } from '../../../electron/contract/labels.ts';
import type { ArticleSections, SectionRun } from './near-sections.ts';

/**
 * Paints spans with the CSS Custom Highlight API: ranges over the editor's text, drawn by the
 * browser without touching the DOM, so thousands of spans cost milliseconds and Arabic letters keep
 * joining across highlight edges. One Highlight per label and nesting depth; `selected` and
 * `hovered` draw above.
 *
 * An entity inside another entity (إيران as location inside an actor) is painted above the one
 * holding it, with its underline lower down (styles.css), so its own colour and line show over
 * its range and the outer one's line still runs through it.
 *
 * Given the article's sections, the browser is handed only the spans near the screen
 * (near-sections.ts), and `follow` moves that reach as the article scrolls; the marks are always
 * handed over.
 */
export type Layer = Label | `${EntityLabel}-in-${Depth}` | 'selected' | 'hovered' | 'flash';
type EntityLabel = Exclude<Label, 'claim'>;
/** How many entities hold an entity; deeper ones are painted as the deepest shown. */
type Depth = 1 | 2;
const DEPTHS = [1, 2] as const;
const ENTITY_LABELS = LABELS.filter((label): label is EntityLabel => label !== 'claim');

const PRIORITY: Record<Label | 'selected' | 'hovered' | 'flash', number> = {
  claim: 0,
  date: 1,
  location: 2,
  actor: 3,
  hovered: 10,
  selected: 11,
  flash: 12,
};
/** Each depth draws above all the labels of the one holding it, below the marks. */
const DEPTH_STEP = 3;

/** The highlight an entity held by `depth` others is painted with. */
export function layerOf(label: Label, depth: number): Layer {
  return label === 'claim' || depth === 0 ? label : `${label}-in-${Math.min(depth, DEPTHS.at(-1)!) as Depth}`;
}

interface Painted {
  readonly label: Label;
  readonly from: number;
  readonly to: number;
  readonly range: AbstractRange;
  readonly sections: SectionRun;
  layer: Layer;
  /** Whether the browser has the range, in the Highlight of `layer`. */
  shown: boolean;
}

/** Every section: where the article is not in sections (the first paint's copy). */
const EVERYWHERE: SectionRun = { from: 0, to: Infinity };

/** Whether `outer` holds `inner`: covers it and is longer; of two over the same text, the label listed first holds. */
function holds(outer: Painted, inner: Painted): boolean {
  if (outer === inner || outer.from > inner.from || inner.to > outer.to) return false;
  return outer.to - outer.from > inner.to - inner.from || LABELS.indexOf(outer.label) < LABELS.indexOf(inner.label);
}

export class HighlightPainter {
  private readonly layers = new Map<Layer, Highlight>();
  private readonly painted = new Map<number, Painted>();
  /** Entities only: what nesting depth is counted among. */
  private readonly entities = new Set<Painted>();
  private readonly sections: ArticleSections | null;
  private near: SectionRun;

  constructor(sections: ArticleSections | null = null) {
    this.sections = sections;
    this.near = sections?.near() ?? EVERYWHERE;
    const layers: [Layer, number][] = [
      ...LABELS.map((label) => [label, PRIORITY[label]] as [Layer, number]),
      ...DEPTHS.flatMap((depth) => ENTITY_LABELS.map((label) => [layerOf(label, depth), PRIORITY[label] + depth * DEPTH_STEP] as [Layer, number])),
      ...(['selected', 'hovered', 'flash'] as const).map((mark) => [mark, PRIORITY[mark]] as [Layer, number]),
    ];
    for (const [layer, priority] of layers) {
      const highlight = new Highlight();
      highlight.priority = priority;
      this.layers.set(layer, highlight);
      CSS.highlights.set(`hamish-${layer}`, highlight);
    }
  }

  /** Paints span `id` over `range` (its text, [from, to) in UTF-16); entities it holds or is held by are repainted at their depth. */
  paint(id: number, label: Label, from: number, to: number, range: AbstractRange): void {
    this.erase(id);
    const painted: Painted = { label, from, to, range, sections: this.sections?.of(range) ?? EVERYWHERE, layer: label, shown: false };
    this.painted.set(id, painted);
    if (label === 'claim') return this.place(painted, label);
    this.entities.add(painted);
    this.restack(painted);
  }

  erase(id: number): void {
    const old = this.painted.get(id);
    if (!old) return;
    if (old.shown) this.layers.get(old.layer)!.delete(old.range);
    this.painted.delete(id);
    if (this.entities.delete(old)) this.restack(old);
  }

  /** Puts `changed` (if still painted) and every entity overlapping it on the layer of its depth. */
  private restack(changed: Painted): void {
    for (const entity of this.entities) {
      if (entity !== changed && (entity.to <= changed.from || changed.to <= entity.from)) continue;
      let depth = 0;
      for (const other of this.entities) if (holds(other, entity)) depth++;
      this.place(entity, layerOf(entity.label, depth));
    }
  }

  /** Hands the browser the spans near the screen now, if that changed: after the article scrolled. */
  follow(): void {
    if (!this.sections) return;
    const near = this.sections.near();
    if (near.from === this.near.from && near.to === this.near.to) return;
    this.near = near;
    for (const painted of this.painted.values()) this.place(painted, painted.layer);
  }

  /** Puts `painted` on `layer`, in the browser's Highlight of it while near the screen. */
  private place(painted: Painted, layer: Layer): void {
    const show = painted.sections.from <= this.near.to && painted.sections.to >= this.near.from;
    if (layer === painted.layer && show === painted.shown) return;
    if (painted.shown) this.layers.get(painted.layer)!.delete(painted.range);
    painted.layer = layer;
    painted.shown = show;
    if (show) this.layers.get(layer)!.add(painted.range);
  }

  /** Marks one range (or none) as selected, hovered or flashing. */
  mark(layer: 'selected' | 'hovered' | 'flash', range: AbstractRange | null): void {
    const highlight = this.layers.get(layer)!;
    highlight.clear();
    if (range) highlight.add(range);
  }

  clear(): void {
    for (const highlight of this.layers.values()) highlight.clear();
    this.painted.clear();
    this.entities.clear();
  }

  dispose(): void {
    for (const layer of this.layers.keys()) CSS.highlights.delete(`hamish-${layer}`);
  }
}
