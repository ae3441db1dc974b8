/**
 * What a change to a layer's scope makes of it. Marking text out of scope that holds spans of the
 * layer is refused, naming them: an analyst who marks a stretch out does not expect tags to vanish
 * with it, and nothing is ever deleted behind their back (they delete the spans, or mark less).
 */
import { HamishError } from '../../contract/errors.ts';
import type { Span } from '../../contract/contract.ts';
import { subtract, union, type Range } from './ranges.ts';
import type { LayerScope } from './scopes.ts';

export function markOut(scope: LayerScope, range: Range, spans: readonly Pick<Span, 'id' | 'label' | 'start' | 'end'>[], text: (range: Range) => string): LayerScope {
  const [start, end] = range;
  const held = spans.filter((span) => span.start < end && start < span.end);
  if (held.length > 0) {
    const named = held.slice(0, 3).map((span) => `${span.label} «${text([span.start, span.end])}» (${span.start}–${span.end})`);
    const more = held.length > 3 ? ` and ${held.length - 3} more` : '';
    const what = held.length === 1 ? 'a span' : `${held.length} spans`;
    throw new HamishError('invalid_input', `${start}–${end} holds ${what}: ${named.join(', ')}${more}; delete ${held.length === 1 ? 'it' : 'them'} first, or mark less`);
  }
  return { ...scope, out: union([...scope.out, range]) };
}

export function bringIn(scope: LayerScope, range: Range): LayerScope {
  return { ...scope, out: subtract(scope.out, [range]) };
}

/** A proposal turned down: never proposed again in this layer. */
export function reject(scope: LayerScope, range: Range): LayerScope {
  return { ...scope, rejected: union([...scope.rejected, range]) };
}
