import type { TestResult } from '../../../../shared/contract';
import { VerdictBadge } from '../../components/VerdictBadge';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import { MachineLabel } from '../../components/SimMark';

/** Keep in step with `.virtual-table tbody tr` in styles.css. */
const ROW_HEIGHT = 44;

function columns(onBarcode: (barcode: string) => void): Column<TestResult>[] {
  return [
    { key: 'at', label: 'Time', className: 'nowrap', render: (r) => formatDateTime(r.at) },
    // The verdict comes first after the time: it must never be the column that is cut off.
    { key: 'verdict', label: 'Verdict', render: (r) => <VerdictBadge verdict={r.verdict} /> },
    {
      key: 'line',
      label: 'Line',
      className: 'col-p3',
      render: (r) => r.lineId,
      title: (r) => r.lineId,
    },
    {
      key: 'machine',
      label: 'Machine',
      render: (r) => <MachineLabel machineId={r.machineId} />,
      title: (r) => r.machineId,
    },
    {
      key: 'barcode',
      label: 'Barcode',
      title: (r) => r.barcode,
      render: (r) => (
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
      key: 'product',
      label: 'Product',
      className: 'col-p3',
      render: (r) => r.productId,
      title: (r) => r.productId,
    },
    { key: 'step', label: 'Step', render: (r) => r.testStep, title: (r) => r.testStep },
    {
      key: 'value',
      label: 'Value',
      className: 'numeric',
      render: (r) => `${formatNumber(r.measuredValue)}${r.unit ? ` ${r.unit}` : ''}`,
    },
    {
      key: 'attempt',
      label: 'Attempt',
      className: 'numeric col-p3',
      render: (r) => String(r.attempt),
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
    <VirtualTable
      rows={results}
      columns={columns(onBarcode)}
      rowKey={(result) => result.id}
      caption="Test results, newest first"
      rowHeight={ROW_HEIGHT}
      testId="result-table"
    />
  );
}
