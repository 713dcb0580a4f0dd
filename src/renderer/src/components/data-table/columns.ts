import type { ReactNode } from 'react';

/**
 * How much a column matters to the operator. 1 always shows; 2 and 3 make way when the table
 * is narrow (a 1366 px screen, or panels two or three abreast), 3 first.
 */
export type ColumnPriority = 1 | 2 | 3;

/** What a sortable column sorts by; `null` (no value) always sorts last. */
export type SortValue = string | number | null | undefined;

export interface DataColumn<T> {
  /** Stable id: the React key, the sort state and the cell override of a custom row. */
  id: string;
  /** Header text. With `hideHeader`, it is for screen readers only (e.g. "Actions"). */
  header: ReactNode;
  hideHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** The full value on hover, for cells that may end in an ellipsis. */
  title?: (row: T) => string | undefined;
  /** `end` right-aligns numbers (the `.numeric` look). */
  align?: 'start' | 'end';
  /** Classes on the header and the cells, e.g. `cell-id`, `cell-flex`, `cell-when`, `nowrap`. */
  className?: string;
  /** Classes on the body cells only. */
  cellClassName?: string;
  priority?: ColumnPriority;
  /** Pinned to the right edge (`.cell-pin`): the row's action or verdict stays in reach. */
  pin?: boolean;
  /** The cell names its row (`<th scope="row">`), as a username does in the accounts table. */
  rowHeader?: boolean;
  /** Makes the column sortable by this value … */
  sortValue?: (row: T) => SortValue;
  /** … or by this comparator (ascending). */
  compare?: (a: T, b: T) => number;
}

/**
 * The widths at which columns make way, the same steps as the container queries in
 * data-table.css: at 1400 px or less priority 3 goes, at 900 px or less priority 2.
 */
export const PRIORITY_STEPS: readonly { maxWidth: number; shows: ColumnPriority }[] = [
  { maxWidth: 900, shows: 1 },
  { maxWidth: 1400, shows: 2 },
];

/** The lowest priority that still shows at this width; 0 means "not measured yet": all show. */
export function shownPriority(width: number): ColumnPriority {
  if (width <= 0) return 3;
  return PRIORITY_STEPS.find((step) => width <= step.maxWidth)?.shows ?? 3;
}

export function visibleColumns<T>(
  columns: readonly DataColumn<T>[],
  width: number,
): DataColumn<T>[] {
  const shows = shownPriority(width);
  return columns.filter((column) => (column.priority ?? 1) <= shows);
}

export function isSortable<T>(column: DataColumn<T>): boolean {
  return column.sortValue !== undefined || column.compare !== undefined;
}

export function headerClass<T>(column: DataColumn<T>): string | undefined {
  return classes(column.align === 'end' && 'numeric', column.className, column.pin && 'cell-pin');
}

export function cellClass<T>(column: DataColumn<T>): string | undefined {
  return classes(headerClass(column), column.cellClassName);
}

export function classes(...names: (string | false | null | undefined)[]): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined || undefined;
}
