import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { chartColors } from '../../lib/echarts';
import { trendOption, type TrendPoint } from './trend-option';

const HOUR_MS = 60 * 60_000;
type Range = '1h' | '8h' | '24h' | '7d';
const RANGES: readonly { value: Range; label: string; ms: number }[] = [
  { value: '1h', label: '1 hour', ms: HOUR_MS },
  { value: '8h', label: '8 hours', ms: 8 * HOUR_MS },
  { value: '24h', label: '24 hours', ms: 24 * HOUR_MS },
  { value: '7d', label: '7 days', ms: 7 * 24 * HOUR_MS },
];
/** How many points the live chart keeps; older ones scroll off the left. */
const LIVE_WINDOW = 500;
const REFRESH_MS = 60_000;

/** A metric of the machine over time: average, min–max band, alarm limits, live tail. */
export function TrendPanel({ machineId }: { machineId: string }) {
  const [metric, setMetric] = useState('temperature');
  const [range, setRange] = useState<Range>('1h');
  // Whole minutes are rolled up; a reload a minute brings the band up to date.
  const minute = Math.floor(useNow(REFRESH_MS) / REFRESH_MS);
  const history = useLoad(() => {
    const to = Date.now();
    const span = RANGES.find((option) => option.value === range)?.ms ?? HOUR_MS;
    return api.call('telemetry.history', {
      machineId,
      metric,
      from: new Date(to - span).toISOString(),
      to: new Date(to).toISOString(),
    });
  }, `${machineId}|${metric}|${range}|${minute}`);
  const thresholds = useLoad(() => api.call('thresholds.list', { machineId }), machineId);

  const live = metric === 'temperature' && range === '1h';
  const tail = useLiveTail(machineId, live);
  const points = useMemo(
    () => (history.data?.metric === metric ? history.data.points : []),
    [history.data, metric],
  );
  const threshold =
    thresholds.data?.find((row) => row.machineId === machineId && row.metric === metric) ?? null;

  const line = useMemo(() => {
    const lastAt = points.length > 0 ? Date.parse(points[points.length - 1]!.at) : -Infinity;
    const averages: TrendPoint[] = points.map((point) => [Date.parse(point.at), point.avg]);
    // Live readings after the start of the last rolled-up minute continue the average line:
    // the minute being written is still partial, so its newest readings must show at once.
    if (live) averages.push(...tail.filter(([at]) => at > lastAt));
    return averages.slice(-LIVE_WINDOW);
  }, [points, tail, live]);
  const option = useMemo(
    () => trendOption({ history: points, line, threshold, metric, colors: chartColors() }),
    [points, line, threshold, metric],
  );
  const lastPoint = line[line.length - 1];

  const metrics = [...new Set([metric, ...(history.data?.metrics ?? [])])].sort();
  return (
    <section className="panel trend-panel" aria-labelledby="trend-title" data-testid="trend-panel">
      <h2 id="trend-title">Trend</h2>
      <div className="chart-controls">
        <SelectField
          label="Metric"
          value={metric}
          options={metrics.map((name) => ({ value: name, label: name }))}
          onChange={setMetric}
        />
        <SelectField label="Range" value={range} options={RANGES} onChange={setRange} />
        {live && <p className="chart-note muted">Live: new readings are added as they arrive.</p>}
      </div>
      <ErrorMessage error={history.error ?? thresholds.error} />
      {/* What the chart ends on, for people using a screen reader and for tests. */}
      <p className="visually-hidden" data-testid="trend-last" data-value={lastPoint?.[1] ?? ''}>
        {lastPoint ? `Latest ${metric}: ${lastPoint[1]}` : `No ${metric} yet`}
      </p>
      <EChart
        option={option}
        label={`${metric} of ${machineId}, ${RANGES.find((r) => r.value === range)?.label ?? ''}`}
        height={340}
        testId="trend-chart"
      />
      {history.data && points.length === 0 && tail.length === 0 && (
        <p className="empty-state">No {metric} readings in this range.</p>
      )}
    </section>
  );
}

/** The machine's temperature readings as they arrive, at most the live window. */
function useLiveTail(machineId: string, enabled: boolean): readonly TrendPoint[] {
  const [tail, setTail] = useState<readonly TrendPoint[]>([]);
  useLiveTopic('machines.snapshot', (items) => {
    if (!enabled) return;
    const fresh: TrendPoint[] = [];
    for (const snapshot of items) {
      if (snapshot.machineId !== machineId || snapshot.temperature === null) continue;
      const at = snapshot.lastSeenAt ? Date.parse(snapshot.lastSeenAt) : Date.now();
      fresh.push([at, snapshot.temperature]);
    }
    if (fresh.length === 0) return;
    setTail((current) => {
      const last = current[current.length - 1];
      // A snapshot also comes for a state change; the same reading is not a new point.
      const added = fresh.filter(([at]) => !last || at > last[0]);
      return added.length === 0 ? current : [...current, ...added].slice(-LIVE_WINDOW);
    });
  });
  return tail;
}
