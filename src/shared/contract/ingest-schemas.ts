import { z } from 'zod';
import { IsoTime } from './common-schemas';

// The broker connection, ingest status and dead letters.

export const BrokerState = z.enum([
  'connecting',
  'connected',
  'reconnecting',
  'offline',
  'stopped',
]);
export type BrokerState = z.infer<typeof BrokerState>;

/** The broker connection and what ingest has done since the database was created. */
export const IngestStatus = z.object({
  brokerUrl: z.string(),
  embedded: z.boolean(),
  state: BrokerState,
  detail: z.string(),
  since: IsoTime,
  waiting: z.number().int(),
  counters: z.object({
    received: z.number().int(),
    stored: z.number().int(),
    duplicates: z.number().int(),
    deadLettered: z.number().int(),
  }),
});
export type IngestStatus = z.infer<typeof IngestStatus>;

/** The status as a reader gets it: the plant-wide counters only for roles that handle ingest. */
export const IngestStatusView = IngestStatus.extend({
  counters: IngestStatus.shape.counters.nullable(),
});
export type IngestStatusView = z.infer<typeof IngestStatusView>;

export const DeadLetter = z.object({
  id: z.number().int(),
  firstSeenAt: IsoTime,
  lastSeenAt: IsoTime,
  occurrences: z.number().int(),
  topic: z.string(),
  /** The payload as text (invalid UTF-8 shown with replacement characters), at most 64 KiB. */
  payloadText: z.string(),
  payloadBytes: z.number().int(),
  truncated: z.boolean(),
  reason: z.string(),
  field: z.string().nullable(),
  lineId: z.string().nullable(),
  machineId: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterQuery = z.object({
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Only letters refused for exactly this reason (as listed by 'deadLetters.reasons'). */
  reason: z.string().min(1).max(1_000).optional(),
  /** Only letters whose refusal names this field. */
  field: z.string().min(1).max(200).optional(),
});
export type DeadLetterQuery = z.infer<typeof DeadLetterQuery>;

/** Refused messages that share a reason: what to fix first is what refuses the most. */
export const DeadLetterReason = z.object({
  reason: z.string(),
  field: z.string().nullable(),
  /** Distinct refused messages with this reason. */
  letters: z.number().int(),
  /** How often they arrived, redeliveries included. */
  occurrences: z.number().int(),
  lastSeenAt: IsoTime,
});
export type DeadLetterReason = z.infer<typeof DeadLetterReason>;

/** The largest payload an engineer may paste when correcting a refused message (as ingest). */
export const MAX_EDITED_PAYLOAD_CHARS = 64 * 1024;
