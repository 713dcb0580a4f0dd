import { z } from 'zod';
import { Identifier, IsoTime } from './common-schemas';

// Alerts (ISA-18.2) and alarm limits.

export const AlertPriority = z.enum(['critical', 'high', 'medium', 'low']);
export type AlertPriority = z.infer<typeof AlertPriority>;

/** The ISA-18.2 states of an alert; `cleared` alerts are history. */
export const AlertState = z.enum(['active_unacked', 'active_acked', 'returned_unacked', 'cleared']);
export type AlertState = z.infer<typeof AlertState>;

export const AlertSource = z.enum([
  'threshold',
  'downtime',
  'offline',
  'fail_rate',
  'no_spec',
  'dead_letters',
  'broker',
  'maintenance',
  'prediction',
  'storage',
  /** Linewatch itself: a background process that ended unexpectedly. */
  'system',
]);
export type AlertSource = z.infer<typeof AlertSource>;

/** One alert: a condition from the moment it was raised until it was cleared. */
export const Alert = z.object({
  id: z.number().int().positive(),
  conditionKey: z.string(),
  source: AlertSource,
  priority: AlertPriority,
  /** Null for plant-wide alerts (broker, dead letters, missing spec limits). */
  lineId: z.string().nullable(),
  machineId: z.string().nullable(),
  message: z.string(),
  value: z.number().nullable(),
  state: AlertState,
  raisedAt: IsoTime,
  /** How often the condition came back while this alert lasted. */
  raiseCount: z.number().int(),
  returnedAt: IsoTime.nullable(),
  ackedAt: IsoTime.nullable(),
  ackedBy: z.string().nullable(),
  /** The station it was acknowledged at ("CR-2"); null when none was named. */
  ackedStation: z.string().nullable().optional(),
  clearedAt: IsoTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolveReason: z.string().nullable(),
  resolvedStation: z.string().nullable().optional(),
  shelvedUntil: IsoTime.nullable(),
  shelvedBy: z.string().nullable(),
  shelveReason: z.string().nullable(),
  shelvedStation: z.string().nullable().optional(),
  outOfService: z.boolean(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertQuery = z.object({
  /** active: open, not shelved, in service; shelved: shelved or out of service; history: all. */
  view: z.enum(['active', 'shelved', 'history']).default('active'),
  state: AlertState.optional(),
  priority: AlertPriority.optional(),
  source: AlertSource.optional(),
  lineId: Identifier.optional(),
  machineId: Identifier.optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AlertReason = z.string().trim().min(1, 'a reason is required').max(500);

/** A telemetry metric name as the protocol allows it (temperature or an extra metric). */
export const MetricName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be a letter then up to 63 of A-Z a-z 0-9 _ . -');

const Limit = z.number().finite().nullable().default(null);

/** Alarm limits of one metric, whatever machine they are for; each limit is its own condition. */
export const MetricLimits = z.object({
  metric: MetricName,
  highHigh: Limit,
  high: Limit,
  low: Limit,
  lowLow: Limit,
  /** How far back inside a limit a value must come before the alert returns to normal. */
  deadband: z.number().finite().min(0).default(0),
  /** How long (by message timestamps) a limit must be crossed before the alert is raised. */
  onDelayS: z.number().int().min(0).max(3600).default(0),
});

/** The limits that are set, in the order lowLow ≤ low ≤ high ≤ highHigh (one rule for all). */
export function limitsInOrder(limits: {
  lowLow: number | null;
  low: number | null;
  high: number | null;
  highHigh: number | null;
}): number[] | null {
  const set = [limits.lowLow, limits.low, limits.high, limits.highHigh].filter(
    (limit): limit is number => limit !== null,
  );
  return set.every((limit, i) => i === 0 || set[i - 1]! <= limit) ? set : null;
}

/** Alarm limits of one metric of one machine. */
export const ThresholdInput = MetricLimits.extend({ machineId: Identifier }).refine(
  (t) => limitsInOrder(t) !== null,
  { message: 'limits must be ordered lowLow ≤ low ≤ high ≤ highHigh', path: ['high'] },
);
export type ThresholdInput = z.infer<typeof ThresholdInput>;

export const Threshold = z.object({
  machineId: z.string(),
  lineId: z.string(),
  metric: z.string(),
  highHigh: z.number().nullable(),
  high: z.number().nullable(),
  low: z.number().nullable(),
  lowLow: z.number().nullable(),
  deadband: z.number(),
  onDelayS: z.number().int(),
  updatedAt: IsoTime,
  updatedBy: z.string(),
});
export type Threshold = z.infer<typeof Threshold>;
