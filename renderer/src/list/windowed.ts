import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Rows laid out beyond each edge of the view, so a short scroll shows rows already there. */
const OVERSCAN = 8;

export interface RowWindow {
  /** The scrolling element; its list is `rows × rowHeight` tall and places each row itself. */
  readonly scroller: RefObject<HTMLDivElement | null>;
  /** The rows to put in the DOM: `first` up to, not including, `last`. */
  readonly first: number;
  readonly last: number;
}

/**
 * A long list of rows of one height, of which only those in view (and a few either side) are in
 * the DOM: a list of 100,000 costs what a list of 30 does. `keep` is a row to keep in view (the
 * selected one), scrolled to whenever it changes; -1 for none.
 */
export function useRowWindow(rows: number, rowHeight: number, keep: number): RowWindow {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const element = scroller.current!;
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight });
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      resize.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);

  useEffect(() => {
    const element = scroller.current;
    if (!element || keep === -1) return;
    const top = keep * rowHeight;
    if (top < element.scrollTop || top + rowHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = top - element.clientHeight / 3;
    }
  }, [keep, rowHeight]);

  return {
    scroller,
    first: Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN),
    last: Math.min(rows, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN),
  };
}
