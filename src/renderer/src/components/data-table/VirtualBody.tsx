import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode, RefObject } from 'react';
import type { ElementProps } from './DataTable';

interface VirtualBodyProps<T> {
  rows: readonly T[];
  scroller: RefObject<HTMLDivElement | null>;
  rowHeight: number;
  overscan?: number;
  renderRow: (row: T, extra: ElementProps<HTMLTableRowElement>) => ReactNode;
}

/**
 * Only the rows in the scroll box's view (and `overscan` either side) are rendered: 2,000
 * rows of live results would otherwise cost a full table per live batch. Spacer rows above
 * and below keep the scrollbar true to the whole list.
 */
export function VirtualBody<T>({
  rows,
  scroller,
  rowHeight,
  overscan = 10,
  renderRow,
}: VirtualBodyProps<T>) {
  // Nothing memoizes the virtualizer or its answers: they are read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
    // Before the first measurement, assume a screenful so the first paint is not empty.
    initialRect: { width: 0, height: 1000 },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const last = items.at(-1);
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
  return (
    <tbody>
      {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
      {items.map((item) =>
        renderRow(rows[item.index] as T, {
          'aria-rowindex': item.index + 2,
          style: { height: rowHeight },
        }),
      )}
      {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
    </tbody>
  );
}
