import type { SpecVersion } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';

interface SpecListProps {
  specs: readonly SpecVersion[];
  /** Offered to those who may set limits: fills the form from a version. */
  onNewVersion?: (spec: SpecVersion) => void;
}

const limit = (value: number | null): string => (value === null ? 'open' : formatNumber(value));

const COLUMNS: readonly DataColumn<SpecVersion>[] = [
  { id: 'product', header: 'Product', cell: (s) => s.productId, sortValue: (s) => s.productId },
  { id: 'step', header: 'Step', cell: (s) => s.testStep, sortValue: (s) => s.testStep },
  {
    id: 'version',
    header: 'Version',
    align: 'end',
    cell: (s) => `v${s.version}`,
    sortValue: (s) => s.version,
  },
  {
    id: 'applies',
    header: 'Applies to',
    cell: (s) => (s.lineId ? `Line ${s.lineId}` : 'Plant-wide'),
  },
  { id: 'lower', header: 'Lower', align: 'end', cell: (s) => limit(s.lower) },
  { id: 'upper', header: 'Upper', align: 'end', cell: (s) => limit(s.upper) },
  {
    id: 'valid-from',
    header: 'Valid from',
    className: 'nowrap',
    cell: (s) => formatDateTime(s.validFrom),
    sortValue: (s) => s.validFrom,
  },
  { id: 'by', header: 'By', cell: (s) => s.createdBy ?? '—' },
];

/** Every version of the limits, newest first; an open side shows as "open". */
export function SpecList({ specs, onNewVersion }: SpecListProps) {
  const columns: readonly DataColumn<SpecVersion>[] = onNewVersion
    ? [
        ...COLUMNS,
        {
          id: 'actions',
          header: 'Actions',
          hideHeader: true,
          cellClassName: 'nowrap',
          cell: (spec) => (
            <button
              type="button"
              onClick={() => onNewVersion(spec)}
              title="New version from this one: fills the form below with these limits"
              aria-label={`New version from ${spec.productId} · ${spec.testStep} v${spec.version}`}
            >
              New version
            </button>
          ),
        },
      ]
    : COLUMNS;
  return (
    <DataTable
      rows={specs}
      columns={columns}
      rowKey={(spec) => spec.id}
      caption="Spec limit versions, newest first"
      testId="spec-table"
      scrollClassName="table-scroll-short"
      empty="No spec limits yet: every result is NO SPEC."
    />
  );
}
