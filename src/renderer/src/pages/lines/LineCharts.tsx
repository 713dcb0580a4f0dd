import { useMemo } from 'react';
import type { OeeRow } from '../../../../shared/contract';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/use-load';
import { chartColors } from '../../lib/echarts';
import { oeeOption, timelineOption, unitsOption } from './line-charts';
import { machinesOeeOption, machinesUnitsOption } from './machine-rate-charts';
import { useSimulated } from '../../state/simulated-store';

const DAY_MS = 24 * 60 * 60_000;

interface LineChartsProps {
  lineId: string;
  machineIds: readonly string[];
  /** Changes once a minute, and when a machine of the line changes state. */
  refreshKey: string;
}

function hasFigures(row: OeeRow): boolean {
  return row.units > 0 || row.runS > 0 || row.firstPassTested > 0;
}

/** The window both charts describe, fixed per load so they line up. */
function lastDay(): { from: string; to: string; fromMs: number; toMs: number } {
  const toMs = Date.now();
  const fromMs = toMs - DAY_MS;
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), fromMs, toMs };
}

/** OEE with its factors and units per hour over the last 24 hours, from the line's total rows. */
export function LineOeeCharts({ lineId, refreshKey }: Omit<LineChartsProps, 'machineIds'>) {
  const { data, error } = useLoad(async () => {
    const range = lastDay();
    const rows = await api.call('oee.report', {
      from: range.from,
      to: range.to,
      bucket: 'hour',
      lineId,
    });
    // machineId null marks the line's total; the other rows are its machines. Who sees only
    // some of the line's machines (an operator) gets no total: chart those machines instead.
    // An hour in which the machines neither ran, produced nor tested is no data: a machine
    // registered but never heard still gets hourly rows (availability 0 of a few seconds).
    const own = rows.filter((row) => row.lineId === lineId && hasFigures(row));
    const totals = own.filter((row) => row.machineId === null);
    return totals.length > 0 || own.length === 0
      ? { rows: totals, perMachine: false, range }
      : { rows: own, perMachine: true, range };
  }, `${lineId}|${refreshKey}`);
  const options = useMemo(() => {
    const colors = chartColors();
    if (!data || data.rows.length === 0) return null;
    return data.perMachine
      ? {
          oee: machinesOeeOption(data.rows, colors, data.range),
          units: machinesUnitsOption(data.rows, colors, data.range),
        }
      : {
          oee: oeeOption(data.rows, colors, data.range),
          units: unitsOption(data.rows, colors, data.range),
        };
  }, [data]);
  const whose = data?.perMachine ? `your machines of line ${lineId}` : `line ${lineId}`;
  const noData = data && data.rows.length === 0 && (
    <p className="empty-state" data-testid="line-chart-empty">
      No data for {whose} in the last 24 h.
    </p>
  );
  return (
    <>
      <section className="panel" aria-labelledby="line-oee-title">
        <h2 id="line-oee-title">OEE per hour, last 24 h</h2>
        <ErrorMessage error={error} />
        {noData}
        {options && (
          <EChart
            option={options.oee}
            label={
              data?.perMachine
                ? `OEE of ${whose} per hour`
                : `OEE, availability, performance and quality of line ${lineId} per hour`
            }
            height={300}
            testId="line-oee-chart"
          />
        )}
      </section>
      <section className="panel" aria-labelledby="line-units-title">
        <h2 id="line-units-title">Units per hour</h2>
        {noData}
        {options && (
          <EChart
            option={options.units}
            label={`Units produced by ${whose} per hour`}
            height={300}
            testId="line-units-chart"
          />
        )}
      </section>
    </>
  );
}

/** Every state period (running, idle, down, maintenance, offline) of the line's machines, 24 h. */
export function LineTimeline({ lineId, machineIds, refreshKey }: LineChartsProps) {
  const simulated = useSimulated((state) => state.simulated);
  const { data, error } = useLoad(async () => {
    const range = lastDay();
    const periods = await api.call('machines.states', { from: range.from, to: range.to, lineId });
    return { periods, range };
  }, `${lineId}|${refreshKey}`);
  const option = useMemo(() => {
    if (!data) return null;
    // Machines with periods but not (yet) in the plant list still get a row.
    const ids = [...new Set([...machineIds, ...data.periods.map((period) => period.machineId)])];
    return timelineOption({
      machineIds: ids.sort(),
      simulated,
      periods: data.periods,
      fromMs: data.range.fromMs,
      toMs: data.range.toMs,
      colors: chartColors(),
    });
  }, [data, machineIds, simulated]);
  const simulatedHere = machineIds.filter((id) => simulated.has(id));
  const rows = Math.max(machineIds.length, 1);
  return (
    <section className="panel lines-wide" aria-labelledby="line-timeline-title">
      <h2 id="line-timeline-title">Machine states, last 24 h</h2>
      <p className="muted chart-note">
        Each bar is a state, named with its symbol in the legend and tooltip; a gap means no state
        was reported yet.
      </p>
      <ErrorMessage error={error} />
      {option && (
        <EChart
          option={option}
          label={`State periods of the machines of line ${lineId}${
            simulatedHere.length > 0 ? ` (simulated: ${simulatedHere.join(', ')})` : ''
          }`}
          // A row per machine, so a long line stays readable.
          height={90 + rows * 44}
          testId="line-timeline"
        />
      )}
    </section>
  );
}
