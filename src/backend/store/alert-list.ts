import type { Alert, AlertQuery } from '../../shared/contract';
import { alertViewSql } from '../../shared/rules/alert-active';
import {
  PRIORITY_RANK,
  SELECT_ALERT,
  toAlert,
  type AlertRow,
  type StatementCache,
} from './alert-rows';
import type { EventVisibility } from './events-store';

/** The alerts a reader may see in one view of the Alerts page, filtered and in its order. */
export function listAlerts(
  statements: StatementCache,
  query: AlertQuery,
  visibility: EventVisibility,
  nowMs: number,
): { alerts: Alert[]; hasMore: boolean } {
  const inView = alertViewSql(query.view, {
    state: 'a.state',
    outOfService: 'coalesce(c.out_of_service, 0)',
    shelvedUntilMs: 'a.shelved_until_ms',
    now: '@now',
  });
  const order =
    query.view === 'history'
      ? 'a.raised_ms DESC, a.id DESC'
      : `${PRIORITY_RANK}, a.raised_ms DESC, a.id DESC`;
  const rows = statements
    .sql(
      `${SELECT_ALERT}
         WHERE ${inView}
           AND (@all OR (a.line_id IS NULL AND a.machine_id IS NULL)
             OR a.machine_id IN (SELECT value FROM json_each(@machines))
             OR a.line_id IN (SELECT value FROM json_each(@lines)))
           AND (@state IS NULL OR a.state = @state)
           AND (@priority IS NULL OR a.priority = @priority)
           AND (@source IS NULL OR a.source = @source)
           AND (@lineId IS NULL OR a.line_id = @lineId)
           AND (@machineId IS NULL OR a.machine_id = @machineId)
           AND (@from IS NULL OR a.raised_ms >= @from)
           AND (@to IS NULL OR a.raised_ms < @to)
         ORDER BY ${order} LIMIT @limit`,
    )
    .all({
      now: nowMs,
      all: Number(visibility.all),
      machines: JSON.stringify(visibility.all ? [] : visibility.machines),
      lines: JSON.stringify(visibility.all ? [] : visibility.lines),
      state: query.state ?? null,
      priority: query.priority ?? null,
      source: query.source ?? null,
      lineId: query.lineId ?? null,
      machineId: query.machineId ?? null,
      from: query.from ? Date.parse(query.from) : null,
      to: query.to ? Date.parse(query.to) : null,
      limit: query.limit + 1,
    }) as AlertRow[];
  return { alerts: rows.slice(0, query.limit).map(toAlert), hasMore: rows.length > query.limit };
}
