import { useRef, type ReactNode } from 'react';
import { useWindowedRows } from '../hooks/use-windowed-rows';

export interface Column<T> {
  key: string;
  label: string;
  className?: string;
  render: (row: T) => ReactNode;
  /** The full value on hover, for cells that may end in an ellipsis. */
  title?: (row: T) => string | undefined;
}

interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  caption: string;
  /** Must match the CSS row height of .virtual-table rows. */
  rowHeight: number;
  testId?: string;
}

/**
 * A table that renders only the rows in view (see useWindowedRows); spacer rows above and
 * below keep the scrollbar true to the full list. Rows have one fixed height for that.
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  rowHeight,
  testId,
}: VirtualTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const view = useWindowedRows(scroller, rows.length, rowHeight);
  const visible = rows.slice(view.first, view.last);
  return (
    <div className="table-scroll virtual-scroll" ref={scroller}>
      <table
        className="data-table virtual-table"
        data-testid={testId}
        aria-rowcount={rows.length + 1}
      >
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.padTop > 0 && <tr aria-hidden="true" style={{ height: view.padTop }} />}
          {visible.map((row, index) => (
            <tr
              key={rowKey(row)}
              aria-rowindex={view.first + index + 2}
              style={{ height: rowHeight }}
            >
              {columns.map((column) => (
                <td key={column.key} className={column.className} title={column.title?.(row)}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
          {view.padBottom > 0 && <tr aria-hidden="true" style={{ height: view.padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
