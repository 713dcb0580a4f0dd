import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type {
  Alert,
  MaintenanceStatus,
  MaintenanceTask,
  AlertQuery,
  Threshold,
  ThresholdInput,
  AuditResult,
  CommandName,
  CommandRecord,
  DowntimeEvent,
  StatePeriod,
  MachineSnapshot,
  DeadLetter,
  DeadLetterQuery,
  Line,
  NewSpec,
  ResultQuery,
  SpecPreview,
  SpecVersion,
  TestResult,
  YieldRow,
  EventPage,
  EventQuery,
  EventRecord,
  Machine,
  Plant,
  Settings,
  StationKey,
  User,
} from '../../shared/contract';
import type { AppliedLimitTemplate, LimitTemplate, TemplateLimit } from '../../shared/contract';
import { AccountsStore, type Credentials, type NewUser, type UserPatch } from './accounts-store';
import { EventsStore, type EventVisibility, type NewEvent } from './events-store';
import { DeadLettersStore } from './dead-letters-store';
import {
  IngestStore,
  type IngestSummary,
  type RawMessage,
  type ReplayOutcome,
} from './ingest-store';
import { QualityStore } from './quality-store';
import { MachinesStore } from './machines-store';
import { CommandsStore } from './commands-store';
import { OeeStore } from './oee-store';
import type { HourFigures } from '../scoring/oee';
import { PlantStore } from './plant-store';
import { SessionsStore, type SessionRow } from './sessions-store';
import { SettingsStore } from './settings-store';
import { AlertsStore } from './alerts-store';
import { ThresholdsStore } from './thresholds-store';
import { LimitTemplatesStore } from './limit-templates-store';
import { AlertEvaluator } from '../alerts/alert-evaluator';
import {
  brokerCondition,
  maintenanceCondition,
  predictionCondition,
  processEndedCondition,
  storageCondition,
  storageFullCondition,
  noSpecKey,
} from '../alerts/rules/conditions';
import { MaintenanceStore } from './maintenance-store';
import type { BrokerSettings } from '../ingest/broker/broker-settings';
import { RollupsStore, type MinutePoint } from './rollups-store';
import { StationKeysStore, type NewStationKeyRow } from './station-keys-store';

/** Notices the store sends to the backend after a commit, for live updates and caches. */
export type StoreNotice =
  | { topic: 'event'; payload: EventRecord }
  | { topic: 'accounts.changed'; payload: { userId: number } }
  | { topic: 'sessions.revoked'; payload: { sessionIds: string[] } }
  | { topic: 'plant.changed'; payload: { machineIds: string[] } }
  | { topic: 'command'; payload: CommandRecord }
  | { topic: 'alert'; payload: Alert };

/** What a restore answers: the file put in place, and the copy kept of the one replaced. */
export interface RestoreOutcome {
  restored: string;
  safetyCopy: string;
}

/** Who did it, for the event log. */
export interface Actor {
  username: string;
  /** The operator station the action came from ("CR-2"), named in the event text. */
  station?: string | null;
}

const nowIso = (): string => new Date().toISOString();

/**
 * Every operation on the database, each one transaction: the change and the event that
 * records it commit together or not at all. Runs only in the store process (one writer);
 * the backend reaches it through StoreClient, which mirrors these methods as promises.
 */
export class Store {
  private readonly accounts: AccountsStore;
  private readonly sessions: SessionsStore;
  private readonly events: EventsStore;
  private readonly settings: SettingsStore;
  private readonly plant: PlantStore;
  private readonly ingest: IngestStore;
  private readonly deadLetters: DeadLettersStore;
  private readonly quality: QualityStore;
  private readonly machines: MachinesStore;
  private readonly commands: CommandsStore;
  private readonly oee: OeeStore;
  private readonly alerts: AlertsStore;
  private readonly thresholds: ThresholdsStore;
  private readonly limitTemplateStore: LimitTemplatesStore;
  private readonly maintenance: MaintenanceStore;
  private readonly rollups: RollupsStore;
  private readonly stationKeys: StationKeysStore;
  /** Made once: a nested better-sqlite3 transaction is a SAVEPOINT. */
  private readonly savepoint: (work: () => void) => void;
  private readonly alertRules: AlertEvaluator;
  private topicRoot = 'factory';
  private pending: StoreNotice[] = [];

  constructor(
    private readonly db: Database,
    private readonly notify: (notice: StoreNotice) => void,
  ) {
    this.accounts = new AccountsStore(db);
    this.sessions = new SessionsStore(db);
    this.events = new EventsStore(db, (event) =>
      this.pending.push({ topic: 'event', payload: event }),
    );
    this.settings = new SettingsStore(db);
    this.plant = new PlantStore(db);
    this.deadLetters = new DeadLettersStore(db);
    this.machines = new MachinesStore(db);
    this.commands = new CommandsStore(db);
    this.oee = new OeeStore(db);
    this.quality = new QualityStore(db);
    this.rollups = new RollupsStore(db);
    this.stationKeys = new StationKeysStore(db);
    this.savepoint = db.transaction((work: () => void) => work());
    this.alerts = new AlertsStore(
      db,
      (event) => this.events.append(event),
      (alert) => this.pending.push({ topic: 'alert', payload: alert }),
    );
    this.thresholds = new ThresholdsStore(db, (event) => this.events.append(event));
    this.alertRules = new AlertEvaluator(this.alerts, this.thresholds);
    this.limitTemplateStore = new LimitTemplatesStore(
      db,
      this.thresholds,
      (event) => this.events.append(event),
      (machineId, metric, nowMs) => this.alertRules.thresholdsChanged(machineId, metric, nowMs),
    );
    this.maintenance = new MaintenanceStore(db, this.oee, (machineId) => {
      const limits = this.thresholds
        .thresholdsOf(machineId)
        .find((t) => t.metric === 'temperature');
      return limits ? (limits.high ?? limits.highHigh ?? null) : null;
    });
    this.ingest = new IngestStore(
      db,
      (lineId, machineId, atMs) => {
        this.plant.saveMachine(lineId, machineId, undefined, nowIso());
        this.events.append({
          type: 'plant.machine_registered',
          lineId,
          machineId,
          target: machineId,
          message: `Machine ${machineId} on line ${lineId} registered at its first message`,
        });
        // In a savepoint: a fault in the defaults never costs the message being stored.
        this.evaluateAlerts(() => this.limitTemplateStore.applyDefaults(lineId, machineId, atMs));
      },
      () => this.topicRoot,
      (commandId, ok, message) => {
        const record = this.commands.answer(commandId, ok, message, Date.now());
        if (!record) return;
        this.events.append({
          type: ok ? 'command.answered' : 'command.failed',
          actor: record.issuedBy,
          target: record.machineId,
          lineId: record.lineId,
          machineId: record.machineId,
          message: `${record.machineId} answered ${record.command} (${record.id.slice(0, 8)}): ${ok ? 'ok' : 'refused'}${message ? ` — ${message}` : ''}`,
        });
        this.pending.push({ topic: 'command', payload: record });
      },
      (message, receivedMs, verdict) => {
        if (message.kind === 'telemetry') this.rollups.add(message);
        this.evaluateAlerts(() => this.alertRules.stored(message, receivedMs, verdict));
      },
    );
  }

  /**
   * Runs alert rules in a savepoint inside the current transaction: a fault in them is
   * logged and undone, and never costs the data that was being stored.
   */
  private evaluateAlerts(work: () => void): void {
    const noticesBefore = this.pending.length;
    try {
      this.savepoint(work);
    } catch (error) {
      this.pending.length = noticesBefore;
      console.error(`alert rules failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /** Runs `work` in one transaction; notices go out only once it committed. */
  private tx<T>(work: () => T): T {
    this.pending = [];
    try {
      const result = this.db.transaction(work)();
      for (const notice of this.pending) this.notify(notice);
      return result;
    } finally {
      this.pending = [];
    }
  }

  private accountChanged(userId: number): void {
    this.pending.push({ topic: 'accounts.changed', payload: { userId } });
  }

  private revokeSessionsOf(userId: number, now: string): void {
    const sessionIds = this.sessions.revokeAllOf(userId, now);
    if (sessionIds.length)
      this.pending.push({ topic: 'sessions.revoked', payload: { sessionIds } });
  }

  // ---- Setup and settings --------------------------------------------------------------

  setupStatus(): { accountCount: number; settings: Settings } {
    return { accountCount: this.accounts.count(), settings: this.settings.get() };
  }

  createFirstAdmin(user: NewUser): User | null {
    return this.tx(() => {
      if (this.accounts.count() > 0) return null;
      const created = this.accounts.create({ ...user, role: 'admin' }, nowIso());
      this.events.append({
        type: 'setup.first_admin',
        actor: created.username,
        target: created.username,
        message: `First admin ${created.username} created at first run`,
      });
      this.accountChanged(created.id);
      return created;
    });
  }

  getSettings(): Settings {
    return this.settings.get();
  }

  updateSettings(patch: Partial<Settings>, actor: Actor): Settings {
    return this.tx(() => {
      const before = this.settings.get();
      const after = this.settings.update(patch);
      this.events.append({
        type: 'settings.changed',
        actor: actor.username,
        message: 'Plant settings changed',
        details: { before, after },
      });
      return after;
    });
  }

  /** The broker an admin configured (with its password), or null for the default. */
  savedBroker(): BrokerSettings | null {
    return this.settings.readPrivate<BrokerSettings>('broker');
  }

  saveBroker(broker: BrokerSettings, actor: Actor): void {
    this.tx(() => {
      this.settings.writePrivate('broker', broker);
      this.events.append({
        type: 'broker.configured',
        actor: actor.username,
        target: broker.url || 'embedded broker',
        message: `${actor.username} pointed Linewatch at ${broker.url || 'the embedded broker'} (topic root ${broker.topicRoot})`,
        details: {
          url: broker.url,
          username: broker.username ?? null,
          tls: Boolean(broker.caFile || broker.certFile),
        },
      });
    });
  }

  /**
   * An online backup (SQLite's backup API) into `dir`, while ingest goes on; the file is a
   * complete database that can replace linewatch.sqlite with the app stopped.
   */
  async backup(dir: string, actor: Actor): Promise<{ file: string; bytes: number }> {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `linewatch-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    await this.db.backup(file);
    const bytes = statSync(file).size;
    this.tx(() =>
      this.events.append({
        type: 'store.backup',
        actor: actor.username,
        target: file,
        message: `${actor.username} backed up the database to ${file} (${bytes} bytes)`,
      }),
    );
    return { file, bytes };
  }

  /**
   * Just after a backup was put in place (store-process.ts swaps the file): every session
   * the restored database knows is ended, since its tokens belong to another moment, and the
   * restore is recorded in the restored log, which is the one that goes on.
   */
  recordRestore(
    fileName: string,
    safetyCopy: string,
    actor: Actor,
    schema: { from: number; to: number },
  ): RestoreOutcome {
    return this.tx(() => {
      const sessionIds = this.sessions.revokeAll(nowIso());
      if (sessionIds.length)
        this.pending.push({ topic: 'sessions.revoked', payload: { sessionIds } });
      this.events.append({
        type: 'backup.restored',
        actor: actor.username,
        target: fileName,
        message: `${actor.username} restored the database from ${fileName}; the database as it was is kept as ${safetyCopy}`,
        details: { fileName, safetyCopy, schemaFrom: schema.from, schemaTo: schema.to },
      });
      return { restored: fileName, safetyCopy };
    });
  }

  /** Raises or clears the full-disk alert (StorageGuard decides when; see storage-guard.ts). */
  storageFull(full: boolean, nowMs: number): void {
    this.tx(() => {
      const condition = storageFullCondition();
      if (full) this.alerts.raise(condition, nowMs);
      else this.alerts.returnToNormal(condition.key, nowMs);
    });
  }

  /** The end (epoch ms) of the last shift whose reports were exported, or null before the first. */
  lastShiftExport(): number | null {
    return this.settings.readPrivate<number>('reports.lastShiftExportEndMs');
  }

  /**
   * Records a finished end-of-shift export: the files written (one event each, so the log
   * names every file) and the shift it covered, so a restart does not export it again.
   */
  recordShiftExport(
    shiftEndMs: number,
    files: { lineId: string; path: string; reportId: string; dataSha256: string }[],
  ): void {
    this.tx(() => {
      for (const file of files) {
        this.events.append({
          type: 'report.exported',
          actor: 'Linewatch',
          target: file.reportId,
          lineId: file.lineId,
          message: `The shift report ${file.reportId} of line ${file.lineId} was written to ${file.path}`,
          details: {
            path: file.path,
            dataSha256: file.dataSha256,
            shiftEnd: new Date(shiftEndMs).toISOString(),
          },
        });
      }
      this.settings.writePrivate('reports.lastShiftExportEndMs', shiftEndMs);
    });
  }

  /** An end-of-shift export that could not be written (folder missing, disk full). */
  recordShiftExportFailure(shiftEndMs: number, reason: string): void {
    this.tx(() => {
      this.events.append({
        type: 'report.export_failed',
        actor: 'Linewatch',
        message: `The shift reports for the shift ending ${new Date(shiftEndMs).toISOString()} could not be written: ${reason}`,
        details: { shiftEnd: new Date(shiftEndMs).toISOString(), reason },
      });
    });
  }

  /** After a damaged database was moved aside: an event and a critical alert in the new one. */
  recordRecovery(movedTo: string, reason: string): void {
    this.tx(() => {
      this.events.append({
        type: 'store.recovered',
        target: movedTo,
        message: `The database failed its check at start (${reason}); it was moved to ${movedTo} and a fresh one created`,
        details: { movedTo, reason },
      });
      this.alerts.raise(storageCondition(movedTo, reason), Date.now());
    });
  }

  /**
   * A background process ended unexpectedly: an event, and a high plant-wide alert that stays
   * until acknowledged (raised, and back to normal at once: the process runs again or stopped).
   */
  recordProcessEnd(end: ProcessEnd, nowMs: number): void {
    this.tx(() => {
      this.events.append({
        type: `process.${end.outcome}`,
        actor: 'Linewatch',
        target: end.process,
        message: end.message,
        details: { process: end.process, why: end.why, outcome: end.outcome },
      });
      const condition = processEndedCondition(end.process, end.message);
      this.alerts.raise(condition, nowMs);
      this.alerts.returnToNormal(condition.key, nowMs);
    });
  }

  /** A stable id of this installation: the MQTT client id of the persistent session. */
  installId(): string {
    return this.tx(() => this.settings.secret('install', () => randomBytes(6).toString('hex')));
  }

  /** The token signing key, made at first use and kept in the database. */
  tokenSecret(): string {
    return this.tx(() => this.settings.secret('token', () => randomBytes(32).toString('hex')));
  }

  // ---- Login and sessions --------------------------------------------------------------

  credentials(username: string): Credentials | null {
    return this.accounts.credentials(username);
  }

  getUser(id: number): User {
    return this.accounts.get(id);
  }

  passwordHash(id: number): string {
    return this.accounts.passwordHash(id);
  }

  /**
   * A refused login: unknown user, disabled, locked or wrong password (which may lock the
   * account, at `maxFailures` from anywhere, or this name from one address: `addressLock`).
   */
  loginFailed(
    attempt: { username: string; userId: number | null; reason: string },
    lockout: {
      maxFailures: number;
      lockUntil: string;
      addressLock?: { client: string; lockUntil: string; failures: number } | null;
    } | null,
  ): { locked: boolean } {
    return this.tx(() => {
      let locked = false;
      if (attempt.userId !== null && lockout) {
        locked = this.accounts.recordFailure(
          attempt.userId,
          lockout.maxFailures,
          lockout.lockUntil,
        ).locked;
      }
      this.events.append({
        type: 'auth.login_failed',
        actor: attempt.username,
        target: attempt.username,
        message: `Login refused for "${attempt.username}": ${attempt.reason}`,
      });
      if (locked && lockout) {
        this.events.append({
          type: 'auth.lockout',
          actor: attempt.username,
          target: attempt.username,
          message: `Account ${attempt.username} locked until ${lockout.lockUntil} after ${lockout.maxFailures} wrong passwords`,
          details: { lockedUntil: lockout.lockUntil },
        });
        this.accountChanged(attempt.userId!);
      } else if (lockout?.addressLock) {
        const { client, lockUntil, failures } = lockout.addressLock;
        this.events.append({
          type: 'auth.lockout',
          actor: attempt.username,
          target: attempt.username,
          message: `Logins as ${attempt.username} from ${client} locked until ${lockUntil} after ${failures} wrong passwords (other addresses are not affected)`,
          details: { lockedUntil: lockUntil, client },
        });
      }
      return { locked };
    });
  }

  loginSucceeded(userId: number, sessionId: string, station: string | null = null): User {
    return this.tx(() => {
      const now = nowIso();
      const user = this.accounts.recordSuccess(userId, now);
      this.sessions.create(sessionId, userId, now);
      this.events.append({
        type: 'auth.login',
        actor: user.username,
        target: user.username,
        message: `${user.username} logged in${station ? ` at ${station}` : ''}`,
      });
      return user;
    });
  }

  getSession(id: string): SessionRow | null {
    return this.sessions.get(id);
  }

  touchSession(id: string): void {
    this.sessions.touch(id, nowIso());
  }

  setIdleLocked(sessionId: string, locked: boolean, actor: Actor): void {
    this.tx(() => {
      this.sessions.setIdleLocked(sessionId, locked, nowIso());
      this.events.append({
        type: locked ? 'auth.idle_locked' : 'auth.unlocked',
        actor: actor.username,
        target: actor.username,
        message: locked
          ? `Session of ${actor.username} locked`
          : `${actor.username} unlocked their session`,
      });
    });
  }

  logout(sessionId: string, actor: Actor): void {
    this.tx(() => {
      this.sessions.revoke(sessionId, nowIso());
      this.pending.push({ topic: 'sessions.revoked', payload: { sessionIds: [sessionId] } });
      this.events.append({
        type: 'auth.logout',
        actor: actor.username,
        target: actor.username,
        message: `${actor.username} logged out`,
      });
    });
  }

  changeOwnPassword(userId: number, passwordHash: string): void {
    this.tx(() => {
      const user = this.accounts.get(userId);
      this.accounts.setPasswordHash(userId, passwordHash, nowIso());
      this.events.append({
        type: 'account.password_changed',
        actor: user.username,
        target: user.username,
        message: `${user.username} changed their password`,
      });
    });
  }

  // ---- Accounts (admins) ---------------------------------------------------------------

  listUsers(): User[] {
    return this.accounts.list();
  }

  createUser(user: NewUser, actor: Actor): User {
    return this.tx(() => {
      const created = this.accounts.create(user, nowIso());
      this.events.append({
        type: 'account.created',
        actor: actor.username,
        target: created.username,
        message: `${actor.username} created ${created.role} account ${created.username}`,
        details: { role: created.role, assignments: created.assignments },
      });
      this.accountChanged(created.id);
      return created;
    });
  }

  updateUser(id: number, patch: UserPatch, actor: Actor): User {
    return this.tx(() => {
      const before = this.accounts.get(id);
      const after = this.accounts.update(id, patch);
      if (after.role !== before.role || (after.disabled && !before.disabled)) {
        this.revokeSessionsOf(id, nowIso());
      }
      this.events.append({
        type:
          after.disabled !== before.disabled
            ? after.disabled
              ? 'account.disabled'
              : 'account.enabled'
            : 'account.updated',
        actor: actor.username,
        target: after.username,
        message: `${actor.username} changed account ${after.username}: ${describeChanges(before, after)}`,
        details: {
          before: { displayName: before.displayName, role: before.role, disabled: before.disabled },
          after: { displayName: after.displayName, role: after.role, disabled: after.disabled },
        },
      });
      this.accountChanged(id);
      return after;
    });
  }

  deleteUser(id: number, actor: Actor): void {
    this.tx(() => {
      const now = nowIso();
      this.revokeSessionsOf(id, now);
      const user = this.accounts.delete(id);
      this.events.append({
        type: 'account.deleted',
        actor: actor.username,
        target: user.username,
        message: `${actor.username} deleted account ${user.username}`,
        details: { role: user.role },
      });
      this.accountChanged(id);
    });
  }

  resetPassword(id: number, passwordHash: string, actor: Actor): void {
    this.tx(() => {
      const now = nowIso();
      const user = this.accounts.get(id);
      this.accounts.setPasswordHash(id, passwordHash, now);
      this.accounts.unlock(id);
      this.revokeSessionsOf(id, now);
      this.events.append({
        type: 'account.password_reset',
        actor: actor.username,
        target: user.username,
        message: `${actor.username} reset the password of ${user.username}`,
      });
      this.accountChanged(id);
    });
  }

  unlockUser(id: number, actor: Actor): User {
    return this.tx(() => {
      const user = this.accounts.unlock(id);
      this.events.append({
        type: 'account.unlocked',
        actor: actor.username,
        target: user.username,
        message: `${actor.username} unlocked account ${user.username}`,
      });
      this.accountChanged(id);
      return user;
    });
  }

  setAssignments(id: number, assignments: User['assignments'], actor: Actor): User {
    return this.tx(() => {
      const before = this.accounts.get(id);
      const after = this.accounts.setAssignments(id, assignments);
      this.events.append({
        type: 'account.assignments_changed',
        actor: actor.username,
        target: after.username,
        message: `${actor.username} changed the assignments of ${after.username}`,
        details: { before: before.assignments, after: after.assignments },
      });
      this.accountChanged(id);
      return after;
    });
  }

  // ---- Event log -----------------------------------------------------------------------

  appendEvent(event: NewEvent): EventRecord {
    return this.tx(() => this.events.append(event));
  }

  listEvents(query: EventQuery, visibility: EventVisibility): EventPage {
    return this.events.list(query, visibility);
  }

  verifyEvents(actor: Actor): AuditResult {
    const result = this.events.verify();
    this.tx(() =>
      this.events.append({
        type: result.ok ? 'audit.verified' : 'audit.broken',
        actor: actor.username,
        message: result.ok
          ? `Event log verified: ${result.checked} rows chain correctly`
          : `Event log broken at row ${result.firstBrokenId}: ${result.reason}`,
        details: { ...result },
      }),
    );
    return result;
  }

  // ---- Ingest --------------------------------------------------------------------------

  setTopicRoot(root: string): void {
    this.topicRoot = root;
  }

  /** Validates, scores and stores a batch in one transaction; the caller acks after this returns. */
  ingestBatch(messages: RawMessage[], options: { perMessage?: boolean } = {}): IngestSummary {
    return this.tx(() => {
      const summary = this.ingest.ingest(messages, options);
      const receivedMs = Math.max(0, ...messages.map((message) => message.receivedMs));
      this.evaluateAlerts(() => this.alertRules.batchDone(summary.deadLettered, receivedMs));
      if (summary.newMachines.length) {
        this.pending.push({
          topic: 'plant.changed',
          payload: { machineIds: summary.newMachines.map((machine) => machine.machineId) },
        });
      }
      return summary;
    });
  }

  listDeadLetters(
    query: DeadLetterQuery,
    visibility: EventVisibility,
  ): {
    deadLetters: DeadLetter[];
    hasMore: boolean;
  } {
    return this.deadLetters.list(query, visibility);
  }

  /** Replays a dead letter the caller may see (null: no such dead letter in their scope). */
  replayDeadLetter(id: number, visibility: EventVisibility, actor: Actor): ReplayOutcome | null {
    const visible = this.deadLetters.isVisible(id, visibility);
    if (!visible) return null;
    return this.tx(() => {
      const result = this.ingest.replay(id, Date.now());
      if (result) {
        this.events.append({
          type: 'deadletter.replayed',
          actor: actor.username,
          target: `dead letter ${id}`,
          lineId: visible.lineId,
          machineId: visible.machineId,
          message: `${actor.username} replayed dead letter ${id}: ${result.outcome} (${result.reason})`,
        });
      }
      return result;
    });
  }

  // ---- Station keys (the rules are in src/backend/station-keys) --------------------------

  listStationKeys(): StationKey[] {
    return this.stationKeys.list();
  }

  findStationKey(keyHash: string): StationKey | null {
    return this.stationKeys.findByHash(keyHash);
  }

  createStationKey(key: NewStationKeyRow, event: NewEvent): StationKey {
    return this.tx(() => {
      const created = this.stationKeys.create(key);
      this.events.append({ ...event, details: { ...event.details, stationKeyId: created.id } });
      return created;
    });
  }

  /** Revokes a key with its event (none when it was revoked already); null: no such key. */
  revokeStationKey(
    id: number,
    nowMs: number,
    event: NewEvent & { actor: string },
  ): StationKey | null {
    return this.tx(() => {
      const result = this.stationKeys.revoke(id, nowMs, event.actor);
      if (result?.changed) this.events.append(event);
      return result?.key ?? null;
    });
  }

  /** The (throttled) "used" event, with the key's last-used time. */
  recordStationKeyUse(id: number, nowMs: number, event: NewEvent): void {
    this.tx(() => {
      this.stationKeys.markUsed(id, nowMs);
      this.events.append(event);
    });
  }

  // ---- Machines and commands -----------------------------------------------------------

  machineSnapshots(): MachineSnapshot[] {
    return this.machines.snapshots();
  }

  configureMachine(
    machineId: string,
    patch: { name?: string; heartbeatTimeoutS?: number; idealCycleTimeS?: number | null },
    actor: Actor,
  ): MachineSnapshot {
    return this.tx(() => {
      const snapshot = this.machines.configure(machineId, patch);
      this.events.append({
        type: 'plant.machine_configured',
        actor: actor.username,
        target: machineId,
        lineId: snapshot.lineId,
        machineId,
        message: `${actor.username} configured machine ${machineId}`,
        details: { ...patch },
      });
      return snapshot;
    });
  }

  /** Marks machines offline that Linewatch has not heard from within their heartbeat timeout. */
  markOffline(machineIds: string[], nowMs: number): string[] {
    return this.tx(() =>
      machineIds.filter((machineId) => {
        const recorded = this.machines.recordState(
          machineId,
          'offline',
          'no message within the heartbeat timeout',
          nowMs,
        );
        if (recorded) {
          this.events.append({
            type: 'machine.offline',
            target: machineId,
            machineId,
            message: `Machine ${machineId} is offline: no message within its heartbeat timeout`,
          });
          this.evaluateAlerts(() => this.alertRules.machineOffline(machineId, nowMs));
        }
        return recorded;
      }),
    );
  }

  /** The per-hour sums OEE is computed from, and each machine's ideal cycle time. */
  oeeInputs(
    fromMs: number,
    toMs: number,
    machines: string[] | null,
  ): { hours: HourFigures[]; idealCycleS: Map<string, number | null> } {
    return {
      hours: this.oee.hourFigures(fromMs, toMs, machines, Date.now()),
      idealCycleS: this.oee.idealCycleTimes(),
    };
  }

  downtime(fromMs: number, toMs: number, machines: string[] | null): DowntimeEvent[] {
    return this.machines.downtime(fromMs, toMs, machines);
  }

  statePeriods(fromMs: number, toMs: number, machines: string[] | null): StatePeriod[] {
    return this.machines.timeline(fromMs, toMs, machines);
  }

  createCommand(
    command: { id: string; machineId: string; command: CommandName; args: Record<string, unknown> },
    actor: Actor,
  ): CommandRecord {
    return this.tx(() => {
      const record = this.commands.create(command, actor.username, Date.now());
      this.events.append({
        type: 'command.sent',
        actor: actor.username,
        target: record.machineId,
        lineId: record.lineId,
        machineId: record.machineId,
        message: `${actor.username} sent ${record.command} to ${record.machineId} (${record.id.slice(0, 8)})`,
        details: { commandId: record.id, args: record.args },
      });
      return record;
    });
  }

  expireCommands(deadlineMs: number): CommandRecord[] {
    return this.tx(() => {
      const expired = this.commands.expire(deadlineMs);
      for (const record of expired) {
        this.events.append({
          type: 'command.timed_out',
          actor: record.issuedBy,
          target: record.machineId,
          lineId: record.lineId,
          machineId: record.machineId,
          message: `${record.machineId} did not answer ${record.command} (${record.id.slice(0, 8)}) in time`,
        });
      }
      return expired;
    });
  }

  listCommands(
    machineId: string | undefined,
    machines: string[] | null,
    limit: number,
  ): CommandRecord[] {
    return this.commands.list(machineId, machines, limit);
  }

  // ---- Telemetry history and retention -------------------------------------------------

  metricHistory(
    machineId: string,
    metric: string,
    fromMs: number,
    toMs: number,
  ): { metrics: string[]; points: MinutePoint[] } {
    return {
      metrics: this.rollups.metricsOf(machineId),
      points: this.rollups.history(machineId, metric, fromMs, toMs),
    };
  }

  /** Trims raw telemetry and rollups past their retention, in bounded batches. */
  applyRetention(nowMs: number): { raw: number; rollups: number } {
    const settings = this.settings.get();
    const removed = this.tx(() =>
      this.rollups.trim(nowMs, settings.rawRetentionDays, settings.rollupRetentionDays),
    );
    if (removed.raw + removed.rollups > 0) {
      this.tx(() =>
        this.events.append({
          type: 'retention.applied',
          message: `Retention removed ${removed.raw} raw telemetry samples and ${removed.rollups} minute rollups`,
          details: { ...removed },
        }),
      );
    }
    return removed;
  }

  // ---- Maintenance ---------------------------------------------------------------------

  maintenanceStatus(machines: string[] | null, nowMs: number): MaintenanceStatus[] {
    return this.maintenance.status(machines, nowMs);
  }

  saveMaintenancePlan(
    machineId: string,
    plan: { intervalRunHours: number | null; intervalUnits: number | null; lastServiceAt?: string },
    actor: Actor,
    nowMs: number,
  ): MaintenanceStatus {
    return this.tx(() => {
      const lastServiceMs = plan.lastServiceAt
        ? Date.parse(plan.lastServiceAt)
        : (this.maintenance.lastServiceMs(machineId) ?? nowMs);
      this.maintenance.savePlan(machineId, { ...plan, lastServiceMs }, actor.username, nowMs);
      this.events.append({
        type: 'maintenance.plan_saved',
        actor: actor.username,
        target: machineId,
        machineId,
        message: `${actor.username} set the service interval of ${machineId}: ${plan.intervalRunHours ?? '—'} run hours, ${plan.intervalUnits ?? '—'} units`,
      });
      return this.maintenance.status([machineId], nowMs)[0]!;
    });
  }

  maintenanceTasks(
    machineId: string | undefined,
    machines: string[] | null,
    limit: number,
  ): MaintenanceTask[] {
    return this.maintenance.tasks(machineId, machines, limit);
  }

  maintenanceTask(id: number): MaintenanceTask | null {
    return this.maintenance.task(id);
  }

  scheduleMaintenance(
    task: { machineId: string; title: string; notes?: string; dueAt?: string },
    actor: Actor,
    nowMs: number,
  ): MaintenanceTask {
    return this.tx(() => {
      const created = this.maintenance.scheduleTask(task, actor.username, nowMs);
      this.events.append({
        type: 'maintenance.task_scheduled',
        actor: actor.username,
        target: `task ${created.id}`,
        lineId: created.lineId,
        machineId: created.machineId,
        message: `${actor.username} scheduled "${created.title}" on ${created.machineId}`,
      });
      return created;
    });
  }

  updateMaintenanceTask(
    id: number,
    change: { action: 'start' | 'complete'; notes?: string; resetsInterval: boolean },
    actor: Actor,
    nowMs: number,
  ): MaintenanceTask {
    return this.tx(() => {
      const task =
        change.action === 'start'
          ? this.maintenance.startTask(id, actor.username, nowMs)
          : this.maintenance.completeTask(id, actor.username, change.notes ?? null, nowMs);
      if (change.action === 'complete' && change.resetsInterval) {
        const current = this.maintenance.status([task.machineId], nowMs)[0];
        if (current?.plan) {
          this.maintenance.savePlan(
            task.machineId,
            { ...current.plan, lastServiceMs: nowMs },
            actor.username,
            nowMs,
          );
          this.alerts.returnToNormal(`maintenance:${task.machineId}`, nowMs);
        }
      }
      this.events.append({
        type: change.action === 'start' ? 'maintenance.task_started' : 'maintenance.task_completed',
        actor: actor.username,
        target: `task ${task.id}`,
        lineId: task.lineId,
        machineId: task.machineId,
        message: `${actor.username} ${change.action === 'start' ? 'started' : 'completed'} "${task.title}" on ${task.machineId}${change.notes ? `: ${change.notes}` : ''}`,
      });
      return task;
    });
  }

  /** Raises or clears the maintenance-due and predicted-crossing alerts of every machine. */
  evaluateMaintenance(nowMs: number, horizonMs: number): void {
    const statuses = this.maintenance.status(null, nowMs);
    this.tx(() => {
      for (const status of statuses) {
        const place = { lineId: status.lineId, machineId: status.machineId };
        if (status.status === 'due' || status.status === 'overdue') {
          this.alerts.raise(maintenanceCondition(place, status.status), nowMs);
        } else {
          this.alerts.returnToNormal(`maintenance:${status.machineId}`, nowMs);
        }
        const prediction = status.prediction;
        const soon =
          prediction?.reachesAt !== null &&
          prediction?.reachesAt !== undefined &&
          Date.parse(prediction.reachesAt) - nowMs <= horizonMs;
        if (soon && prediction) {
          this.alerts.raise(predictionCondition(place, prediction.text, prediction.limit), nowMs);
        } else {
          this.alerts.returnToNormal(`prediction:${status.machineId}:temperature`, nowMs);
        }
      }
    });
  }

  // ---- Quality -------------------------------------------------------------------------

  listResults(
    query: ResultQuery,
    visibility: EventVisibility,
  ): { results: TestResult[]; hasMore: boolean } {
    return this.quality.listResults(query, visibility);
  }

  yieldByStep(
    fromMs: number,
    toMs: number,
    machines: string[] | null,
    lineId?: string,
  ): YieldRow[] {
    return this.quality.yieldByStep(fromMs, toMs, machines, lineId);
  }

  listSpecs(
    filter: { productId?: string; testStep?: string; lineId?: string },
    lines: string[] | null,
  ): SpecVersion[] {
    return this.quality.listSpecs(filter, lines);
  }

  saveSpec(spec: NewSpec, actor: Actor): SpecVersion {
    return this.tx(() => {
      const saved = this.quality.saveSpec(spec, actor.username, Date.now());
      const applies = saved.lineId
        ? `for line ${saved.lineId} (wins over plant-wide limits there)`
        : 'plant-wide (lines with limits of their own keep them)';
      this.events.append({
        type: 'spec.saved',
        actor: actor.username,
        target: `${saved.productId} / ${saved.testStep}`,
        lineId: saved.lineId,
        message: `${actor.username} set limits v${saved.version} of ${saved.productId} ${saved.testStep} ${applies}: ${saved.lower ?? '−∞'} … ${saved.upper ?? '+∞'} from ${saved.validFrom}`,
        details: { ...saved },
      });
      // Limits in force now settle the condition; limits from a later time do so once they
      // judge a result (AlertEvaluator.batchDone).
      if (Date.parse(saved.validFrom) <= Date.now()) {
        this.alerts.resolveByKey(
          noSpecKey(saved.productId, saved.testStep),
          actor.username,
          `spec limits v${saved.version} saved`,
          Date.now(),
        );
      }
      return saved;
    });
  }

  previewSpec(
    proposal: {
      productId: string;
      testStep: string;
      lineId?: string;
      lower: number | null;
      upper: number | null;
    },
    sinceMs: number,
    machines: string[] | null,
  ): SpecPreview {
    return this.quality.previewSpec(proposal, sinceMs, machines);
  }

  ingestCounters(): Record<string, number> {
    const rows = this.db.prepare('SELECT name, value FROM ingest_counters').all() as {
      name: string;
      value: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }

  // ---- Alerts --------------------------------------------------------------------------

  listAlerts(
    query: AlertQuery,
    visibility: EventVisibility,
    nowMs: number,
  ): { alerts: Alert[]; hasMore: boolean } {
    return this.alerts.list(query, visibility, nowMs);
  }

  getAlert(id: number): Alert | null {
    return this.alerts.get(id);
  }

  acknowledgeAlert(id: number, comment: string | undefined, actor: Actor, nowMs: number): Alert {
    return this.tx(() =>
      this.alerts.acknowledge(id, actor.username, comment, nowMs, actor.station),
    );
  }

  shelveAlert(id: number, untilMs: number, reason: string, actor: Actor, nowMs: number): Alert {
    return this.tx(() =>
      this.alerts.shelve(id, untilMs, actor.username, reason, nowMs, actor.station),
    );
  }

  unshelveAlert(id: number, actor: Actor): Alert {
    return this.tx(() => this.alerts.unshelve(id, actor.username, `by ${actor.username}`));
  }

  resolveAlert(id: number, reason: string, actor: Actor, nowMs: number): Alert {
    return this.tx(() => this.alerts.resolve(id, actor.username, reason, nowMs));
  }

  setAlertOutOfService(id: number, outOfService: boolean, reason: string, actor: Actor): Alert {
    return this.tx(() => this.alerts.setOutOfService(id, outOfService, actor.username, reason));
  }

  /** Ends shelvings whose time is up (the backend's clock decides); returns how many. */
  expireAlertShelves(nowMs: number): number {
    return this.tx(() => this.alerts.expireShelves(nowMs));
  }

  /** The broker connection was lost (for longer than the grace) or is back. */
  brokerConnection(lost: boolean, brokerUrl: string, detail: string, nowMs: number): void {
    this.tx(() => {
      const condition = brokerCondition(brokerUrl, detail);
      if (lost) this.alerts.raise(condition, nowMs);
      else this.alerts.returnToNormal(condition.key, nowMs);
    });
  }

  listThresholds(
    filter: { lineId?: string; machineId?: string },
    machines: string[] | null,
  ): Threshold[] {
    return this.thresholds.listThresholds(filter, machines);
  }

  saveThreshold(input: ThresholdInput, actor: Actor, nowMs: number): Threshold {
    return this.tx(() => {
      const saved = this.thresholds.saveThreshold(input, actor.username, nowMs);
      this.alertRules.thresholdsChanged(input.machineId, input.metric, nowMs);
      return saved;
    });
  }

  // ---- Alarm limit templates (the rules are in limit-templates-store.ts) ------------------

  listLimitTemplates(): LimitTemplate[] {
    return this.limitTemplateStore.list();
  }

  saveLimitTemplate(
    input: { name: string; autoApply: boolean; limits: TemplateLimit[] },
    actor: Actor,
    nowMs: number,
  ): LimitTemplate {
    return this.tx(() => this.limitTemplateStore.save(input, actor.username, nowMs));
  }

  machinesOfLine(lineId: string): string[] {
    return this.limitTemplateStore.machinesOfLine(lineId);
  }

  applyLimitTemplate(
    name: string,
    machineIds: string[],
    actor: Actor,
    nowMs: number,
  ): AppliedLimitTemplate {
    return this.tx(() => this.limitTemplateStore.apply(name, machineIds, actor.username, nowMs));
  }

  // ---- Plant ---------------------------------------------------------------------------

  listPlant(): Plant {
    return this.plant.list();
  }

  /** The machines of a simulator run, registered ahead of its first message and marked. */
  registerSimulatedMachines(
    machines: { lineId: string; machineId: string }[],
    actor: Actor,
    nowMs: number,
  ): { added: number } {
    return this.tx(() => {
      const added = this.plant.registerSimulated(machines, nowIso(), (lineId, machineId) =>
        this.limitTemplateStore.applyDefaults(lineId, machineId, nowMs),
      );
      if (added > 0)
        this.events.append({
          type: 'plant.simulated_registered',
          actor: actor.username,
          target: 'simulator',
          message: `${actor.username} started a simulator run: ${added} machines registered as simulated`,
          details: { machines: machines.map((m) => m.machineId) },
        });
      return { added };
    });
  }

  renameLine(lineId: string, name: string, actor: Actor): Line {
    return this.tx(() => {
      const line = this.plant.renameLine(lineId, name);
      this.events.append({
        type: 'plant.line_renamed',
        actor: actor.username,
        target: lineId,
        lineId,
        message: `${actor.username} renamed line ${lineId} to "${name}"`,
      });
      return line;
    });
  }

  saveMachine(lineId: string, machineId: string, name: string | undefined, actor: Actor): Machine {
    return this.tx(() => {
      const machine = this.plant.saveMachine(lineId, machineId, name, nowIso());
      this.events.append({
        type: 'plant.machine_saved',
        actor: actor.username,
        target: machineId,
        lineId,
        machineId,
        message: `${actor.username} saved machine ${machineId} (${machine.name}) on line ${lineId}`,
      });
      return machine;
    });
  }
}

/** How a background process ended, for recordProcessEnd. */
export interface ProcessEnd {
  process: string;
  why: string;
  outcome: 'restarted' | 'failed';
  message: string;
}

/** The operations a StoreClient can call: every public method of Store. */
export type StoreOps = {
  [K in keyof Store as Store[K] extends (...args: never[]) => unknown ? K : never]: Store[K];
};

function describeChanges(before: User, after: User): string {
  const changes: string[] = [];
  if (before.displayName !== after.displayName)
    changes.push(`name "${before.displayName}" → "${after.displayName}"`);
  if (before.role !== after.role) changes.push(`role ${before.role} → ${after.role}`);
  if (before.disabled !== after.disabled) changes.push(after.disabled ? 'disabled' : 'enabled');
  return changes.join(', ') || 'no change';
}
