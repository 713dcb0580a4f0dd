import { useEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First row to render (inclusive) and the row after the last one. */
  first: number;
  last: number;
  /** Heights of the empty space above and below, so the scrollbar matches all rows. */
  padTop: number;
  padBottom: number;
}

/**
 * Which rows of a long list of fixed-height rows are inside the scroll container's view, plus
 * `overscan` rows either side so fast scrolling shows no gaps. Only those rows are rendered:
 * 2000 rows of live results would otherwise cost a full table re-render per live batch.
 */
export function useWindowedRows(
  container: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 10,
): RowWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(0);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onScroll = (): void => setScrollTop(element.scrollTop);
    // The observer reports the first size at once, and again when the window is resized.
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight));
    observer.observe(element);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, [container]);

  // Before the first measurement, assume a screenful so the first paint is not empty.
  const height = viewHeight || 1000;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return {
    first,
    last: Math.max(first, last),
    padTop: first * rowHeight,
    padBottom: Math.max(0, (count - Math.max(first, last)) * rowHeight),
  };
}
