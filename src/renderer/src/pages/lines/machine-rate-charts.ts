import type { OeeRow } from '../../../../shared/contract';
import type { ChartColors, ChartOption } from '../../lib/echarts';
import {
  hourMiddle,
  percent,
  percentFrame,
  unitsFrame,
  type TimeRange,
} from './hourly-chart-frame';

/**
 * The Lines page's charts from per-machine rows, for a user who sees some of a line's
 * machines but not the line as a whole (an operator: the API gives no line total then).
 * One series per machine: OEE as lines, units as stacked bars.
 */

function byMachine(rows: readonly OeeRow[]): [string, OeeRow[]][] {
  const groups = new Map<string, OeeRow[]>();
  for (const row of rows) {
    if (row.machineId === null) continue;
    groups.set(row.machineId, [...(groups.get(row.machineId) ?? []), row]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function seriesColors(colors: ChartColors): string[] {
  return [colors.accent, colors.ok, colors.warn, colors.info, colors.text];
}

/** OEE per hour of each machine, as percent. */
export function machinesOeeOption(
  rows: readonly OeeRow[],
  colors: ChartColors,
  range: TimeRange,
): ChartOption {
  const palette = seriesColors(colors);
  return {
    ...percentFrame(colors, range),
    series: byMachine(rows).map(([machineId, own], index) => ({
      id: machineId,
      name: `OEE ${machineId}`,
      type: 'line' as const,
      data: own.map((row) => [Date.parse(row.bucketStart), percent(row.oee)]),
      lineStyle: { width: 2 },
      itemStyle: { color: palette[index % palette.length] },
      symbolSize: 5,
      connectNulls: false,
    })),
  };
}

/** Units per hour, one stacked bar segment per machine. */
export function machinesUnitsOption(
  rows: readonly OeeRow[],
  colors: ChartColors,
  range: TimeRange,
): ChartOption {
  const palette = seriesColors(colors);
  return {
    ...unitsFrame(colors, range, true),
    series: byMachine(rows).map(([machineId, own], index) => ({
      id: machineId,
      name: machineId,
      type: 'bar' as const,
      stack: 'units',
      data: own.map((row) => [hourMiddle(row), row.units]),
      barMaxWidth: 24,
      itemStyle: { color: palette[index % palette.length] },
    })),
  };
}
