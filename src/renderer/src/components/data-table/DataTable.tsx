import { useRef, type HTMLAttributes, type ReactNode } from 'react';
import { cellClass, classes, type DataColumn, visibleColumns } from './columns';
import { DataTableHead } from './DataTableHead';
import { useSortedRows, type SortState } from './sorting';
import { useElementWidth } from './use-element-width';
import { VirtualBody } from './VirtualBody';
import './data-table.css';

/** Attributes of a row or of the scroll box, `data-*` included (test ids, ids for the e2e). */
export type ElementProps<E> = HTMLAttributes<E> & {
  [data: `data-${string}`]: string | number | boolean | undefined;
};

/** What a custom row gets: its cells, with some replaced, and the number of columns shown. */
export interface RowParts {
  cells: (overrides?: Partial<Record<string, ReactNode>>) => ReactNode;
  columnCount: number;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string | number;
  /** Names the table for screen readers; shown only with `showCaption`. */
  caption?: string;
  showCaption?: boolean;
  testId?: string;
  /** Tighter cells, for tables inside panels. */
  compact?: boolean;
  /** A class per row, e.g. the alarm look of an abnormal row or the selected row. */
  rowClass?: (row: T) => string | undefined;
  rowProps?: (row: T) => ElementProps<HTMLTableRowElement>;
  /** A row that is more than its cells (detail rows below it, state of its own). */
  renderRow?: (row: T, parts: RowParts) => ReactNode;
  /** Shown instead of the table when there are no rows; without it, an empty table shows. */
  empty?: ReactNode;
  initialSort?: SortState;
  /** Renders only the rows in view; every row must then be this tall (see data-table.css). */
  virtual?: { rowHeight: number; overscan?: number };
  /** Extra classes and attributes of the scroll box, e.g. `table-scroll-short`. */
  scrollClassName?: string;
  scrollProps?: ElementProps<HTMLDivElement>;
  /** No scroll box: the table sits in its parent as is (small tables inside a panel). */
  bare?: boolean;
}

/**
 * The one table of the renderer: typed columns that make way by priority on narrow screens,
 * sorting by a click (or Enter) on a header, and windowed rows for long lists.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scroller);
  const columns = visibleColumns(props.columns, width);
  const { sorted, sort, toggle } = useSortedRows(
    props.rows,
    props.columns,
    props.initialSort ?? null,
  );
  if (props.rows.length === 0 && props.empty !== undefined) {
    return <p className="empty-state">{props.empty}</p>;
  }
  const renderOne = (row: T, extra?: ElementProps<HTMLTableRowElement>): ReactNode =>
    renderRow(props, row, columns, extra);
  const table = (
    <table
      className={classes(
        'data-table',
        props.compact && 'compact',
        props.virtual && 'virtual-table',
      )}
      data-testid={props.testId}
      aria-rowcount={props.virtual ? sorted.length + 1 : undefined}
    >
      {props.caption && (
        <caption className={props.showCaption ? undefined : 'visually-hidden'}>
          {props.caption}
        </caption>
      )}
      <DataTableHead
        columns={columns}
        sort={sort}
        onSort={toggle}
        rowIndex={props.virtual ? 1 : undefined}
      />
      {props.virtual ? (
        <VirtualBody
          rows={sorted}
          scroller={scroller}
          rowHeight={props.virtual.rowHeight}
          overscan={props.virtual.overscan}
          renderRow={renderOne}
        />
      ) : (
        <tbody>{sorted.map((row) => renderOne(row))}</tbody>
      )}
    </table>
  );
  if (props.bare) return table;
  return (
    <div
      {...props.scrollProps}
      className={classes(
        'table-scroll',
        props.virtual && 'virtual-scroll',
        props.scrollClassName,
        props.scrollProps?.className,
      )}
      ref={scroller}
    >
      {table}
    </div>
  );
}

function renderRow<T>(
  props: DataTableProps<T>,
  row: T,
  columns: readonly DataColumn<T>[],
  extra?: ElementProps<HTMLTableRowElement>,
): ReactNode {
  const key = props.rowKey(row);
  const cells = (overrides?: Partial<Record<string, ReactNode>>): ReactNode =>
    columns.map((column) => {
      const content = overrides && column.id in overrides ? overrides[column.id] : column.cell(row);
      const Cell = column.rowHeader ? 'th' : 'td';
      return (
        <Cell
          key={column.id}
          scope={column.rowHeader ? 'row' : undefined}
          className={cellClass(column)}
          title={column.title?.(row)}
        >
          {content}
        </Cell>
      );
    });
  if (props.renderRow) {
    return (
      <RowFragment key={key}>
        {props.renderRow(row, { cells, columnCount: columns.length })}
      </RowFragment>
    );
  }
  const own = props.rowProps?.(row);
  return (
    <tr
      key={key}
      {...own}
      {...extra}
      className={classes(props.rowClass?.(row), own?.className, extra?.className)}
    >
      {cells()}
    </tr>
  );
}

function RowFragment({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
