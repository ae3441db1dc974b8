import { LABELS, type Label } from '../../../electron/contract/labels.ts';

/**
 * Paints spans with the CSS Custom Highlight API: ranges over the editor's text, drawn by the
 * browser without touching the DOM, so thousands of spans cost milliseconds and Arabic letters keep
 * joining across highlight edges. One Highlight per label and nesting depth; `selected` and
 * `hovered` draw above.
 *
 * An entity inside another entity (إيران as location inside an actor) is painted above the one
 * holding it, with its underline lower down (styles.css), so its own colour and line show over
 * its range and the outer one's line still runs through it.
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
  readonly range: Range;
  layer: Layer;
}

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
  private readonly marks = new Map<'selected' | 'hovered' | 'flash', Range | null>();

  constructor() {
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
  paint(id: number, label: Label, from: number, to: number, range: Range): void {
    this.erase(id);
    const painted: Painted = { label, from, to, range, layer: label };
    this.painted.set(id, painted);
    if (label === 'claim') return void this.layers.get(label)!.add(range);
    this.entities.add(painted);
    this.restack(painted);
  }

  erase(id: number): void {
    const old = this.painted.get(id);
    if (!old) return;
    this.layers.get(old.layer)!.delete(old.range);
    this.painted.delete(id);
    if (this.entities.delete(old)) this.restack(old);
  }

  /** Puts `changed` (if still painted) and every entity overlapping it on the layer of its depth. */
  private restack(changed: Painted): void {
    for (const entity of this.entities) {
      if (entity !== changed && (entity.to <= changed.from || changed.to <= entity.from)) continue;
      let depth = 0;
      for (const other of this.entities) if (holds(other, entity)) depth++;
      const layer = layerOf(entity.label, depth);
      if (layer === entity.layer && this.layers.get(layer)!.has(entity.range)) continue;
      this.layers.get(entity.layer)!.delete(entity.range);
      entity.layer = layer;
      this.layers.get(layer)!.add(entity.range);
    }
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
    this.entities.clear();
  }

  dispose(): void {
    for (const layer of this.layers.keys()) CSS.highlights.delete(`hamish-${layer}`);
  }
}
