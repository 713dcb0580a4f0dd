import { z } from 'zod';

/**
 * Payloads as the machines (and the simulator) write them, in the contract's snake_case.
 * The parser reads them into the camelCase `ParsedMessage`.
 */

/** ISO 8601 with a zone, or epoch milliseconds. */
export type ProtocolTimestamp = string | number;

export const MACHINE_STATES = ['running', 'idle', 'down', 'maintenance', 'offline'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export interface TestResultPayload {
  barcode: string;
  machine_id: string;
  product_id: string;
  test_step: string;
  measured_value: number;
  timestamp: ProtocolTimestamp;
  unit?: string;
  operator?: string;
  message_id?: string;
}

/** Any numeric field besides the named ones is an extra metric (`vibration`, `power_kw`, ...). */
export interface TelemetryPayload {
  timestamp: ProtocolTimestamp;
  temperature?: number;
  units_produced?: number;
  [extraMetric: string]: number | string | undefined;
}

/** The last will `{"state":"offline"}` has no timestamp; every other state change has one. */
export interface StatePayload {
  timestamp?: ProtocolTimestamp;
  state: MachineState;
  reason?: string;
}

export const COMMAND_NAMES = ['start', 'stop', 'reset', 'set_rate'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface CommandPayload {
  command_id: string;
  command: CommandName;
  /** `set_rate` reads `units_per_minute`; the other commands take none. */
  args: { units_per_minute?: number } & Record<string, unknown>;
  issued_by: string;
  timestamp: ProtocolTimestamp;
}

export interface CommandAckPayload {
  command_id: string;
  ok: boolean;
  message?: string;
}

/**
 * What a machine accepts as a command. It is lenient on purpose: `command` stays a free string
 * so that an unknown command gets a `{ok: false}` answer instead of silence, which the app
 * would record as a time-out. Commands are rare, so zod's cost does not matter here.
 */
export const ReceivedCommandSchema = z.object({
  command_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  command: z.string().max(64),
  args: z.record(z.string(), z.unknown()).optional(),
  issued_by: z.string().max(64).optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
});
export type ReceivedCommand = z.infer<typeof ReceivedCommandSchema>;
