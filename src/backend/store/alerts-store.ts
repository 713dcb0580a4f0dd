import type { Database } from 'better-sqlite3';
import type { Alert, AlertQuery, AlertState } from '../../shared/contract';
import { shelvingOverSql } from '../../shared/rules/alert-active';
import { floodGroupOf } from '../../shared/rules/flood';
import { shelvingProblem } from '../../shared/rules/shelving';
import { noteReturn } from '../alerts/rules/chatter';
import type { Condition } from '../alerts/rules/conditions';
import { nextAlertState, type AlertAction } from '../alerts/rules/lifecycle';
import type { LimitWatch } from '../alerts/rules/limit-watch';
import { iso, SELECT_ALERT, StatementCache, toAlert, type AlertRow } from './alert-rows';
import type { EventVisibility, NewEvent } from './events-store';
import { FloodStore } from './flood-store';
import { ConditionStates } from './condition-states';
import { listAlerts } from './alert-list';
import { StoreError } from './rpc';
import { stationDetail, whoAt } from './actor-text';

const STATE_EVENT: Record<AlertState, string> = {
  active_unacked: 'alert.raised',
  active_acked: 'alert.acknowledged',
  returned_unacked: 'alert.returned',
  cleared: 'alert.cleared',
};

/**
 * The alert lifecycle: the alerts table and the conditions behind it. Every change goes through
 * the ISA-18.2 state machine (rules/lifecycle.ts), records an event and reports the alert for
 * live views; each new alert is shown to the flood rule (flood-store.ts). The alarm limits are
 * in thresholds-store.ts. Runs inside the store's transactions; it opens none itself.
 */
export class AlertsStore {
  private readonly statements: StatementCache;
  private readonly floods: FloodStore;
  private readonly conditions: ConditionStates;

  constructor(
    db: Database,
    private readonly record: (event: NewEvent) => void,
    private readonly changed: (alert: Alert) => void,
  ) {
    this.statements = new StatementCache(db);
    this.conditions = new ConditionStates(this.statements);
    this.floods = new FloodStore(this.statements, record);
  }

  // ---- Reading -------------------------------------------------------------------------

  private sql(text: string) {
    return this.statements.sql(text);
  }

  get(id: number): Alert | null {
    const row = this.sql(`${SELECT_ALERT} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    return row ? toAlert(row) : null;
  }

  list(
    query: AlertQuery,
    visibility: EventVisibility,
    nowMs: number,
  ): { alerts: Alert[]; hasMore: boolean } {
    return listAlerts(this.statements, query, visibility, nowMs);
  }

  // ---- Conditions (what the process does) ----------------------------------------------

  watchOf(key: string): LimitWatch {
    return this.conditions.watchOf(key);
  }

  /** Remembers when a crossing began that has not yet lasted its on-delay. */
  setPending(key: string, pendingSinceMs: number | null): void {
    this.conditions.setPending(key, pendingSinceMs);
  }

  isActive(key: string): boolean {
    return this.conditions.watchOf(key).active;
  }

  /** Drops what is kept of the conditions: a transaction begins or was rolled back. */
  forget(): void {
    this.conditions.forget();
  }

  /**
   * The condition holds. Raises a new alert, or raises a returned one again; nothing when it
   * already held (one alert per condition, not one per message), even if someone resolved
   * the alert by hand meanwhile.
   */
  raise(condition: Condition, nowMs: number): void {
    if (this.isActive(condition.key)) return;
    this.conditions.setActive(condition.key);
    const open = this.openRow(condition.key);
    if (!open) {
      const id = Number(
        this.sql(
          `INSERT INTO alerts (condition_key, source, priority, line_id, machine_id, message, value,
               state, raised_ms)
             VALUES (@key, @source, @priority, @lineId, @machineId, @message, @value, 'active_unacked', @now)`,
        ).run({ ...condition, now: nowMs }).lastInsertRowid,
      );
      this.report(
        id,
        'alert.raised',
        `Alert raised (${condition.priority}): ${condition.message}`,
        null,
      );
      this.floods.alertRaised(floodGroupOf(condition), nowMs);
      return;
    }
    const next = nextAlertState(open.state, 'raise');
    if (!next) return;
    this.sql(
      `UPDATE alerts SET state = ?, raise_count = raise_count + 1, message = ?, value = ?,
           returned_ms = NULL WHERE id = ?`,
    ).run(next, condition.message, condition.value, open.id);
    this.report(open.id, 'alert.raised', `Alert raised again: ${condition.message}`, null);
  }

  /** The condition no longer holds: its alert returns (or clears if acknowledged). */
  returnToNormal(key: string, nowMs: number): void {
    const watch = this.conditions.watchOf(key);
    if (!watch.active) {
      // A crossing that had not lasted its on-delay is forgotten.
      if (watch.pendingSinceMs !== null) this.setPending(key, null);
      return;
    }
    const recentClears = JSON.parse(this.conditions.recentClears(key)) as number[];
    const chatter = noteReturn(recentClears, nowMs);
    this.conditions.setReturned(key, JSON.stringify(chatter.recentReturnsMs));
    const open = this.openRow(key);
    if (chatter.chatterBegins) {
      this.record({
        type: 'alerts.chattering',
        target: key,
        lineId: open?.line_id ?? null,
        machineId: open?.machine_id ?? null,
        message: `Condition ${key} is chattering: it returned to normal ${chatter.recentReturnsMs.length} times within a minute`,
        details: { conditionKey: key, returns: chatter.recentReturnsMs },
      });
    }
    if (open) this.apply(open, 'return', nowMs, {}, null, 'Back to normal');
  }

  /** Condition keys that start with a prefix and hold now (limits a threshold change removed). */
  activeKeysWithPrefix(prefix: string): string[] {
    return this.sql(
      `SELECT condition_key FROM alert_conditions
         WHERE active = 1 AND substr(condition_key, 1, length(@prefix)) = @prefix`,
    )
      .pluck()
      .all({ prefix }) as string[];
  }

  /** The condition is settled by someone (spec limits added): its open alert is cleared. */
  resolveByKey(key: string, actor: string, reason: string, nowMs: number): void {
    this.returnToNormal(key, nowMs);
    const open = this.openRow(key);
    if (open)
      this.apply(
        open,
        'resolve',
        nowMs,
        { resolved_by: actor, resolve_reason: reason },
        actor,
        reason,
      );
  }

  // ---- What people do ------------------------------------------------------------------

  acknowledge(
    id: number,
    actor: string,
    comment: string | undefined,
    nowMs: number,
    station?: string | null,
  ): Alert {
    const row = this.existing(id);
    // "Acknowledged by olga at CR-2": which station rang off is part of the alert's history.
    const why = station
      ? `Acknowledged by ${actor} at ${station}${comment ? `: ${comment}` : ''}`
      : (comment ?? 'Acknowledged');
    const patch = { acked_ms: nowMs, acked_by: actor, acked_station: station ?? null };
    if (!this.apply(row, 'acknowledge', nowMs, patch, actor, why)) {
      throw new StoreError('CONFLICT', `Alert ${id} is ${row.state}: nothing to acknowledge`);
    }
    return this.get(id)!;
  }

  resolve(
    id: number,
    actor: string,
    reason: string,
    nowMs: number,
    station?: string | null,
  ): Alert {
    const row = this.existing(id);
    const patch = { resolved_by: actor, resolve_reason: reason, resolved_station: station ?? null };
    const why = station ? `Resolved by ${whoAt(actor, station)}: ${reason}` : `Resolved: ${reason}`;
    if (!this.apply(row, 'resolve', nowMs, patch, actor, why)) {
      throw new StoreError('CONFLICT', `Alert ${id} is already cleared`);
    }
    return this.get(id)!;
  }

  shelve(
    id: number,
    untilMs: number,
    actor: string,
    reason: string,
    nowMs: number,
    station?: string | null,
  ): Alert {
    const row = this.existing(id);
    if (row.state === 'cleared') throw new StoreError('CONFLICT', `Alert ${id} is already cleared`);
    const problem = shelvingProblem(untilMs, nowMs);
    if (problem) throw new StoreError('INVALID_INPUT', problem);
    this.sql(
      `UPDATE alerts SET shelved_until_ms = ?, shelved_by = ?, shelve_reason = ?, shelved_station = ?
         WHERE id = ?`,
    ).run(untilMs, actor, reason, station ?? null, id);
    this.report(
      id,
      'alert.shelved',
      `${whoAt(actor, station)} shelved alert ${id} until ${iso(untilMs)}: ${reason}`,
      actor,
      {
        reason,
        until: iso(untilMs),
        ...stationDetail(station),
      },
    );
    return this.get(id)!;
  }

  unshelve(id: number, actor: string | null, why: string): Alert {
    const row = this.existing(id);
    if (row.shelved_until_ms === null)
      throw new StoreError('CONFLICT', `Alert ${id} is not shelved`);
    this.sql(
      `UPDATE alerts SET shelved_until_ms = NULL, shelved_by = NULL, shelve_reason = NULL,
         shelved_station = NULL WHERE id = ?`,
    ).run(id);
    this.report(id, 'alert.unshelved', `Alert ${id} unshelved: ${why}`, actor);
    return this.get(id)!;
  }

  /** Shelvings whose time is up end; the alerts show again in whatever state they reached. */
  expireShelves(nowMs: number): number {
    const ids = this.sql(
      `SELECT id FROM alerts WHERE shelved_until_ms IS NOT NULL
         AND ${shelvingOverSql('shelved_until_ms', '@now')}`,
    )
      .pluck()
      .all({ now: nowMs }) as number[];
    for (const id of ids) this.unshelve(id, null, 'the shelving expired');
    return ids.length;
  }

  setOutOfService(
    id: number,
    outOfService: boolean,
    actor: string,
    reason: string,
    station?: string | null,
  ): Alert {
    const row = this.existing(id);
    this.sql(
      `INSERT INTO alert_conditions (condition_key, out_of_service, oos_by, oos_reason) VALUES (?, ?, ?, ?)
         ON CONFLICT (condition_key) DO UPDATE SET out_of_service = excluded.out_of_service,
           oos_by = excluded.oos_by, oos_reason = excluded.oos_reason`,
    ).run(row.condition_key, Number(outOfService), actor, reason);
    const word = outOfService ? 'out of service' : 'back in service';
    this.report(
      id,
      outOfService ? 'alert.out_of_service' : 'alert.in_service',
      `${whoAt(actor, station)} put ${row.condition_key} ${word}: ${reason}`,
      actor,
      { reason, ...stationDetail(station) },
    );
    return this.get(id)!;
  }

  // ---- Inside ----------------------------------------------------------------------------

  private openRow(key: string): AlertRow | undefined {
    return this.sql(`${SELECT_ALERT} WHERE a.condition_key = ? AND a.state <> 'cleared'`).get(
      key,
    ) as AlertRow | undefined;
  }

  private existing(id: number): AlertRow {
    const row = this.sql(`${SELECT_ALERT} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    if (!row) throw new StoreError('NOT_FOUND', `No alert ${id}`);
    return row;
  }

  /** Moves an alert by the state machine; false when the action does not apply to its state. */
  private apply(
    row: AlertRow,
    action: AlertAction,
    nowMs: number,
    patch: Partial<
      Pick<
        AlertRow,
        | 'acked_ms'
        | 'acked_by'
        | 'acked_station'
        | 'resolved_by'
        | 'resolve_reason'
        | 'resolved_station'
      >
    >,
    actor: string | null,
    why: string,
  ): boolean {
    const next = nextAlertState(row.state, action);
    if (!next) return false;
    const fields = {
      state: next,
      returned_ms: action === 'return' ? nowMs : row.returned_ms,
      cleared_ms: next === 'cleared' ? nowMs : null,
      acked_ms: patch.acked_ms ?? row.acked_ms,
      acked_by: patch.acked_by ?? row.acked_by,
      acked_station: patch.acked_station ?? row.acked_station,
      resolved_by: patch.resolved_by ?? row.resolved_by,
      resolve_reason: patch.resolve_reason ?? row.resolve_reason,
      resolved_station: patch.resolved_station ?? row.resolved_station,
    };
    this.sql(
      `UPDATE alerts SET state = @state, returned_ms = @returned_ms, cleared_ms = @cleared_ms,
           acked_ms = @acked_ms, acked_by = @acked_by, acked_station = @acked_station,
           resolved_by = @resolved_by, resolve_reason = @resolve_reason,
           resolved_station = @resolved_station WHERE id = @id`,
    ).run({ ...fields, id: row.id });
    const type =
      action === 'resolve'
        ? 'alert.resolved'
        : action === 'acknowledge'
          ? 'alert.acknowledged'
          : STATE_EVENT[next];
    this.report(
      row.id,
      type,
      `${why} — alert ${row.id} (${row.message}) is now ${next.replace('_', ' ')}`,
      actor,
      {
        from: row.state,
        to: next,
      },
    );
    return true;
  }

  /** Records the event of a change and reports the alert as it is now. */
  private report(
    id: number,
    type: string,
    message: string,
    actor: string | null,
    details: Record<string, unknown> = {},
  ): void {
    const alert = this.get(id)!;
    this.record({
      type,
      actor,
      target: `alert ${id}`,
      lineId: alert.lineId,
      machineId: alert.machineId,
      message,
      details: { alertId: id, conditionKey: alert.conditionKey, state: alert.state, ...details },
    });
    this.changed(alert);
  }
}
