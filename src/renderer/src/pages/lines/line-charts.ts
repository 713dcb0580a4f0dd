import type { CustomSeriesRenderItem } from 'echarts';
import type { MachineState, OeeRow, StatePeriod } from '../../../../shared/contract';
import { formatDuration } from '../../lib/format';
import {
  axisLook,
  baseOption,
  echarts,
  type ChartColors,
  type ChartOption,
} from '../../lib/echarts';
import { STATE_LOOK } from '../../lib/machine-state';
import {
  hourMiddle,
  percent,
  percentFrame,
  unitsFrame,
  type TimeRange,
} from './hourly-chart-frame';
import { formatUntil } from '../../lib/time';

const RATIOS = [
  { key: 'oee', label: 'OEE' },
  { key: 'availability', label: 'Availability' },
  { key: 'performance', label: 'Performance' },
  { key: 'quality', label: 'Quality' },
] as const;

/** OEE and its three factors, hour by hour, as percent. */
export function oeeOption(
  rows: readonly OeeRow[],
  colors: ChartColors,
  range: TimeRange,
): ChartOption {
  const palette = [colors.accent, colors.ok, colors.warn, colors.info];
  return {
    ...percentFrame(colors, range),
    series: RATIOS.map(({ key, label }, index) => ({
      id: key,
      name: label,
      type: 'line' as const,
      data: rows.map((row) => [Date.parse(row.bucketStart), percent(row[key])]),
      // OEE is the figure that matters; the factors explain it and stay thinner.
      lineStyle: { width: key === 'oee' ? 3 : 1.5 },
      itemStyle: { color: palette[index] },
      symbolSize: key === 'oee' ? 6 : 4,
      connectNulls: false,
    })),
  };
}

/** Units produced per hour, as bars. */
export function unitsOption(
  rows: readonly OeeRow[],
  colors: ChartColors,
  range: TimeRange,
): ChartOption {
  return {
    ...unitsFrame(colors, range, false),
    series: [
      {
        id: 'units',
        name: 'Units',
        type: 'bar',
        // Bars sit in the middle of their hour, not on its start.
        data: rows.map((row) => [hourMiddle(row), row.units]),
        barMaxWidth: 24,
        itemStyle: { color: colors.accent },
      },
    ],
  };
}

/** Every state a machine reports, so running and idle are told apart on the timeline too. */
export const TIMELINE_STATES: readonly MachineState[] = [
  'running',
  'idle',
  'down',
  'maintenance',
  'offline',
];

export function stateColor(state: MachineState, colors: ChartColors): string {
  const byState: Record<MachineState, string> = {
    running: colors.ok,
    idle: colors.warn,
    down: colors.danger,
    maintenance: colors.info,
    offline: colors.muted,
  };
  return byState[state];
}

/** Legend and tooltip name of a state: its glyph and word, so colour is never the only cue. */
export function stateName(state: MachineState): string {
  const look = STATE_LOOK[state];
  return `${look.glyph} ${look.label}`;
}

type Bar = [row: number, start: number, end: number, reason: string, machineId: string];

/** One bar per period: from start to end along time, on the machine's row. */
const renderPeriod: CustomSeriesRenderItem = (_params, api) => {
  const row = Number(api.value(0));
  const start = api.coord([Number(api.value(1)), row]);
  const end = api.coord([Number(api.value(2)), row]);
  const size = api.size?.([0, 1]);
  const rowHeight = Array.isArray(size) ? (size[1] ?? 20) : 20;
  const height = rowHeight * 0.6;
  if (!start || !end || start[0] === undefined || end[0] === undefined) return null;
  return {
    type: 'rect',
    shape: {
      x: start[0],
      y: (start[1] ?? 0) - height / 2,
      // A period of a few seconds is still visible as a sliver.
      width: Math.max(end[0] - start[0], 2),
      height,
    },
    style: api.style(),
  };
};

interface TimelineInput {
  machineIds: readonly string[];
  /** Machines a simulator run registered: their row label carries the SIM mark. */
  simulated?: ReadonlySet<string>;
  periods: readonly StatePeriod[];
  fromMs: number;
  toMs: number;
  colors: ChartColors;
}

/** A Gantt of every machine of the line: one row each, one series (and legend entry) per state. */
export function timelineOption(input: TimelineInput): ChartOption {
  const { colors, machineIds } = input;
  const look = axisLook(colors);
  const rowOf = new Map(machineIds.map((id, index) => [id, index]));
  return {
    ...baseOption(colors),
    grid: { left: 90, right: 24, top: 44, bottom: 36 },
    legend: {
      top: 0,
      icon: 'rect',
      textStyle: { color: colors.text, fontSize: 14 },
      data: TIMELINE_STATES.map(stateName),
    },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        if (!item) return '';
        const [, start, end, reason, machineId] = item.value as Bar;
        const enc = echarts.format.encodeHTML;
        // Reasons come from the machines over MQTT: encoded, never trusted as HTML.
        return [
          `<strong>${enc(machineId)}</strong> · ${enc(item.seriesName ?? '')}`,
          `${enc(formatUntil(new Date(start).toISOString()))} – ${enc(formatUntil(new Date(end).toISOString()))} (${enc(formatDuration((end - start) / 1000))})`,
          reason ? `Reason: ${enc(reason)}` : '',
        ]
          .filter(Boolean)
          .join('<br>');
      },
    },
    xAxis: { type: 'time', min: input.fromMs, max: input.toMs, ...look },
    yAxis: {
      type: 'category',
      data: [...machineIds],
      inverse: true,
      ...look,
      axisLabel: {
        ...look.axisLabel,
        // The SIM mark of components/SimMark.tsx, drawn: neutral, outlined, under the id.
        formatter: (id: string) => (input.simulated?.has(id) ? `${id}\n{sim|SIM}` : id),
        rich: {
          sim: {
            color: colors.muted,
            borderColor: colors.muted,
            borderWidth: 1,
            borderRadius: 3,
            padding: [1, 3],
            fontSize: 10,
          },
        },
      },
      splitLine: { show: true, lineStyle: { color: colors.grid } },
    },
    series: TIMELINE_STATES.map((state) => ({
      id: state,
      name: stateName(state),
      type: 'custom' as const,
      renderItem: renderPeriod,
      itemStyle: { color: stateColor(state, colors) },
      encode: { x: [1, 2], y: 0 },
      clip: true,
      data: input.periods
        .filter((period) => period.state === state && rowOf.has(period.machineId))
        .map((period): Bar => {
          const start = Date.parse(period.start);
          const end = period.end ? Date.parse(period.end) : input.toMs;
          return [
            rowOf.get(period.machineId) ?? 0,
            start,
            end,
            period.reason ?? '',
            period.machineId,
          ];
        }),
    })),
  };
}
