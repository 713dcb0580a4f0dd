import type { YieldRow } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatCount, formatPercent } from '../../lib/format';

const COLUMNS: readonly DataColumn<YieldRow>[] = [
  { id: 'product', header: 'Product', cell: (r) => r.productId, sortValue: (r) => r.productId },
  { id: 'step', header: 'Step', cell: (r) => r.testStep, sortValue: (r) => r.testStep },
  {
    id: 'first-pass',
    header: 'First-pass yield',
    align: 'end',
    cell: (r) => formatPercent(r.firstPassYield),
    sortValue: (r) => r.firstPassYield,
  },
  {
    id: 'final',
    header: 'Final yield',
    align: 'end',
    cell: (r) => formatPercent(r.finalYield),
    sortValue: (r) => r.finalYield,
  },
  {
    id: 'good',
    header: 'First pass good / tested',
    align: 'end',
    cell: (r) => `${formatCount(r.firstPassGood)} / ${formatCount(r.firstPassTested)}`,
  },
  {
    id: 'units',
    header: 'Units',
    align: 'end',
    cell: (r) => formatCount(r.units),
    sortValue: (r) => r.units,
  },
  {
    id: 'results',
    header: 'Results',
    align: 'end',
    cell: (r) => formatCount(r.results),
    sortValue: (r) => r.results,
  },
  {
    id: 'no-spec',
    header: 'No spec',
    align: 'end',
    cell: (r) => formatCount(r.noSpec),
    sortValue: (r) => r.noSpec,
  },
];

/** First-pass and final yield per product and step over the last 24 hours. */
export function YieldTable({ rows }: { rows: readonly YieldRow[] }) {
  return (
    <DataTable
      rows={rows}
      columns={COLUMNS}
      rowKey={(row) => `${row.productId}\u0000${row.testStep}`}
      caption="Yield per product and step, last 24 hours"
      testId="yield-table"
      scrollClassName="table-scroll-short"
      empty="No test results in the last 24 h."
    />
  );
}
