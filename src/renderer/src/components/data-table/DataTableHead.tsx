import { headerClass, isSortable, type DataColumn } from './columns';
import type { SortState } from './sorting';

interface DataTableHeadProps<T> {
  columns: readonly DataColumn<T>[];
  sort: SortState | null;
  onSort: (columnId: string) => void;
  /** Set on windowed tables, whose rows carry their index among all rows. */
  rowIndex?: number;
}

/**
 * The header row. A sortable header holds a button (reached with Tab, pressed with Enter or
 * Space); the sorted one says its direction with aria-sort, and an arrow for the eye.
 */
export function DataTableHead<T>({ columns, sort, onSort, rowIndex }: DataTableHeadProps<T>) {
  return (
    <thead>
      <tr aria-rowindex={rowIndex}>
        {columns.map((column) => {
          const direction = sort?.columnId === column.id ? sort.direction : undefined;
          const label = column.hideHeader ? (
            <span className="visually-hidden">{column.header}</span>
          ) : (
            column.header
          );
          return (
            <th key={column.id} scope="col" className={headerClass(column)} aria-sort={direction}>
              {isSortable(column) ? (
                <button type="button" className="sort-button" onClick={() => onSort(column.id)}>
                  {label}
                  <span className="sort-mark" aria-hidden="true">
                    {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                  </span>
                </button>
              ) : (
                label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
