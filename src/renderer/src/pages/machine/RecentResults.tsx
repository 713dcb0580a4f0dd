import type { TestResult } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { ErrorMessage } from '../../components/ErrorMessage';
import { VerdictBadge } from '../../components/VerdictBadge';
import { formatNumber } from '../../lib/format';
import { formatUntil } from '../../lib/time';
import { useMachineResults } from './use-machine-results';

const COLUMNS: readonly DataColumn<TestResult>[] = [
  { id: 'at', header: 'Time', cellClassName: 'nowrap', cell: (r) => formatUntil(r.at) },
  // The verdict next to the time: never the column that is cut off.
  {
    id: 'verdict',
    header: 'Verdict',
    cellClassName: 'nowrap',
    cell: (r) => <VerdictBadge verdict={r.verdict} />,
  },
  {
    id: 'barcode',
    header: 'Barcode',
    cellClassName: 'cell-id',
    title: (r) => r.barcode,
    cell: (r) => <code>{r.barcode}</code>,
  },
  {
    id: 'product',
    header: 'Product · step',
    cellClassName: 'cell-flex',
    cell: (r) => `${r.productId} · ${r.testStep}`,
  },
  {
    id: 'value',
    header: 'Value',
    align: 'end',
    cellClassName: 'nowrap',
    cell: (r) => `${formatNumber(r.measuredValue)} ${r.unit ?? ''}`,
  },
];

export function RecentResults({ machineId }: { machineId: string }) {
  const { results, loaded, error } = useMachineResults(machineId);
  return (
    <section className="panel" aria-labelledby="recent-results-title">
      <h2 id="recent-results-title">Recent test results</h2>
      <ErrorMessage error={error} />
      <DataTable
        rows={results}
        columns={COLUMNS}
        rowKey={(result) => result.id}
        testId="machine-results"
        compact
        scrollClassName="table-scroll-short"
        empty={loaded ? 'No test results from this machine yet.' : undefined}
      />
    </section>
  );
}
