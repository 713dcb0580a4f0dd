import type { Database } from 'better-sqlite3';
import type { AuditResult, EventPage, EventQuery, EventRecord } from '../../shared/contract';
import { GENESIS_HASH, hashEvent, type ChainedFields } from './event-chain';
import type { RecordFilter } from '../../shared/rules/scope';

/** What callers give to record an event; time and hashes are the store's job. */
export interface NewEvent {
  type: string;
  actor?: string | null;
  target?: string | null;
  lineId?: string | null;
  machineId?: string | null;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Which events a reader may see: all, or those of their lines/machines and their own; the
 * caller's scope as SQL filters take it (`src/shared/rules/scope.ts` defines it).
 */
export type EventVisibility = RecordFilter;

interface EventRow {
  id: number;
  at: string;
  type: string;
  actor: string | null;
  target: string | null;
  line_id: string | null;
  machine_id: string | null;
  message: string;
  details: string;
  prev_hash: string;
  hash: string;
}

const MAX_TEXT = 2000;
const clip = (text: string | null | undefined): string | null =>
  text == null ? null : text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;

function toRecord(row: EventRow): EventRecord {
  return {
    id: row.id,
    at: row.at,
    type: row.type,
    actor: row.actor,
    target: row.target,
    lineId: row.line_id,
    machineId: row.machine_id,
    message: row.message,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
}

export class EventsStore {
  private readonly insert;
  private readonly lastHash;

  constructor(
    private readonly db: Database,
    private readonly onAppended: (event: EventRecord) => void,
    /** "Now" for an event appended without a time of its own. */
    private readonly nowIso: () => string,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (at, type, actor, target, line_id, machine_id, message, details, prev_hash, hash)
       VALUES (@at, @type, @actor, @target, @lineId, @machineId, @message, @details, @prevHash, @hash)`,
    );
    this.lastHash = db.prepare('SELECT hash FROM events ORDER BY id DESC LIMIT 1').pluck();
  }

  /** Appends one event. Call inside the transaction of the change it records. */
  append(event: NewEvent, at: string = this.nowIso()): EventRecord {
    const fields: ChainedFields = {
      at,
      type: event.type,
      actor: clip(event.actor),
      target: clip(event.target),
      lineId: event.lineId ?? null,
      machineId: event.machineId ?? null,
      message: clip(event.message) ?? '',
      details: JSON.stringify(event.details ?? {}),
    };
    const prevHash = (this.lastHash.get() as string | undefined) ?? GENESIS_HASH;
    const hash = hashEvent(prevHash, fields);
    const { lastInsertRowid } = this.insert.run({ ...fields, prevHash, hash });
    const record = toRecord({
      id: Number(lastInsertRowid),
      at: fields.at,
      type: fields.type,
      actor: fields.actor,
      target: fields.target,
      line_id: fields.lineId,
      machine_id: fields.machineId,
      message: fields.message,
      details: fields.details,
      prev_hash: prevHash,
      hash,
    });
    this.onAppended(record);
    return record;
  }

  list(query: EventQuery, visibility: EventVisibility): EventPage {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.from) {
      where.push('at >= @from');
      params.from = new Date(query.from).toISOString();
    }
    if (query.to) {
      where.push('at <= @to');
      params.to = new Date(query.to).toISOString();
    }
    if (query.type) {
      where.push("type LIKE @type ESCAPE '\\'");
      params.type = `${escapeLike(query.type)}%`;
    }
    if (query.actor) {
      where.push('actor = @actor COLLATE NOCASE');
      params.actor = query.actor;
    }
    if (query.lineId) {
      where.push('line_id = @lineId');
      params.lineId = query.lineId;
    }
    if (query.machineId) {
      where.push('machine_id = @machineId');
      params.machineId = query.machineId;
    }
    if (query.text) {
      where.push(
        "(message LIKE @text ESCAPE '\\' OR target LIKE @text ESCAPE '\\' OR details LIKE @text ESCAPE '\\')",
      );
      params.text = `%${escapeLike(query.text)}%`;
    }
    if (query.beforeId) {
      where.push('id < @beforeId');
      params.beforeId = query.beforeId;
    }
    if (!visibility.all) {
      where.push(
        `(actor = @viewer COLLATE NOCASE
          OR line_id IN (SELECT value FROM json_each(@viewerLines))
          OR machine_id IN (SELECT value FROM json_each(@viewerMachines))
          OR machine_id IN (SELECT id FROM machines WHERE line_id IN (SELECT value FROM json_each(@viewerLines))))`,
      );
      params.viewer = visibility.username;
      params.viewerLines = JSON.stringify(visibility.lines);
      params.viewerMachines = JSON.stringify(visibility.machines);
    }
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY id DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all({ ...params, limit: query.limit + 1 }) as EventRow[];
    return {
      events: rows.slice(0, query.limit).map(toRecord),
      hasMore: rows.length > query.limit,
    };
  }

  /** Walks the whole chain; the first row whose hash does not follow is named. */
  verify(): AuditResult {
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (const row of this.db
      .prepare('SELECT * FROM events ORDER BY id')
      .iterate() as Iterable<EventRow>) {
      const expected = hashEvent(prevHash, {
        at: row.at,
        type: row.type,
        actor: row.actor,
        target: row.target,
        lineId: row.line_id,
        machineId: row.machine_id,
        message: row.message,
        details: row.details,
      });
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBrokenId: row.id,
          reason: 'does not follow the row before it (a row was removed or inserted)',
        };
      }
      if (row.hash !== expected) {
        return {
          ok: false,
          checked,
          firstBrokenId: row.id,
          reason: 'its content does not match its hash (the row was edited)',
        };
      }
      prevHash = row.hash;
      checked += 1;
    }
    return { ok: true, checked, firstBrokenId: null, reason: null };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
