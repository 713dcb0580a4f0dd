import { z } from 'zod';
import { IsoTime } from './common-schemas';

// Maintenance plans, status and tasks.

export const MaintenancePlan = z.object({
  intervalRunHours: z.number().positive().max(100_000).nullable(),
  intervalUnits: z.number().int().positive().nullable(),
  lastServiceAt: IsoTime,
});
export type MaintenancePlan = z.infer<typeof MaintenancePlan>;

/** Where a machine stands: usage since its last service, and where its temperature is heading. */
export const MaintenanceStatus = z.object({
  machineId: z.string(),
  lineId: z.string(),
  plan: MaintenancePlan.nullable(),
  runHoursSinceService: z.number(),
  unitsSinceService: z.number(),
  status: z.enum(['no_plan', 'ok', 'due', 'overdue']),
  /** Usage as a share of the interval (1 = due). */
  share: z.number().nullable(),
  prediction: z
    .object({
      metric: z.string(),
      limit: z.number(),
      current: z.number(),
      slopePerHour: z.number(),
      reachesAt: IsoTime.nullable(),
      /** e.g. "reaches 90 °C in about 3 h" */
      text: z.string(),
    })
    .nullable(),
  openTasks: z.number().int(),
});
export type MaintenanceStatus = z.infer<typeof MaintenanceStatus>;

export const MaintenanceTask = z.object({
  id: z.number().int(),
  machineId: z.string(),
  lineId: z.string(),
  title: z.string(),
  notes: z.string().nullable(),
  status: z.enum(['scheduled', 'in_progress', 'done']),
  dueAt: IsoTime.nullable(),
  createdBy: z.string(),
  createdAt: IsoTime,
  startedBy: z.string().nullable(),
  startedAt: IsoTime.nullable(),
  completedBy: z.string().nullable(),
  completedAt: IsoTime.nullable(),
  completionNotes: z.string().nullable(),
});
export type MaintenanceTask = z.infer<typeof MaintenanceTask>;
