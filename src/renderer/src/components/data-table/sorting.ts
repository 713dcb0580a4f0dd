import { useMemo, useState } from 'react';
import { isSortable, type DataColumn, type SortValue } from './columns';

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Ascending order of two sort values; no value sorts after every value. */
export function compareValues(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows in the sort's order, or as given when nothing is sorted (the server's order, often
 * "newest first"). Rows without a value stay last in both directions. The sort is stable.
 */
export function sortRows<T>(
  rows: readonly T[],
  columns: readonly DataColumn<T>[],
  sort: SortState | null,
): readonly T[] {
  const column = sort && columns.find((candidate) => candidate.id === sort.columnId);
  if (!sort || !column || !isSortable(column)) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const { compare, sortValue } = column;
  if (compare) return [...rows].sort((a, b) => sign * compare(a, b));
  const keyed = rows.map((row) => ({ row, value: sortValue?.(row) }));
  keyed.sort((a, b) => {
    const aMissing = a.value === null || a.value === undefined || a.value === '';
    const bMissing = b.value === null || b.value === undefined || b.value === '';
    if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
    return sign * compareValues(a.value, b.value);
  });
  return keyed.map((entry) => entry.row);
}

/** A click on a header: ascending, then descending, then back to the given order. */
export function nextSort(current: SortState | null, columnId: string): SortState | null {
  if (current?.columnId !== columnId) return { columnId, direction: 'ascending' };
  if (current.direction === 'ascending') return { columnId, direction: 'descending' };
  return null;
}

export function useSortedRows<T>(
  rows: readonly T[],
  columns: readonly DataColumn<T>[],
  initial: SortState | null,
) {
  const [sort, setSort] = useState<SortState | null>(initial);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  return { sorted, sort, toggle: (columnId: string) => setSort((now) => nextSort(now, columnId)) };
}
