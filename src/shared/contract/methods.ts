import { z } from 'zod';
import { defineMethod } from './define';
import { Role } from './roles';
import { reportMethods } from './reports';
import { simulatorMethods } from './simulator-methods';
import { stationKeyMethods } from './station-key-methods';
import { alarmLimitMethods } from './alarm-limit-methods';
import {
  Alert,
  AlertQuery,
  AlertReason,
  Threshold,
  ThresholdInput,
  Assignments,
  BrokerConfig,
  BrokerConfigView,
  CommandName,
  CommandRecord,
  DeadLetter,
  DeadLetterQuery,
  DowntimeEvent,
  StatePeriod,
  MachineSnapshot,
  MaintenanceStatus,
  MaintenanceTask,
  MetricHistory,
  OeeRow,
  NewSpec,
  ProductName,
  ResultQuery,
  SpecPreview,
  SpecVersion,
  TestResult,
  YieldRow,
  IngestStatusView,
  IsoTime,
  AuditResult,
  BackupFile,
  BackupFileName,
  DisplayName,
  EventPage,
  EventQuery,
  GivenPassword,
  Identifier,
  Line,
  Machine,
  NewPassword,
  Ok,
  Plant,
  Session,
  Settings,
  SettingsView,
  TokenRenewal,
  User,
  Username,
} from './schemas';
import { MAX_SHELVE_MINUTES, MAX_SHELVE_TEXT } from '../rules/shelving';

const UserId = z.object({ id: z.coerce.number().int().positive() });
const none = { kind: 'none' } as const;
const AlertId = z.object({ id: z.coerce.number().int().positive() });
export { MAX_SHELVE_MINUTES };

/**
 * The whole backend API. Every transport (Electron IPC, HTTP + WebSocket) carries exactly
 * these methods, and the dispatcher refuses to register a handler for anything else.
 */
export const methods = {
  // ---- First run -------------------------------------------------------------------------
  'setup.status': defineMethod({
    summary: 'Whether the first admin still has to be created, and the plant name.',
    input: z.object({}),
    output: z.object({ needsSetup: z.boolean(), plantName: z.string() }),
    permission: 'public',
    scope: none,
    http: { verb: 'GET', path: '/setup' },
    example: {},
  }),
  'setup.createFirstAdmin': defineMethod({
    summary: 'Creates the first admin account; refused once any account exists.',
    input: z.object({ username: Username, displayName: DisplayName, password: NewPassword }),
    output: Session,
    permission: 'public',
    scope: none,
    http: { verb: 'POST', path: '/setup' },
    example: { username: 'admin', displayName: 'Plant admin', password: 'correct horse battery' },
  }),

  // ---- Own session -----------------------------------------------------------------------
  'auth.login': defineMethod({
    summary: 'Logs in with a local account; five wrong passwords lock it for 15 minutes.',
    input: z.object({ username: z.string().max(64), password: GivenPassword }),
    output: Session,
    permission: 'public',
    scope: none,
    http: { verb: 'POST', path: '/auth/login' },
    example: { username: 'nobody', password: 'wrong password' },
  }),
  'auth.logout': defineMethod({
    summary: 'Ends the session and revokes its token.',
    input: z.object({}),
    output: Ok,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/logout' },
    example: {},
    allowedWhileLocked: true,
  }),
  'auth.me': defineMethod({
    summary: 'The logged-in user, as the backend sees them now.',
    input: z.object({}),
    output: z.object({ user: User, idleLockMinutes: z.number().int() }),
    permission: 'authenticated',
    scope: none,
    http: { verb: 'GET', path: '/auth/me' },
    example: {},
  }),
  'auth.refresh': defineMethod({
    summary: 'Issues a fresh short-lived token for the same session.',
    input: z.object({}),
    output: TokenRenewal,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/refresh' },
    example: {},
    // Renewal keeps a locked session's lock screen valid; it unlocks nothing.
    allowedWhileLocked: true,
  }),
  'auth.lock': defineMethod({
    summary: 'Locks the session now (the Lock button); only auth.unlock opens it again.',
    input: z.object({}),
    output: Ok,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/lock' },
    example: {},
    allowedWhileLocked: true,
  }),
  'auth.unlock': defineMethod({
    summary: 'Unlocks an idle-locked session with the password.',
    input: z.object({ password: GivenPassword }),
    output: TokenRenewal,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/unlock' },
    example: { password: 'wrong password' },
    allowedWhileLocked: true,
  }),
  'auth.changePassword': defineMethod({
    summary: 'Changes the own password (at least 10 characters).',
    input: z.object({ currentPassword: GivenPassword, newPassword: NewPassword }),
    output: Ok,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/password' },
    example: { currentPassword: 'wrong password', newPassword: 'another long password' },
  }),

  // ---- Accounts (admins) -----------------------------------------------------------------
  'accounts.list': defineMethod({
    summary: 'All local accounts with their roles and assignments.',
    input: z.object({}),
    output: z.array(User),
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'GET', path: '/accounts' },
    example: {},
  }),
  'accounts.create': defineMethod({
    summary: 'Creates an account with a role, a first password and assignments.',
    input: z.object({
      username: Username,
      displayName: DisplayName,
      role: Role,
      password: NewPassword,
      assignments: Assignments.default({ lines: [], machines: [] }),
    }),
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/accounts' },
    example: {
      username: 'table-test-user',
      displayName: 'Table test',
      role: 'operator',
      password: 'a long enough password',
      assignments: { lines: [], machines: ['M-1'] },
    },
  }),
  'accounts.update': defineMethod({
    summary: 'Changes display name, role or disabled flag. The last active admin stays.',
    input: UserId.extend({
      displayName: DisplayName.optional(),
      role: Role.optional(),
      disabled: z.boolean().optional(),
    }),
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'PATCH', path: '/accounts/:id' },
    example: { id: 999999, displayName: 'Nobody' },
  }),
  'accounts.delete': defineMethod({
    summary: 'Deletes an account. The last active admin cannot be deleted.',
    input: UserId,
    output: Ok,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'DELETE', path: '/accounts/:id' },
    example: { id: 999999 },
  }),
  'accounts.resetPassword': defineMethod({
    summary: "Sets a new password for another user's account.",
    input: UserId.extend({ newPassword: NewPassword }),
    output: Ok,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/accounts/:id/password' },
    example: { id: 999999, newPassword: 'a long enough password' },
  }),
  'accounts.unlock': defineMethod({
    summary: 'Lifts a lockout after wrong passwords.',
    input: UserId,
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/accounts/:id/unlock' },
    example: { id: 999999 },
  }),
  'accounts.setAssignments': defineMethod({
    summary: 'Sets the lines (engineers) and machines (operators) an account may see.',
    input: UserId.extend({ assignments: Assignments }),
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'PUT', path: '/accounts/:id/assignments' },
    example: { id: 999999, assignments: { lines: ['L-1'], machines: [] } },
  }),

  // ---- Event log -------------------------------------------------------------------------
  'events.list': defineMethod({
    summary: 'The event log, newest first, filtered to what the caller may see.',
    input: EventQuery,
    output: EventPage,
    permission: 'events.read',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/events' },
    example: { limit: 10 },
  }),
  'backup.create': defineMethod({
    summary:
      "Backs the database up while the app runs (SQLite's online backup) into the data folder's backups/.",
    input: z.object({}),
    output: z.object({ file: z.string(), bytes: z.number().int() }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'POST', path: '/backups' },
    example: {},
  }),
  'backup.list': defineMethod({
    summary: "The backups in the data folder's backups/, newest first, with size and time.",
    input: z.object({}),
    output: z.object({ backups: z.array(BackupFile) }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'GET', path: '/backups' },
    example: {},
  }),
  'backup.restore': defineMethod({
    summary:
      'Replaces the live database with one of the listed backups, after a safety copy; ends every session.',
    input: z.object({ fileName: BackupFileName, confirm: z.literal('RESTORE') }),
    output: z.object({ restored: BackupFileName, safetyCopy: BackupFileName }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'POST', path: '/backups/restore' },
    example: { fileName: 'linewatch-2026-01-01T00-00-00-000Z.sqlite', confirm: 'RESTORE' },
  }),
  'audit.verify': defineMethod({
    summary: "Checks the event log's hash chain and names the first broken row.",
    input: z.object({}),
    output: AuditResult,
    permission: 'audit.verify',
    scope: none,
    http: { verb: 'POST', path: '/audit/verify' },
    example: {},
  }),

  // ---- Settings --------------------------------------------------------------------------
  'settings.get': defineMethod({
    summary: 'Plant-wide settings (admins all of them; others no server paths or retention).',
    input: z.object({}),
    output: SettingsView,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'GET', path: '/settings' },
    example: {},
  }),
  'settings.update': defineMethod({
    summary: 'Changes plant-wide settings such as the idle lock time.',
    input: Settings.partial(),
    output: Settings,
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'PATCH', path: '/settings' },
    example: { idleLockMinutes: 15 },
  }),

  // ---- Ingest ---------------------------------------------------------------------------
  'ingest.status': defineMethod({
    summary: 'The broker connection state and the ingest counters (not for operators).',
    input: z.object({}),
    output: IngestStatusView,
    permission: 'plant.view',
    scope: none,
    http: { verb: 'GET', path: '/ingest/status' },
    example: {},
  }),
  'broker.get': defineMethod({
    summary: 'The broker Linewatch reads from, as configured (the password is never returned).',
    input: z.object({}),
    output: BrokerConfigView,
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'GET', path: '/broker' },
    example: {},
  }),
  'broker.save': defineMethod({
    summary: 'Points Linewatch at another broker (or the embedded one) and reconnects.',
    input: BrokerConfig,
    output: BrokerConfigView,
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'PUT', path: '/broker' },
    example: { url: '' },
  }),
  'broker.test': defineMethod({
    summary: 'Tries to connect to a broker (5 s at most) without changing anything.',
    input: BrokerConfig,
    output: z.object({ ok: z.boolean(), message: z.string() }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'POST', path: '/broker/test' },
    example: { url: 'mqtt://127.0.0.1:9' },
  }),
  'ingest.submit': defineMethod({
    summary:
      'Feeds one test result (the protocol payload) through the same pipeline as the broker; a refusal is dead-lettered and answered with its reason.',
    input: z.object({ lineId: Identifier, payload: z.record(z.string(), z.unknown()) }),
    output: z.object({ outcome: z.enum(['stored', 'duplicate']), result: TestResult.nullable() }),
    permission: 'ingest.submit',
    scope: { kind: 'line', field: 'lineId' },
    http: { verb: 'POST', path: '/ingest' },
    example: {
      lineId: 'L-1',
      payload: {
        barcode: 'SN-EX',
        machine_id: 'M-1',
        product_id: 'P',
        test_step: 's',
        measured_value: 1,
        timestamp: '2026-11-22T10:00:00Z',
      },
    },
  }),
  'deadLetters.list': defineMethod({
    summary: "Refused messages with their reasons, newest first, limited to the caller's lines.",
    input: DeadLetterQuery,
    output: z.object({ deadLetters: z.array(DeadLetter), hasMore: z.boolean() }),
    permission: 'deadletters.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/dead-letters' },
    example: { limit: 10 },
  }),

  'deadLetters.replay': defineMethod({
    summary:
      'Runs a refused message through validation again (after a fix such as a new machine line).',
    input: z.object({ id: z.coerce.number().int().positive() }),
    output: z.object({
      outcome: z.enum(['stored', 'duplicate', 'refused', 'truncated']),
      reason: z.string(),
    }),
    permission: 'deadletters.replay',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/dead-letters/:id/replay' },
    example: { id: 999999 },
  }),

  // ---- Quality ---------------------------------------------------------------------------
  'results.list': defineMethod({
    summary: 'Test results, newest first, with filters; limited to what the caller may see.',
    input: ResultQuery,
    output: z.object({ results: z.array(TestResult), hasMore: z.boolean() }),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/results' },
    example: { limit: 10 },
  }),
  'results.yield': defineMethod({
    summary: 'First-pass and final yield per product and test step over a time range.',
    input: z.object({
      from: IsoTime,
      to: IsoTime,
      lineId: Identifier.optional(),
      machineId: Identifier.optional(),
    }),
    output: z.array(YieldRow),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/results/yield' },
    example: { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
  }),
  'specs.list': defineMethod({
    summary: 'Every version of the spec limits, newest first: plant-wide and the lines in scope.',
    input: z.object({
      productId: ProductName.optional(),
      testStep: ProductName.optional(),
      lineId: Identifier.optional(),
    }),
    output: z.array(SpecVersion),
    permission: 'plant.view',
    scope: none,
    http: { verb: 'GET', path: '/specs' },
    example: {},
  }),
  'specs.save': defineMethod({
    summary:
      'Adds a version of the limits of a product test step, plant-wide (admins) or for a line (its engineers); past verdicts stay.',
    input: NewSpec,
    output: SpecVersion,
    permission: 'specs.manage',
    scope: none,
    http: { verb: 'POST', path: '/specs' },
    example: { productId: 'PROD-A', testStep: 'voltage_test', lineId: 'L-1', lower: 80, upper: 90 },
  }),
  'specs.preview': defineMethod({
    summary: 'What proposed limits would have judged differently on recent results in scope.',
    input: z.object({
      productId: ProductName,
      testStep: ProductName,
      /** Limits proposed for this line; absent: plant-wide limits. */
      lineId: Identifier.optional(),
      lower: z.number().finite().nullable(),
      upper: z.number().finite().nullable(),
      hours: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 90)
        .default(24),
    }),
    output: SpecPreview,
    permission: 'specs.manage',
    scope: none,
    http: { verb: 'POST', path: '/specs/preview' },
    example: { productId: 'PROD-A', testStep: 'voltage_test', lower: 81, upper: 89 },
  }),

  // ---- Machines ---------------------------------------------------------------------------
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

  // ---- Alerts (ISA-18.2) ------------------------------------------------------------------
  'alerts.list': defineMethod({
    summary:
      'Active alerts by priority and age, shelved ones, or the history with filters; scoped.',
    input: AlertQuery,
    output: z.object({ alerts: z.array(Alert), hasMore: z.boolean() }),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/alerts' },
    example: { view: 'active', limit: 10 },
  }),
  'alerts.acknowledge': defineMethod({
    summary: 'Acknowledges an alert; a returned one is cleared by it.',
    input: AlertId.extend({ comment: z.string().trim().max(500).optional() }),
    output: Alert,
    permission: 'alerts.acknowledge',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/acknowledge' },
    example: { id: 999999 },
  }),
  'alerts.shelve': defineMethod({
    summary: `Hides an open alert until a time (at most ${MAX_SHELVE_TEXT}); it comes back by itself.`,
    input: AlertId.extend({
      reason: AlertReason,
      until: IsoTime.optional(),
      minutes: z.number().int().min(1).max(MAX_SHELVE_MINUTES).optional(),
    }).refine((input) => (input.until === undefined) !== (input.minutes === undefined), {
      message: 'give either until or minutes',
      path: ['minutes'],
    }),
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/shelve' },
    example: { id: 999999, reason: 'sensor being replaced', minutes: 60 },
  }),
  'alerts.unshelve': defineMethod({
    summary: 'Brings a shelved alert back before its shelving expires.',
    input: AlertId,
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/unshelve' },
    example: { id: 999999 },
  }),
  'alerts.resolve': defineMethod({
    summary: 'Clears an open alert by hand, with the reason.',
    input: AlertId.extend({ reason: AlertReason }),
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/resolve' },
    example: { id: 999999, reason: 'handled on the floor' },
  }),
  'alerts.setOutOfService': defineMethod({
    summary:
      "Takes the alert's condition out of service (hidden, still tracked) or back into service.",
    input: AlertId.extend({ outOfService: z.boolean(), reason: AlertReason }),
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'PUT', path: '/alerts/:id/out-of-service' },
    example: { id: 999999, outOfService: true, reason: 'sensor removed for calibration' },
  }),
  'thresholds.list': defineMethod({
    summary: 'Alarm limits of the machines the caller may see.',
    input: z.object({ lineId: Identifier.optional(), machineId: Identifier.optional() }),
    output: z.array(Threshold),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/thresholds' },
    example: {},
  }),
  'thresholds.save': defineMethod({
    summary:
      'Sets the alarm limits, deadband and on-delay of a machine metric; all limits null removes them.',
    input: ThresholdInput,
    output: Threshold,
    permission: 'thresholds.manage',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'PUT', path: '/machines/:machineId/thresholds/:metric' },
    example: { machineId: 'M-1', metric: 'temperature', high: 90, deadband: 2, onDelayS: 5 },
  }),

  // ---- Maintenance ------------------------------------------------------------------------
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

  // ---- Plant -----------------------------------------------------------------------------
  'plant.list': defineMethod({
    summary: 'Lines and machines the caller may see.',
    input: z.object({}),
    output: Plant,
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/plant' },
    example: {},
  }),
  'plant.renameLine': defineMethod({
    summary: 'Gives a line a name people use (lines register themselves by id).',
    input: z.object({ lineId: Identifier, name: DisplayName }),
    output: Line,
    permission: 'plant.manage',
    scope: { kind: 'line', field: 'lineId' },
    http: { verb: 'PATCH', path: '/plant/lines/:lineId' },
    example: { lineId: 'L-1', name: 'Assembly 1' },
  }),
  'plant.saveMachine': defineMethod({
    summary: 'Registers or renames a machine (and its line) ahead of its first message.',
    input: z.object({ lineId: Identifier, machineId: Identifier, name: DisplayName.optional() }),
    output: Machine,
    permission: 'plant.manage',
    scope: { kind: 'line', field: 'lineId' },
    http: { verb: 'PUT', path: '/plant/lines/:lineId/machines/:machineId' },
    example: { lineId: 'L-1', machineId: 'M-1' },
  }),

  // ---- Reports and the simulator, declared in their own files -----------------------------
  ...reportMethods,
  ...simulatorMethods,
  ...stationKeyMethods,
  ...alarmLimitMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];
