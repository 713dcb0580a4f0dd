import type { Database } from 'better-sqlite3';
import { AccountsStore } from '../accounts-store';
import { EventsStore } from '../events-store';
import { DeadLettersStore } from '../dead-letters-store';
import { QualityStore } from '../quality-store';
import { MachinesStore } from '../machines-store';
import { CommandsStore } from '../commands-store';
import { OeeStore } from '../oee-store';
import { PlantStore } from '../plant-store';
import { SessionsStore } from '../sessions-store';
import { SettingsStore } from '../settings-store';
import { AlertsStore } from '../alerts-store';
import { ThresholdsStore } from '../thresholds-store';
import { AlertEvaluator } from '../../alerts/alert-evaluator';
import { MaintenanceStore } from '../maintenance-store';
import { RollupsStore } from '../rollups-store';
import { StationKeysStore } from '../station-keys-store';
import { LimitTemplatesStore } from '../limit-templates-store';
import { StoreClock } from '../store-clock';
import { countUsageFrom, UsageSinceService } from '../usage-since-service';
import type { StoreNotice } from './types';

/**
 * What every operation module shares: the domain stores over one connection, the one
 * transaction wrapper and the notices that go out after it commits. Runs only in the store
 * process (one writer).
 */
export class StoreContext {
  readonly accounts: AccountsStore;
  readonly sessions: SessionsStore;
  readonly events: EventsStore;
  readonly settings: SettingsStore;
  readonly plant: PlantStore;
  readonly deadLetters: DeadLettersStore;
  readonly quality: QualityStore;
  readonly machines: MachinesStore;
  readonly commands: CommandsStore;
  readonly oee: OeeStore;
  readonly alerts: AlertsStore;
  readonly thresholds: ThresholdsStore;
  /** Run time and units since each machine's service, whole hours kept (usage-since-service.ts). */
  readonly usage: UsageSinceService;
  readonly maintenance: MaintenanceStore;
  readonly rollups: RollupsStore;
  readonly stationKeys: StationKeysStore;
  readonly alertRules: AlertEvaluator;
  readonly limitTemplates: LimitTemplatesStore;
  /** Made once: a nested better-sqlite3 transaction is a SAVEPOINT. */
  private readonly savepoint: (work: () => void) => void;
  private pending: StoreNotice[] = [];
  /** True while a batch runs its alert rules without a savepoint each (see txRulesOnce). */
  private rulesUnguarded = false;

  constructor(
    readonly db: Database,
    private readonly notify: (notice: StoreNotice) => void,
    /** The caller's "now" for each call (the backend's injected clock). */
    readonly clock: StoreClock = new StoreClock(),
  ) {
    this.accounts = new AccountsStore(db);
    this.sessions = new SessionsStore(db);
    this.events = new EventsStore(
      db,
      (event) => this.notice({ topic: 'event', payload: event }),
      () => clock.nowIso(),
    );
    this.settings = new SettingsStore(db);
    this.plant = new PlantStore(db);
    this.deadLetters = new DeadLettersStore(db);
    this.machines = new MachinesStore(db, () => clock.nowMs());
    this.commands = new CommandsStore(db);
    this.oee = new OeeStore(db);
    this.quality = new QualityStore(db);
    this.rollups = new RollupsStore(db);
    this.stationKeys = new StationKeysStore(db);
    this.savepoint = db.transaction((work: () => void) => work());
    this.alerts = new AlertsStore(
      db,
      (event) => this.events.append(event),
      (alert) => this.notice({ topic: 'alert', payload: alert }),
    );
    this.thresholds = new ThresholdsStore(db, (event) => this.events.append(event));
    this.alertRules = new AlertEvaluator(this.alerts, this.thresholds);
    this.limitTemplates = new LimitTemplatesStore(
      db,
      this.thresholds,
      (event) => this.events.append(event),
      (machineId, metric, nowMs) => this.alertRules.thresholdsChanged(machineId, metric, nowMs),
    );
    this.usage = new UsageSinceService(countUsageFrom(this.oee));
    this.maintenance = new MaintenanceStore(db, this.usage, (machineId) => {
      const limits = this.thresholds
        .thresholdsOf(machineId)
        .find((t) => t.metric === 'temperature');
      return limits ? (limits.high ?? limits.highHigh ?? null) : null;
    });
  }

  /** Queues a notice; it goes out only once the current transaction committed. */
  notice(notice: StoreNotice): void {
    this.pending.push(notice);
  }

  /**
   * Runs alert rules in a savepoint inside the current transaction: a fault in them is
   * logged and undone, and never costs the data that was being stored.
   */
  evaluateAlerts(work: () => void): void {
    if (this.rulesUnguarded) {
      try {
        work();
      } catch (error) {
        throw new AlertRulesFailed(error);
      }
      return;
    }
    const noticesBefore = this.pending.length;
    try {
      this.savepoint(work);
    } catch (error) {
      this.pending.length = noticesBefore;
      this.rolledBack();
      console.error(`alert rules failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /** Runs `work` in one transaction; notices go out only once it committed. */
  tx<T>(work: () => T): T {
    this.pending = [];
    this.forgetTransactionState();
    try {
      const result = this.db.transaction(work)();
      for (const notice of this.pending) this.notify(notice);
      return result;
    } catch (error) {
      this.rolledBack();
      throw error;
    } finally {
      this.pending = [];
    }
  }

  /**
   * Runs `work` (an ingest batch) in one transaction whose alert rules run without a savepoint
   * each: a savepoint per message cost ingest about 7 %. Should a rule fail, the transaction
   * is rolled back, `undo` puts back what the batch changed in memory, and the batch runs
   * again with a savepoint per message, where the fault is logged and undone alone and every
   * message and every other alert is kept, as always.
   */
  txRulesOnce<T>(work: () => T, undo: () => void): T {
    this.rulesUnguarded = true;
    try {
      return this.tx(work);
    } catch (error) {
      if (!(error instanceof AlertRulesFailed)) throw error;
    } finally {
      this.rulesUnguarded = false;
    }
    undo();
    return this.tx(work);
  }

  /** What the alert rules keep for one transaction (see ConditionStates, RecentVerdicts). */
  private forgetTransactionState(): void {
    this.alerts.forget();
    this.thresholds.forget();
  }

  /** A transaction or savepoint was undone: nothing read or written in it is kept. */
  private rolledBack(): void {
    this.alerts.forget();
    this.thresholds.rolledBack();
  }

  accountChanged(userId: number): void {
    this.notice({ topic: 'accounts.changed', payload: { userId } });
  }

  revokeSessionsOf(userId: number, now: string): void {
    const sessionIds = this.sessions.revokeAllOf(userId, now);
    if (sessionIds.length) this.notice({ topic: 'sessions.revoked', payload: { sessionIds } });
  }
}

/** An alert rule failed in a batch run without a savepoint per message (txRulesOnce). */
class AlertRulesFailed extends Error {
  constructor(cause: unknown) {
    super(`alert rules failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}
