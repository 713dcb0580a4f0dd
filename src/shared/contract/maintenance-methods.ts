import { z } from 'zod';
import { defineMethod } from './define';
import { MaintenanceStatus, MaintenanceTask, IsoTime, Identifier } from './schemas';

/** Maintenance plans and tasks. */
export const maintenanceMethods = {
  'maintenance.overview': defineMethod({
    summary:
      'Per machine: usage since the last service against its plan (due, overdue) and the temperature projection.',
    input: z.object({ lineId: Identifier.optional() }),
    output: z.array(MaintenanceStatus),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/maintenance' },
    example: {},
  }),
  'maintenance.savePlan': defineMethod({
    summary: "Sets a machine's service interval in run hours and/or units.",
    input: z
      .object({
        machineId: Identifier,
        intervalRunHours: z.number().positive().max(100_000).nullable(),
        intervalUnits: z.number().int().positive().nullable(),
        lastServiceAt: IsoTime.optional(),
      })
      .refine((plan) => plan.intervalRunHours !== null || plan.intervalUnits !== null, {
        message: 'give run hours, units or both',
        path: ['intervalRunHours'],
      }),
    output: MaintenanceStatus,
    permission: 'maintenance.manage',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'PUT', path: '/maintenance/:machineId/plan' },
    example: { machineId: 'M-1', intervalRunHours: 500, intervalUnits: null },
  }),
  'maintenance.tasks': defineMethod({
    summary: 'Maintenance tasks, open first, then the history.',
    input: z.object({
      machineId: Identifier.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    output: z.array(MaintenanceTask),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/maintenance/tasks' },
    example: {},
  }),
  'maintenance.scheduleTask': defineMethod({
    summary: 'Schedules a maintenance task on a machine.',
    input: z.object({
      machineId: Identifier,
      title: z.string().trim().min(1).max(200),
      notes: z.string().max(4000).optional(),
      dueAt: IsoTime.optional(),
    }),
    output: MaintenanceTask,
    permission: 'maintenance.manage',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'POST', path: '/maintenance/tasks' },
    example: { machineId: 'M-1', title: 'Replace spindle bearing' },
  }),
  'maintenance.updateTask': defineMethod({
    summary: "Starts or completes a task; completing a service resets the machine's interval.",
    input: z.object({
      id: z.coerce.number().int().positive(),
      action: z.enum(['start', 'complete']),
      notes: z.string().max(4000).optional(),
      resetsInterval: z.boolean().default(true),
    }),
    output: MaintenanceTask,
    permission: 'maintenance.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/maintenance/tasks/:id' },
    example: { id: 999999, action: 'start' },
  }),
};
