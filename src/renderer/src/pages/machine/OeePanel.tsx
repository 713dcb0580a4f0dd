import type { OeeRow } from '../../../../shared/contract';
import { api } from '../../api/client';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { formatCount, formatPercent } from '../../lib/format';

const WINDOW_MS = 8 * 60 * 60_000;
const REFRESH_MS = 60_000;

type Ratio = 'availability' | 'performance' | 'quality' | 'oee';
const RATIOS: readonly { key: Ratio; label: string; short: string }[] = [
  { key: 'oee', label: 'OEE', short: 'OEE' },
  { key: 'availability', label: 'Availability', short: 'Avail.' },
  { key: 'performance', label: 'Performance', short: 'Perf.' },
  { key: 'quality', label: 'Quality', short: 'Qual.' },
];

const HOUR_COLUMNS: readonly DataColumn<OeeRow>[] = [
  {
    id: 'hour',
    header: 'Hour',
    cellClassName: 'nowrap',
    // The backend labels hours in UTC; the floor reads local time.
    cell: (row) => `${hourLabel(row.bucketStart)}–${hourLabel(row.bucketEnd)}`,
  },
  ...RATIOS.map(({ key, label, short }): DataColumn<OeeRow> => ({
    id: key,
    // Short headers: the panel sits two abreast and must not scroll sideways.
    header: <abbr title={label}>{short}</abbr>,
    align: 'end',
    cell: (row) => formatPercent(row[key]),
  })),
  { id: 'units', header: 'Units', align: 'end', cell: (row) => formatCount(row.units) },
];

/** Loads both buckets in one go so the total and the hours always describe the same window. */
async function loadOee(machineId: string) {
  const to = new Date();
  const range = {
    machineId,
    from: new Date(to.getTime() - WINDOW_MS).toISOString(),
    to: to.toISOString(),
  };
  const [total, hours] = await Promise.all([
    api.call('oee.report', { ...range, bucket: 'total' }),
    api.call('oee.report', { ...range, bucket: 'hour' }),
  ]);
  const mine = (rows: OeeRow[]) => rows.filter((row) => row.machineId === machineId);
  return { total: mine(total)[0] ?? null, hours: mine(hours) };
}

/** OEE of the last 8 hours (about a shift): the four ratios large, then hour by hour. */
export function OeePanel({ machineId }: { machineId: string }) {
  // OEE moves slowly; once a minute is plenty and costs the backend little.
  const minute = Math.floor(useNow(REFRESH_MS) / REFRESH_MS);
  const { data, error } = useLoad(() => loadOee(machineId), `${machineId}|${minute}`);
  return (
    <section className="panel" aria-labelledby="oee-title">
      <h2 id="oee-title">OEE, last 8 hours</h2>
      <ErrorMessage error={error} />
      <dl className="kpi-row" data-testid="oee-total">
        {RATIOS.map(({ key, label }) => (
          <div key={key} className={`kpi kpi-${key}`}>
            <dt>{label}</dt>
            <dd>{formatPercent(data?.total?.[key])}</dd>
          </div>
        ))}
        <div className="kpi">
          <dt>Units</dt>
          <dd>{formatCount(data?.total?.units)}</dd>
        </div>
      </dl>
      {data && data.hours.length > 0 && (
        <DataTable
          rows={[...data.hours].reverse()}
          columns={HOUR_COLUMNS}
          rowKey={(row) => row.bucketStart}
          caption="OEE per hour"
          compact
          scrollClassName="oee-hours"
        />
      )}
    </section>
  );
}

const hourFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function hourLabel(iso: string): string {
  return hourFormat.format(new Date(iso));
}
