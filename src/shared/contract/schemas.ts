import { z } from 'zod';
import { isTimeZone } from '../rules/plant-time';
import { Role } from './roles';
import { BrokerConnection } from '../rules/broker-connection';

/** Line and machine identifiers, as the factory protocol defines them. */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters of A-Z a-z 0-9 _ -');

export const Username = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, dot, underscore and dash');

export const DisplayName = z.string().trim().min(1, 'must not be empty').max(120);

/** Local accounts need at least 10 characters; bcrypt ignores bytes past 72, so refuse them. */
export const NewPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .refine((value) => new TextEncoder().encode(value).length <= 72, 'must be at most 72 bytes');

/** A password typed at login: never validated beyond size, so no hint leaks. */
export const GivenPassword = z.string().min(1, 'is required').max(1024);

export const IsoTime = z.string().datetime({ offset: true });

export const Assignments = z.object({
  lines: z.array(Identifier).max(500),
  machines: z.array(Identifier).max(5000),
});
export type Assignments = z.infer<typeof Assignments>;

export const User = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  lockedUntil: IsoTime.nullable(),
  lastLoginAt: IsoTime.nullable(),
  createdAt: IsoTime,
  assignments: Assignments,
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  token: z.string(),
  expiresAt: IsoTime,
  user: User,
  idleLockMinutes: z.number().int(),
});
export type Session = z.infer<typeof Session>;

export const TokenRenewal = z.object({ token: z.string(), expiresAt: IsoTime });
export type TokenRenewal = z.infer<typeof TokenRenewal>;

export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;

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

/** A shift starts at a wall-clock time (plant local time, HH:MM) and runs to the next one. */
export const Shift = z.object({
  name: z.string().min(1).max(40),
  start: z.string().regex(/^([01]\d|2[0-3]):00$/, 'must be a whole hour, HH:00'),
});
export type Shift = z.infer<typeof Shift>;

export const PaperSize = z.enum(['A4', 'Letter']);
export type PaperSize = z.infer<typeof PaperSize>;

export const Settings = z.object({
  plantName: z.string().min(1).max(120),
  idleLockMinutes: z.number().int().min(1).max(480),
  /** A predicted threshold crossing closer than this raises an alert. */
  predictionHorizonMinutes: z.number().int().min(5).max(10_080),
  /** Raw telemetry is kept this long; per-minute rollups much longer. */
  rawRetentionDays: z.number().int().min(1).max(3650),
  rollupRetentionDays: z.number().int().min(1).max(36_500),
  shifts: z
    .array(Shift)
    .min(1)
    .max(6)
    .refine(
      (shifts) => new Set(shifts.map((s) => s.start)).size === shifts.length,
      'two shifts start at the same time',
    ),
  /**
   * Where the end-of-shift PDF reports are written (an absolute folder on the machine running
   * the backend); null switches the export off.
   */
  shiftReportFolder: z
    .string()
    .max(1024)
    .refine(
      (path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path),
      'must be an absolute path',
    )
    .nullable(),
  shiftReportPaper: PaperSize,
  /**
   * The plant's time zone (IANA, e.g. "Europe/Berlin"): shifts, "today" and report times are on
   * its wall clock, whatever zone the server or a station runs in. Defaults to the server's.
   */
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  /**
   * A message stamped further ahead of the receiving clock than this is refused as
   * implausible (dead-lettered); old stamps are accepted.
   */
  maxTimestampAheadMinutes: z.number().int().min(1).max(1440),
});
export type Settings = z.infer<typeof Settings>;

/**
 * Settings as `settings.get` answers them. Admins get every field; other roles only what their
 * screens need: no server paths (the report folder) and no data-keeping policy.
 */
export const SettingsView = Settings.partial({
  shiftReportFolder: true,
  rawRetentionDays: true,
  rollupRetentionDays: true,
});
export type SettingsView = z.infer<typeof SettingsView>;

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

/** Error codes every transport maps the same way (HTTP status in brackets). */
export const ErrorCode = z.enum([
  'INVALID_INPUT', // 400
  'UNAUTHENTICATED', // 401
  'FORBIDDEN', // 403
  'NOT_FOUND', // 404
  'CONFLICT', // 409
  'ACCOUNT_LOCKED', // 423
  'SESSION_LOCKED', // 423
  'RATE_LIMITED', // 429
  'INTERNAL', // 500
  'UNAVAILABLE', // 503: the store is restarting; try again shortly
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** With RATE_LIMITED: when to try again (HTTP sends it as Retry-After too). */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

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
});
export type DeadLetterQuery = z.infer<typeof DeadLetterQuery>;

export const Verdict = z.enum(['PASS', 'FAIL', 'NO_SPEC']);
export type Verdict = z.infer<typeof Verdict>;

/** Product and test step names as test stations send them. */
export const ProductName = z.string().min(1).max(64);

/** One version of the spec limits of a product's test step; a side may be open (null). */
export const SpecVersion = z.object({
  id: z.number().int(),
  productId: z.string(),
  testStep: z.string(),
  version: z.number().int(),
  /** The line these limits judge; null for plant-wide limits (a line's own version wins). */
  lineId: z.string().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  validFrom: IsoTime,
  createdAt: IsoTime,
  /** Who saved it; null for readers who may not change limits (operators). */
  createdBy: z.string().nullable(),
});
export type SpecVersion = z.infer<typeof SpecVersion>;

export const NewSpec = z
  .object({
    productId: ProductName,
    testStep: ProductName,
    /** Limits for one line (its engineers may set them); absent or null: plant-wide (admins). */
    lineId: Identifier.nullable().optional(),
    lower: z.number().finite().nullable(),
    upper: z.number().finite().nullable(),
    /** From when the limits judge results; default now. Past verdicts are never rewritten. */
    validFrom: IsoTime.optional(),
  })
  .refine((spec) => spec.lower !== null || spec.upper !== null, {
    message: 'at least one limit is needed',
    path: ['lower'],
  })
  .refine((spec) => spec.lower === null || spec.upper === null || spec.lower <= spec.upper, {
    message: 'must not be above the upper limit',
    path: ['lower'],
  });
export type NewSpec = z.infer<typeof NewSpec>;

export const SpecPreview = z.object({
  /** Which results the proposal would judge, in words ("line L-1", "plant-wide: …"). */
  appliesTo: z.string(),
  /** Results left out because their line has its own limits in force (plant-wide proposals). */
  keptByLineLimits: z.number().int(),
  checked: z.number().int(),
  unchanged: z.number().int(),
  passToFail: z.number().int(),
  failToPass: z.number().int(),
  noSpecToJudged: z.number().int(),
  examples: z.array(
    z.object({
      resultId: z.number().int(),
      barcode: z.string(),
      measuredValue: z.number(),
      at: IsoTime,
      before: Verdict,
      after: Verdict,
    }),
  ),
});
export type SpecPreview = z.infer<typeof SpecPreview>;

export const TestResult = z.object({
  id: z.number().int(),
  lineId: z.string(),
  machineId: z.string(),
  barcode: z.string(),
  productId: z.string(),
  testStep: z.string(),
  measuredValue: z.number(),
  unit: z.string().nullable(),
  operator: z.string().nullable(),
  at: IsoTime,
  verdict: Verdict,
  specVersion: z.number().int().nullable(),
  attempt: z.number().int(),
});
export type TestResult = z.infer<typeof TestResult>;

export const ResultQuery = z.object({
  lineId: Identifier.optional(),
  machineId: Identifier.optional(),
  productId: ProductName.optional(),
  testStep: ProductName.optional(),
  verdict: Verdict.optional(),
  barcode: z.string().max(128).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ResultQuery = z.infer<typeof ResultQuery>;

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

export const TimeRange = z.object({ from: IsoTime, to: IsoTime });

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

// ---- Alerts (ISA-18.2) -------------------------------------------------------------------

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
  clearedAt: IsoTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolveReason: z.string().nullable(),
  shelvedUntil: IsoTime.nullable(),
  shelvedBy: z.string().nullable(),
  shelveReason: z.string().nullable(),
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

/**
 * The plant broker as an admin sets it (src/shared/rules/broker-connection.ts); an empty URL
 * means the embedded broker. The password is write-only: absent keeps the stored one, '' clears it.
 */
export const BrokerConfig = BrokerConnection;
export type BrokerConfig = z.infer<typeof BrokerConfig>;

/** The broker as the admin page shows it: never the password, only whether there is one. */
export const BrokerConfigView = z.object({
  url: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  caFile: z.string().nullable(),
  certFile: z.string().nullable(),
  keyFile: z.string().nullable(),
  topicRoot: z.string(),
  /** 'command line' when --broker or LINEWATCH_BROKER_URL decides, and this page cannot. */
  source: z.enum(['settings', 'command line', 'embedded default']),
});
export type BrokerConfigView = z.infer<typeof BrokerConfigView>;

/** Yield of one product's test step: first-pass yield counts first attempts only. */
export const YieldRow = z.object({
  productId: z.string(),
  testStep: z.string(),
  results: z.number().int(),
  units: z.number().int(),
  firstPassTested: z.number().int(),
  firstPassGood: z.number().int(),
  /** first-pass good / first-pass tested (NO_SPEC results are not judged, so not counted). */
  firstPassYield: z.number().nullable(),
  /** Units whose latest attempt passed / units judged. */
  finalYield: z.number().nullable(),
  noSpec: z.number().int(),
});
export type YieldRow = z.infer<typeof YieldRow>;
