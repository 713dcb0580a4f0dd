import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useLoad } from '../../hooks/use-load';
import { useMachineSnapshots } from '../../hooks/use-machine-snapshots';
import { useNow } from '../../hooks/use-now';
import { LineAlerts } from './LineAlerts';
import { LineOeeCharts, LineTimeline } from './LineCharts';
import './lines.css';

const REFRESH_MS = 60_000;

/** One production line: OEE and output by hour, its machines' states, its active alerts. */
export function LinesPage() {
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const [picked, setPicked] = useState<string | null>(null);
  const lines = plant.data?.lines ?? [];
  const lineId = picked ?? lines[0]?.id ?? null;

  return (
    <section aria-labelledby="page-title" data-testid="page-lines">
      <PageHeader title="Lines" />
      <ErrorMessage error={plant.error} />
      {plant.data && lines.length === 0 && (
        <p className="empty-state">
          No lines yet. A line appears as soon as one of its machines sends a message.
        </p>
      )}
      {lineId && (
        <>
          <div className="chart-controls">
            <SelectField
              label="Line"
              value={lineId}
              options={lines.map((line) => ({
                value: line.id,
                label: line.name && line.name !== line.id ? `${line.name} · ${line.id}` : line.id,
              }))}
              onChange={setPicked}
            />
          </div>
          <LineView
            key={lineId}
            lineId={lineId}
            machineIds={(plant.data?.machines ?? [])
              .filter((machine) => machine.lineId === lineId)
              .map((machine) => machine.id)}
          />
        </>
      )}
    </section>
  );
}

function LineView({ lineId, machineIds }: { lineId: string; machineIds: string[] }) {
  const minute = Math.floor(useNow(REFRESH_MS) / REFRESH_MS);
  const { machines } = useMachineSnapshots();
  // A state change of a machine of the line redraws the timeline at once, not a minute later.
  const states = machines
    .filter((machine) => machine.lineId === lineId)
    .map((machine) => `${machine.machineId}:${machine.state}:${machine.stateSince}`)
    .join(',');
  const idsKey = machineIds.join(',');
  const stableIds = useMemo(() => (idsKey ? idsKey.split(',') : []), [idsKey]);
  return (
    <div className="lines-grid">
      <LineOeeCharts lineId={lineId} refreshKey={String(minute)} />
      <LineTimeline lineId={lineId} machineIds={stableIds} refreshKey={`${minute}|${states}`} />
      <LineAlerts lineId={lineId} />
    </div>
  );
}
