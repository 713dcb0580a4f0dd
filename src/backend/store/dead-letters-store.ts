import type { Database } from 'better-sqlite3';
import type { DeadLetter, DeadLetterQuery, DeadLetterReason } from '../../shared/contract';
import type { EventVisibility } from './events-store';

interface Row {
  id: number;
  first_seen_ms: number;
  last_seen_ms: number;
  occurrences: number;
  topic: string;
  payload: Buffer;
  payload_bytes: number;
  truncated: number;
  reason: string;
  field: string | null;
  line_id: string | null;
  machine_id: string | null;
}

const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

/** Refused messages, for engineers (their lines) and admins (all, also the unplaced ones). */
export class DeadLettersStore {
  constructor(private readonly db: Database) {}

  /** Where a dead letter belongs, if the viewer may see it. */
  isVisible(
    id: number,
    visibility: EventVisibility,
  ): { lineId: string | null; machineId: string | null } | null {
    const row = this.db
      .prepare('SELECT line_id, machine_id FROM dead_letters WHERE id = ?')
      .get(id) as { line_id: string | null; machine_id: string | null } | undefined;
    if (!row) return null;
    const place = { lineId: row.line_id, machineId: row.machine_id };
    if (visibility.all) return place;
    const lineOfMachine = row.machine_id
      ? (this.db
          .prepare('SELECT line_id FROM machines WHERE id = ?')
          .pluck()
          .get(row.machine_id) as string | undefined)
      : undefined;
    const visible =
      (row.line_id !== null && visibility.lines.includes(row.line_id)) ||
      (row.machine_id !== null && visibility.machines.includes(row.machine_id)) ||
      (lineOfMachine !== undefined && visibility.lines.includes(lineOfMachine));
    return visible ? place : null;
  }

  list(
    query: DeadLetterQuery,
    visibility: EventVisibility,
  ): { deadLetters: DeadLetter[]; hasMore: boolean } {
    const { where, params } = scopeFilter(visibility);
    params.limit = query.limit + 1;
    if (query.beforeId) {
      where.push('id < @beforeId');
      params.beforeId = query.beforeId;
    }
    if (query.reason !== undefined) {
      where.push('reason = @reason');
      params.reason = query.reason;
    }
    if (query.field !== undefined) {
      where.push('field = @field');
      params.field = query.field;
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all(params) as Row[];
    return {
      deadLetters: rows.slice(0, query.limit).map((row) => ({
        id: row.id,
        firstSeenAt: new Date(row.first_seen_ms).toISOString(),
        lastSeenAt: new Date(row.last_seen_ms).toISOString(),
        occurrences: row.occurrences,
        topic: row.topic,
        payloadText: lenientUtf8.decode(row.payload),
        payloadBytes: row.payload_bytes,
        truncated: row.truncated === 1,
        reason: row.reason,
        field: row.field,
        lineId: row.line_id,
        machineId: row.machine_id,
      })),
      hasMore: rows.length > query.limit,
    };
  }

  /** The viewer's refused messages grouped by their reason, most recently seen first. */
  reasons(visibility: EventVisibility): DeadLetterReason[] {
    const { where, params } = scopeFilter(visibility);
    const rows = this.db
      .prepare(
        `SELECT reason, field, count(*) AS letters, sum(occurrences) AS occurrences,
                max(last_seen_ms) AS last_seen_ms
         FROM dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         GROUP BY reason, field ORDER BY last_seen_ms DESC LIMIT ${MAX_REASONS}`,
      )
      .all(params) as {
      reason: string;
      field: string | null;
      letters: number;
      occurrences: number;
      last_seen_ms: number;
    }[];
    return rows.map((row) => ({
      reason: row.reason,
      field: row.field,
      letters: row.letters,
      occurrences: row.occurrences,
      lastSeenAt: new Date(row.last_seen_ms).toISOString(),
    }));
  }
}

/** Groups listed at most: past that, the list is a symptom of one cause to fix first. */
const MAX_REASONS = 100;

/**
 * Narrows to the letters a viewer may see: those placed on their lines or machines, or on a
 * machine of their lines. Unplaced letters (no line, no machine) are for the whole plant only.
 */
function scopeFilter(visibility: EventVisibility): {
  where: string[];
  params: Record<string, unknown>;
} {
  if (visibility.all) return { where: [], params: {} };
  return {
    where: [
      `(line_id IN (SELECT value FROM json_each(@lines))
        OR machine_id IN (SELECT value FROM json_each(@machines))
        OR machine_id IN (SELECT id FROM machines WHERE line_id IN (SELECT value FROM json_each(@lines))))`,
    ],
    params: {
      lines: JSON.stringify(visibility.lines),
      machines: JSON.stringify(visibility.machines),
    },
  };
}
