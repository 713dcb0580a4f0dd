import { z } from 'zod';
import { defineMethod } from './define';
import {
  CommandName,
  CommandRecord,
  DowntimeEvent,
  StatePeriod,
  MachineSnapshot,
  MetricHistory,
  OeeRow,
  IsoTime,
  DisplayName,
  Identifier,
} from './schemas';

/** Machines: overview, states, downtime, telemetry, OEE and commands. */
export const machineMethods = {
  'machines.overview': defineMethod({
    summary: 'The latest state, temperature and counter of every machine the caller may see.',
    input: z.object({ lineId: Identifier.optional() }),
    output: z.array(MachineSnapshot),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/machines' },
    example: {},
  }),
  'machines.configure': defineMethod({
    summary: 'Renames a machine or sets its heartbeat timeout and ideal cycle time.',
    input: z.object({
      machineId: Identifier,
      name: DisplayName.optional(),
      heartbeatTimeoutS: z.number().int().min(5).max(86_400).optional(),
      idealCycleTimeS: z.number().positive().max(86_400).nullable().optional(),
    }),
    output: MachineSnapshot,
    permission: 'plant.manage',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'PATCH', path: '/machines/:machineId' },
    example: { machineId: 'M-1', heartbeatTimeoutS: 60 },
  }),
  'downtime.list': defineMethod({
    summary: 'Periods a machine was down, in maintenance or offline, with reasons and durations.',
    input: z.object({
      from: IsoTime,
      to: IsoTime,
      lineId: Identifier.optional(),
      machineId: Identifier.optional(),
    }),
    output: z.array(DowntimeEvent),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/downtime' },
    example: { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
  }),
  'machines.states': defineMethod({
    summary:
      'Every state period (running, idle, down, maintenance, offline) in a range, cut to it.',
    input: z.object({
      from: IsoTime,
      to: IsoTime,
      lineId: Identifier.optional(),
      machineId: Identifier.optional(),
    }),
    output: z.array(StatePeriod),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/machines/states' },
    example: { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
  }),
  'telemetry.history': defineMethod({
    summary:
      'Per-minute min, average and max of one metric of a machine (units: produced per minute).',
    input: z.object({
      machineId: Identifier,
      metric: z.string().min(1).max(64).default('temperature'),
      from: IsoTime,
      to: IsoTime,
    }),
    output: MetricHistory,
    permission: 'plant.view',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'GET', path: '/machines/:machineId/history' },
    example: { machineId: 'M-1', from: '2026-11-22T00:00:00Z', to: '2026-11-22T08:00:00Z' },
  }),
  'oee.report': defineMethod({
    summary:
      'OEE with availability, performance and quality per machine and line, by hour, shift or in total.',
    input: z.object({
      from: IsoTime,
      to: IsoTime,
      bucket: z.enum(['hour', 'shift', 'total']).default('total'),
      lineId: Identifier.optional(),
      machineId: Identifier.optional(),
    }),
    output: z.array(OeeRow),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/oee' },
    example: { from: '2026-11-22T00:00:00Z', to: '2026-11-22T08:00:00Z', bucket: 'hour' },
  }),
  'machines.command': defineMethod({
    summary: 'Sends start, stop, reset or set_rate to a machine; the answer or a timeout follows.',
    input: z
      .object({
        machineId: Identifier,
        command: CommandName,
        unitsPerMinute: z.number().positive().max(100_000).optional(),
      })
      .refine((input) => input.command !== 'set_rate' || input.unitsPerMinute !== undefined, {
        message: 'set_rate needs unitsPerMinute',
        path: ['unitsPerMinute'],
      }),
    output: CommandRecord,
    permission: 'machines.command',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'POST', path: '/machines/:machineId/commands' },
    example: { machineId: 'M-1', command: 'stop' },
  }),
  'commands.list': defineMethod({
    summary: 'Commands sent to machines, newest first, with their answers.',
    input: z.object({
      machineId: Identifier.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    output: z.array(CommandRecord),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/commands' },
    example: { limit: 10 },
  }),
};
