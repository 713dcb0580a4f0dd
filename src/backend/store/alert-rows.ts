import type { Database, Statement } from 'better-sqlite3';
import type { Alert, AlertState } from '../../shared/contract';

/** An alert as the alerts table holds it, with its condition's out-of-service flag. */
export interface AlertRow {
  id: number;
  condition_key: string;
  source: Alert['source'];
  priority: Alert['priority'];
  line_id: string | null;
  machine_id: string | null;
  message: string;
  value: number | null;
  state: AlertState;
  raised_ms: number;
  raise_count: number;
  returned_ms: number | null;
  acked_ms: number | null;
  acked_by: string | null;
  acked_station: string | null;
  cleared_ms: number | null;
  resolved_by: string | null;
  resolve_reason: string | null;
  resolved_station: string | null;
  shelved_until_ms: number | null;
  shelved_by: string | null;
  shelve_reason: string | null;
  shelved_station: string | null;
  out_of_service: number | null;
}

export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

export const SELECT_ALERT = `SELECT a.*, c.out_of_service FROM alerts a
  LEFT JOIN alert_conditions c ON c.condition_key = a.condition_key`;

export const PRIORITY_RANK = `CASE a.priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1
  WHEN 'medium' THEN 2 ELSE 3 END`;

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    conditionKey: row.condition_key,
    source: row.source,
    priority: row.priority,
    lineId: row.line_id,
    machineId: row.machine_id,
    message: row.message,
    value: row.value,
    state: row.state,
    raisedAt: iso(row.raised_ms)!,
    raiseCount: row.raise_count,
    returnedAt: iso(row.returned_ms),
    ackedAt: iso(row.acked_ms),
    ackedBy: row.acked_by,
    ackedStation: row.acked_station,
    clearedAt: iso(row.cleared_ms),
    resolvedBy: row.resolved_by,
    resolveReason: row.resolve_reason,
    resolvedStation: row.resolved_station,
    shelvedUntil: iso(row.shelved_until_ms),
    shelvedBy: row.shelved_by,
    shelveReason: row.shelve_reason,
    shelvedStation: row.shelved_station,
    outOfService: row.out_of_service === 1,
  };
}

/** Statements prepared once per SQL text: the alert rules run for every stored message. */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}
