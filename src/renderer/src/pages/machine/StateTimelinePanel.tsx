import { useMemo } from 'react';
import type { MachineState, StatePeriod } from '../../../../shared/contract';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/use-load';
import { chartColors } from '../../lib/echarts';
import { formatDuration } from '../../lib/format';
import { STATE_LOOK } from '../../lib/machine-state';
import { TIMELINE_STATES, timelineOption } from '../lines/line-charts';

const DAY_MS = 24 * 60 * 60_000;

interface StateTimelinePanelProps {
  machineId: string;
  /** Changes whenever the machine changes state, so the new period shows at once. */
  refreshKey: string;
}

/** Seconds spent in each state; an open period counts until the end of the range. */
function secondsPerState(periods: readonly StatePeriod[], toMs: number): Map<MachineState, number> {
  const seconds = new Map<MachineState, number>();
  for (const period of periods) {
    const endMs = period.end ? Date.parse(period.end) : toMs;
    const spent = (endMs - Date.parse(period.start)) / 1000;
    seconds.set(period.state, (seconds.get(period.state) ?? 0) + spent);
  }
  return seconds;
}

/** The machine's states over the last 24 hours: a one-row timeline and the time in each state. */
export function StateTimelinePanel({ machineId, refreshKey }: StateTimelinePanelProps) {
  const { data, error } = useLoad(async () => {
    const toMs = Date.now();
    const fromMs = toMs - DAY_MS;
    const periods = await api.call('machines.states', {
      machineId,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
    });
    return { periods: periods.filter((period) => period.machineId === machineId), fromMs, toMs };
  }, `${machineId}|${refreshKey}`);
  const view = useMemo(() => {
    if (!data) return null;
    return {
      option: timelineOption({
        machineIds: [machineId],
        periods: data.periods,
        fromMs: data.fromMs,
        toMs: data.toMs,
        colors: chartColors(),
      }),
      seconds: secondsPerState(data.periods, data.toMs),
    };
  }, [data, machineId]);
  return (
    <section
      className="panel state-timeline-panel"
      aria-labelledby="state-timeline-title"
      data-testid="state-timeline-panel"
    >
      <h2 id="state-timeline-title">State timeline, last 24 h</h2>
      <ErrorMessage error={error} />
      {view && (
        <>
          {/* The same figures as words, so the chart is never the only way to read them. */}
          <ul className="state-summary" aria-label="Time in each state">
            {TIMELINE_STATES.filter((state) => view.seconds.has(state)).map((state) => (
              <li
                key={state}
                className={`state-badge state-${state}`}
                data-testid="state-time"
                data-state={state}
              >
                <span className="state-glyph" aria-hidden="true">
                  {STATE_LOOK[state].glyph}
                </span>
                {STATE_LOOK[state].label} {formatDuration(view.seconds.get(state) ?? 0)}
              </li>
            ))}
          </ul>
          <EChart
            option={view.option}
            label={`State periods of machine ${machineId}`}
            height={150}
            testId="machine-state-timeline"
          />
        </>
      )}
    </section>
  );
}
