import {
  alertsInFloodWindow,
  assessFlood,
  FLOOD_WINDOW_MINUTES,
  FLOOD_WINDOW_MS,
  floodGroupLabel,
  type FloodGroup,
} from '../../shared/rules/flood';
import type { StatementCache } from './alert-rows';
import type { NewEvent } from './events-store';

/**
 * The live side of the flood rule (src/shared/rules/flood.ts): after each new alert, whether
 * its group (line, or the plant-wide alerts) floods, kept in `alert_floods` so each flood goes
 * to the event log once, when it begins. The alarm report and the Alerts page apply the same
 * rule to the same raised times.
 */
export class FloodStore {
  constructor(
    private readonly statements: StatementCache,
    private readonly record: (event: NewEvent) => void,
  ) {}

  /** An alert of `group` was raised at `nowMs` (and is stored). */
  alertRaised(group: FloodGroup, nowMs: number): void {
    const sql = (text: string) => this.statements.sql(text);
    // The window's arithmetic is the rule's: SQL only narrows the rows to read.
    const raised = sql('SELECT raised_ms FROM alerts WHERE line_id IS ? AND raised_ms > ?')
      .pluck()
      .all(group, nowMs - FLOOD_WINDOW_MS) as number[];
    const inWindow = alertsInFloodWindow(raised, nowMs);
    // alert_floods is keyed by line; the plant-wide group is kept under '' (no line has that id).
    const key = group ?? '';
    const was = sql('SELECT flooding FROM alert_floods WHERE line_id = ?').pluck().get(key) as
      number | undefined;
    const { flooding, floodBegins } = assessFlood(inWindow, was === 1);
    if (flooding === (was === 1)) return;
    sql(
      `INSERT INTO alert_floods (line_id, flooding, started_ms) VALUES (?, ?, ?)
         ON CONFLICT (line_id) DO UPDATE SET flooding = excluded.flooding,
           started_ms = CASE WHEN excluded.flooding THEN excluded.started_ms ELSE started_ms END`,
    ).run(key, Number(flooding), nowMs);
    if (floodBegins) {
      this.record({
        type: 'alerts.flood',
        target: group ?? 'plant',
        lineId: group,
        message: `Alert flood on ${floodGroupLabel(group)}: ${inWindow} new alerts within ${FLOOD_WINDOW_MINUTES} minutes`,
        details: { lineId: group, alertsInWindow: inWindow },
      });
    }
  }
}
