import type { LimitWatch } from '../alerts/rules/limit-watch';
import type { StatementCache } from './alert-rows';

/**
 * Whether each watched condition holds (`active`) and since when a crossing has waited for its
 * on-delay, as alert_conditions keeps it, read once a transaction instead of once a message:
 * the rules ask for the offline condition of every stored message, and for the FAIL-rate and
 * limit conditions of most. Every write to those two columns goes through here (the alerts
 * store), so what is kept is what the table holds. Kept for one transaction only (`forget`
 * at its start and after any rollback), so nothing outlives a rollback or another connection.
 */
export class ConditionStates {
  private readonly known = new Map<string, LimitWatch>();

  constructor(private readonly statements: StatementCache) {}

  forget(): void {
    this.known.clear();
  }

  watchOf(key: string): LimitWatch {
    let watch = this.known.get(key);
    if (!watch) {
      const row = this.statements
        .sql('SELECT active, pending_since_ms FROM alert_conditions WHERE condition_key = ?')
        .get(key) as { active: number; pending_since_ms: number | null } | undefined;
      watch = { active: row?.active === 1, pendingSinceMs: row?.pending_since_ms ?? null };
      this.known.set(key, watch);
    }
    return watch;
  }

  /** Remembers when a crossing began that has not yet lasted its on-delay. */
  setPending(key: string, pendingSinceMs: number | null): void {
    this.statements
      .sql(
        `INSERT INTO alert_conditions (condition_key, pending_since_ms) VALUES (?, ?)
           ON CONFLICT (condition_key) DO UPDATE SET pending_since_ms = excluded.pending_since_ms`,
      )
      .run(key, pendingSinceMs);
    const before = this.known.get(key);
    if (before) this.known.set(key, { active: before.active, pendingSinceMs });
    else this.known.delete(key);
  }

  /** The condition holds now (its crossing, if any, is over). */
  setActive(key: string): void {
    this.statements
      .sql(
        `INSERT INTO alert_conditions (condition_key, active, pending_since_ms) VALUES (?, 1, NULL)
           ON CONFLICT (condition_key) DO UPDATE SET active = 1, pending_since_ms = NULL`,
      )
      .run(key);
    this.known.set(key, { active: true, pendingSinceMs: null });
  }

  /** The condition no longer holds; `recentClears` is its chatter history as JSON. */
  setReturned(key: string, recentClears: string): void {
    this.statements
      .sql(
        `UPDATE alert_conditions SET active = 0, pending_since_ms = NULL, recent_clears = ?
           WHERE condition_key = ?`,
      )
      .run(recentClears, key);
    this.known.set(key, { active: false, pendingSinceMs: null });
  }

  /** When the condition last returned to normal, within the chatter window (JSON times). */
  recentClears(key: string): string {
    return (this.statements
      .sql('SELECT recent_clears FROM alert_conditions WHERE condition_key = ?')
      .pluck()
      .get(key) ?? '[]') as string;
  }
}
