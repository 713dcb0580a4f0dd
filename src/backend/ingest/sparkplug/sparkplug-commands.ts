import type { CommandName, SparkplugMetricRole } from '../../../shared/contract';
import { dataTypeName } from './birth-metrics';
import type { MetricValue } from './sparkplug-codec';
import { DataType } from './sparkplug-schema';

/**
 * Linewatch commands as Sparkplug writes (issue 17): an admin gives a mapped device's metric
 * the meaning `command_<name>`; the command is then an NCMD (the node's own metrics) or DCMD
 * writing that metric, and the edge node's next report of the metric is the answer: the value
 * written means done (ok), another value means refused (failed). No report within the
 * command timeout is a timeout, as for JSON commands.
 */

/** Where a command is written: the device, its metric and the metric's born data type. */
export interface SparkplugCommandTarget {
  groupId: string;
  edgeNodeId: string;
  deviceId: string;
  metric: string;
  datatype: number;
}

export const COMMAND_ROLE: Record<CommandName, SparkplugMetricRole> = {
  start: 'command_start',
  stop: 'command_stop',
  reset: 'command_reset',
  set_rate: 'command_set_rate',
};

export function isCommandRole(role: SparkplugMetricRole): boolean {
  return role.startsWith('command_');
}

/** The metric an admin gave the command's meaning, if any. */
export function commandMetric(
  roles: Readonly<Record<string, SparkplugMetricRole>>,
  command: CommandName,
): string | null {
  const wanted = COMMAND_ROLE[command];
  return Object.entries(roles).find(([, role]) => role === wanted)?.[0] ?? null;
}

const NUMERIC = new Set<number>([
  DataType.Int8,
  DataType.Int16,
  DataType.Int32,
  DataType.Int64,
  DataType.UInt8,
  DataType.UInt16,
  DataType.UInt32,
  DataType.UInt64,
  DataType.Float,
  DataType.Double,
]);
const INTEGER = new Set<number>([
  DataType.Int8,
  DataType.Int16,
  DataType.Int32,
  DataType.Int64,
  DataType.UInt8,
  DataType.UInt16,
  DataType.UInt32,
  DataType.UInt64,
]);

/**
 * The value a command writes into a metric of this data type: start, stop and reset a true
 * Boolean, a 1 or the command's name; set_rate its units per minute (a number metric only).
 */
export function commandValue(
  command: CommandName,
  args: Readonly<Record<string, unknown>>,
  datatype: number,
): { ok: true; value: MetricValue } | { ok: false; reason: string } {
  const type = dataTypeName(datatype);
  if (command === 'set_rate') {
    const rate = args.units_per_minute;
    if (typeof rate !== 'number' || !NUMERIC.has(datatype)) {
      return { ok: false, reason: `set_rate needs a number metric (this one is ${type})` };
    }
    return { ok: true, value: INTEGER.has(datatype) ? Math.round(rate) : rate };
  }
  if (datatype === DataType.Boolean) return { ok: true, value: true };
  if (NUMERIC.has(datatype)) return { ok: true, value: 1 };
  if (datatype === DataType.String || datatype === DataType.Text) {
    return { ok: true, value: command };
  }
  return { ok: false, reason: `${command} cannot be written to a ${type} metric` };
}

/** The edge node's report of the metric after a write: the answer to the command. */
export function commandAnswer(
  metric: string,
  written: MetricValue,
  reported: MetricValue,
): { ok: boolean; message: string } {
  const shown = (value: MetricValue) => JSON.stringify(value)?.slice(0, 40) ?? String(value);
  // Floats travel as 32-bit: compare what was written as the metric can hold it.
  const same =
    typeof written === 'number' && typeof reported === 'number'
      ? Math.fround(written) === Math.fround(reported) || written === reported
      : written === reported;
  return same
    ? { ok: true, message: `Sparkplug: ${metric} = ${shown(reported)}` }
    : {
        ok: false,
        message: `Sparkplug: ${metric} reported ${shown(reported)} after the command wrote ${shown(written)}`,
      };
}
