import type { TestResult } from '../../../../shared/contract';
import { VerdictBadge } from '../../components/VerdictBadge';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import { MachineLabel } from '../../components/SimMark';

/** Keep in step with `.virtual-table tbody td` in data-table.css. */
const ROW_HEIGHT = 44;

function columns(onBarcode: (barcode: string) => void): DataColumn<TestResult>[] {
  return [
    {
      id: 'at',
      header: 'Time',
      className: 'nowrap',
      cell: (r) => formatDateTime(r.at),
      sortValue: (r) => r.at,
    },
    // The verdict comes first after the time: it must never be the column that is cut off.
    {
      id: 'verdict',
      header: 'Verdict',
      cell: (r) => <VerdictBadge verdict={r.verdict} />,
      sortValue: (r) => r.verdict,
    },
    {
      id: 'line',
      header: 'Line',
      priority: 3,
      cell: (r) => r.lineId,
      title: (r) => r.lineId,
    },
    {
      id: 'machine',
      header: 'Machine',
      cell: (r) => <MachineLabel machineId={r.machineId} />,
      title: (r) => r.machineId,
      sortValue: (r) => r.machineId,
    },
    {
      id: 'barcode',
      header: 'Barcode',
      title: (r) => r.barcode,
      sortValue: (r) => r.barcode,
      cell: (r) => (
        <button
          type="button"
          className="link-button"
          title="Show this unit's whole history"
          onClick={() => onBarcode(r.barcode)}
        >
          {r.barcode}
        </button>
      ),
    },
    {
      id: 'product',
      header: 'Product',
      priority: 3,
      cell: (r) => r.productId,
      title: (r) => r.productId,
    },
    { id: 'step', header: 'Step', cell: (r) => r.testStep, title: (r) => r.testStep },
    {
      id: 'value',
      header: 'Value',
      align: 'end',
      cell: (r) => `${formatNumber(r.measuredValue)}${r.unit ? ` ${r.unit}` : ''}`,
      sortValue: (r) => r.measuredValue,
    },
    {
      id: 'attempt',
      header: 'Attempt',
      align: 'end',
      priority: 3,
      cell: (r) => String(r.attempt),
    },
  ];
}

export function ResultTable({
  results,
  onBarcode,
}: {
  results: readonly TestResult[];
  onBarcode: (barcode: string) => void;
}) {
  return (
    <DataTable
      rows={results}
      columns={columns(onBarcode)}
      rowKey={(result) => result.id}
      caption="Test results, newest first"
      virtual={{ rowHeight: ROW_HEIGHT }}
      testId="result-table"
    />
  );
}
