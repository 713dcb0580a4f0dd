import type { Database } from 'better-sqlite3';
import type { Handover, HandoverItem, ShiftOnCalendar } from '../../shared/contract';

interface Row {
  id: number;
  line_id: string;
  machines: string | null;
  shift_name: string;
  shift_start_ms: number;
  shift_end_ms: number;
  shift_plant_date: string;
  open_items: string;
  notes: string;
  handed_over_by: string;
  handed_over_ms: number;
  handed_over_station: string | null;
  signed_off_by: string | null;
  signed_off_ms: number | null;
  sign_off_note: string | null;
}

/** A handover with the part of the line it covers (null: all of it), for the scope rule. */
export interface StoredHandover {
  handover: Handover;
  machines: string[] | null;
}

export interface NewHandover {
  lineId: string;
  machines: string[] | null;
  shift: ShiftOnCalendar;
  openItems: HandoverItem[];
  notes: string;
  by: string;
  station: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Shift handovers of the lines; the caller narrows them with the handover scope rule. */
export class HandoversStore {
  constructor(private readonly db: Database) {}

  write(handover: NewHandover, nowMs: number): StoredHandover {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO shift_handovers (line_id, machines, shift_name, shift_start_ms, shift_end_ms,
           shift_plant_date, open_items, notes, handed_over_by, handed_over_ms, handed_over_station)
         VALUES (@lineId, @machines, @shiftName, @startMs, @endMs, @plantDate, @openItems, @notes,
           @by, @nowMs, @station)`,
      )
      .run({
        lineId: handover.lineId,
        machines: handover.machines === null ? null : JSON.stringify(handover.machines),
        shiftName: handover.shift.name,
        startMs: Date.parse(handover.shift.startAt),
        endMs: Date.parse(handover.shift.endAt),
        plantDate: handover.shift.plantDate,
        openItems: JSON.stringify(handover.openItems),
        notes: handover.notes,
        by: handover.by,
        nowMs,
        station: handover.station,
      });
    return this.get(Number(lastInsertRowid))!;
  }

  signOff(id: number, by: string, note: string | null, nowMs: number): StoredHandover | null {
    this.db
      .prepare(
        `UPDATE shift_handovers SET signed_off_by = ?, signed_off_ms = ?, sign_off_note = ?
         WHERE id = ? AND signed_off_by IS NULL`,
      )
      .run(by, nowMs, note, id);
    return this.get(id);
  }

  get(id: number): StoredHandover | null {
    const row = this.db.prepare('SELECT * FROM shift_handovers WHERE id = ?').get(id) as
      Row | undefined;
    return row ? toStored(row) : null;
  }

  /**
   * Handovers of the given lines (null: every line), those awaiting a sign-off first, then the
   * newest. `limit` bounds what is read before the caller's finer scope rule narrows it.
   */
  list(lines: readonly string[] | null, limit: number): StoredHandover[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM shift_handovers
         WHERE @all OR line_id IN (SELECT value FROM json_each(@lines))
         ORDER BY signed_off_by IS NOT NULL, handed_over_ms DESC, id DESC LIMIT @limit`,
      )
      .all({
        all: Number(lines === null),
        lines: JSON.stringify(lines ?? []),
        limit,
      }) as Row[];
    return rows.map(toStored);
  }

  /** Handovers of shifts that overlap [fromMs, toMs), for the shift report. */
  inRange(fromMs: number, toMs: number): StoredHandover[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM shift_handovers WHERE shift_start_ms < ? AND shift_end_ms > ?
         ORDER BY line_id, shift_start_ms, id`,
      )
      .all(toMs, fromMs) as Row[];
    return rows.map(toStored);
  }
}

function toStored(row: Row): StoredHandover {
  return {
    machines: row.machines === null ? null : (JSON.parse(row.machines) as string[]),
    handover: {
      id: row.id,
      lineId: row.line_id,
      shift: {
        name: row.shift_name,
        startAt: iso(row.shift_start_ms),
        endAt: iso(row.shift_end_ms),
        plantDate: row.shift_plant_date,
      },
      openItems: JSON.parse(row.open_items) as HandoverItem[],
      notes: row.notes,
      handedOverBy: row.handed_over_by,
      handedOverAt: iso(row.handed_over_ms),
      handedOverStation: row.handed_over_station,
      signedOffBy: row.signed_off_by,
      signedOffAt: row.signed_off_ms === null ? null : iso(row.signed_off_ms),
      signOffNote: row.sign_off_note,
    },
  };
}
