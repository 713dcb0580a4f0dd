import { z } from 'zod';
import { Identifier, IsoTime } from './common-schemas';

// The event log, its audit and backups.

/** One row of the append-only event log. `hash` chains it to the row before. */
export const EventRecord = z.object({
  id: z.number().int().positive(),
  at: IsoTime,
  type: z.string(),
  actor: z.string().nullable(),
  target: z.string().nullable(),
  lineId: z.string().nullable(),
  machineId: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type EventRecord = z.infer<typeof EventRecord>;

export const EventQuery = z.object({
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  type: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  lineId: Identifier.optional(),
  machineId: Identifier.optional(),
  text: z.string().max(200).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type EventQuery = z.infer<typeof EventQuery>;

export const EventPage = z.object({ events: z.array(EventRecord), hasMore: z.boolean() });
export type EventPage = z.infer<typeof EventPage>;

export const AuditResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditResult = z.infer<typeof AuditResult>;

/** A backup file's bare name: no folder, no `..`, so it can only name a file in backups/. */
export const BackupFileName = z
  .string()
  .max(200)
  .regex(/^[\w-]+(\.[\w-]+)*\.sqlite$/, 'a file name from the list of backups, without a folder');

export const BackupFile = z.object({
  fileName: BackupFileName,
  bytes: z.number().int(),
  modifiedAt: IsoTime,
});
export type BackupFile = z.infer<typeof BackupFile>;
