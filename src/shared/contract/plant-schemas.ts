import { z } from 'zod';
import { Identifier, IsoTime } from './common-schemas';

// Lines, machines, their states, commands, OEE and telemetry history.

export const Line = z.object({ id: Identifier, name: z.string() });
export type Line = z.infer<typeof Line>;

export const Machine = z.object({
  id: Identifier,
  lineId: Identifier,
  name: z.string(),
  /** Registered by a run of the built-in simulator: marked on screens, left out of reports. */
  simulated: z.boolean(),
});
export type Machine = z.infer<typeof Machine>;

export const Plant = z.object({ lines: z.array(Line), machines: z.array(Machine) });
export type Plant = z.infer<typeof Plant>;

export const MachineState = z.enum(['running', 'idle', 'down', 'maintenance', 'offline']);
export type MachineState = z.infer<typeof MachineState>;

/** What a machine tile shows: the latest of everything, kept current by ingest. */
export const MachineSnapshot = z.object({
  machineId: z.string(),
  lineId: z.string(),
  name: z.string(),
  state: MachineState.nullable(),
  stateSince: IsoTime.nullable(),
  reason: z.string().nullable(),
  temperature: z.number().nullable(),
  unitsProduced: z.number().nullable(),
  lastSeenAt: IsoTime.nullable(),
  heartbeatTimeoutS: z.number().int(),
  /** Seconds per unit at full speed (OEE performance); null when not set, absent when unknown. */
  idealCycleTimeS: z.number().nullable().optional(),
});
export type MachineSnapshot = z.infer<typeof MachineSnapshot>;

export const DowntimeEvent = z.object({
  machineId: z.string(),
  lineId: z.string(),
  state: MachineState,
  reason: z.string().nullable(),
  start: IsoTime,
  /** Null while it lasts. */
  end: IsoTime.nullable(),
  durationS: z.number(),
});
export type DowntimeEvent = z.infer<typeof DowntimeEvent>;

/** One stretch of a machine's state history; the timeline draws these. */
export const StatePeriod = z.object({
  machineId: z.string(),
  lineId: z.string(),
  state: MachineState,
  reason: z.string().nullable(),
  /** Cut to the asked range: a state in force at `from` starts at `from`. */
  start: IsoTime,
  /** Null while it lasts (and the range reaches now). */
  end: IsoTime.nullable(),
});
export type StatePeriod = z.infer<typeof StatePeriod>;

export const CommandName = z.enum(['start', 'stop', 'reset', 'set_rate']);
export type CommandName = z.infer<typeof CommandName>;

export const CommandRecord = z.object({
  id: z.string(),
  lineId: z.string(),
  machineId: z.string(),
  command: CommandName,
  args: z.record(z.string(), z.unknown()),
  issuedBy: z.string(),
  issuedAt: IsoTime,
  status: z.enum(['sent', 'ok', 'failed', 'timed_out']),
  answer: z.string().nullable(),
  answeredAt: IsoTime.nullable(),
});
export type CommandRecord = z.infer<typeof CommandRecord>;

/** One row of an OEE report: sums, so rows add up; the ratios are computed from the sums. */
export const OeeRow = z.object({
  lineId: z.string(),
  /** Null on a line's total row. */
  machineId: z.string().nullable(),
  bucketStart: IsoTime,
  bucketEnd: IsoTime,
  /** Shift name for shift buckets. */
  label: z.string(),
  plannedS: z.number(),
  runS: z.number(),
  units: z.number(),
  /** Ideal cycle time × units, in seconds (the numerator of performance). */
  idealS: z.number(),
  firstPassTested: z.number().int(),
  firstPassGood: z.number().int(),
  availability: z.number().nullable(),
  performance: z.number().nullable(),
  quality: z.number().nullable(),
  oee: z.number().nullable(),
});
export type OeeRow = z.infer<typeof OeeRow>;

export const MetricHistory = z.object({
  machineId: z.string(),
  metric: z.string(),
  /** Every metric the machine has rollups of, for a chart's picker. */
  metrics: z.array(z.string()),
  points: z.array(
    z.object({
      at: IsoTime,
      n: z.number().int(),
      min: z.number(),
      max: z.number(),
      avg: z.number(),
    }),
  ),
});
export type MetricHistory = z.infer<typeof MetricHistory>;
