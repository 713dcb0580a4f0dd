import type { Database } from 'better-sqlite3';
import type { CommandName, CommandRecord } from '../../shared/contract';
import { StoreError } from './rpc';
import { inScope } from './scope-sql';

interface Row {
  id: string;
  line_id: string;
  machine_id: string;
  command: CommandName;
  args: string;
  issued_by: string;
  issued_ms: number;
  status: CommandRecord['status'];
  answer: string | null;
  answered_ms: number | null;
}

function toRecord(row: Row): CommandRecord {
  return {
    id: row.id,
    lineId: row.line_id,
    machineId: row.machine_id,
    command: row.command,
    args: JSON.parse(row.args) as Record<string, unknown>,
    issuedBy: row.issued_by,
    issuedAt: new Date(row.issued_ms).toISOString(),
    status: row.status,
    answer: row.answer,
    answeredAt: row.answered_ms === null ? null : new Date(row.answered_ms).toISOString(),
  };
}

/** Commands sent to machines and what became of them. */
export class CommandsStore {
  constructor(private readonly db: Database) {}

  create(
    command: { id: string; machineId: string; command: CommandName; args: Record<string, unknown> },
    issuedBy: string,
    nowMs: number,
  ): CommandRecord {
    const line = this.db
      .prepare('SELECT line_id FROM machines WHERE id = ?')
      .pluck()
      .get(command.machineId) as string | undefined;
    if (!line) throw new StoreError('NOT_FOUND', `No machine ${command.machineId}`);
    this.db
      .prepare(
        `INSERT INTO commands (id, line_id, machine_id, command, args, issued_by, issued_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        command.id,
        line,
        command.machineId,
        command.command,
        JSON.stringify(command.args),
        issuedBy,
        nowMs,
      );
    return this.get(command.id)!;
  }

  get(id: string): CommandRecord | null {
    const row = this.db.prepare('SELECT * FROM commands WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** The machine's answer; only a command still waiting changes (a late answer is kept as text). */
  answer(id: string, ok: boolean, message: string | null, nowMs: number): CommandRecord | null {
    const row = this.db.prepare('SELECT * FROM commands WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    if (row.status === 'sent') {
      this.db
        .prepare('UPDATE commands SET status = ?, answer = ?, answered_ms = ? WHERE id = ?')
        .run(ok ? 'ok' : 'failed', message, nowMs, id);
    } else if (row.answered_ms === null) {
      this.db
        .prepare('UPDATE commands SET answer = ?, answered_ms = ? WHERE id = ?')
        .run(`late answer (${ok ? 'ok' : 'failed'}): ${message ?? ''}`, nowMs, id);
    }
    return this.get(id);
  }

  /** Commands without an answer since before `deadlineMs` become timed out. */
  expire(deadlineMs: number): CommandRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM commands WHERE status = 'sent' AND issued_ms < ?")
      .all(deadlineMs) as Row[];
    const mark = this.db.prepare("UPDATE commands SET status = 'timed_out' WHERE id = ?");
    for (const row of rows) mark.run(row.id);
    return rows.map((row) => ({ ...toRecord(row), status: 'timed_out' as const }));
  }

  list(machineId: string | undefined, machines: string[] | null, limit: number): CommandRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM commands
         WHERE (@machineId IS NULL OR machine_id = @machineId)
           AND ${inScope('machine_id', machines)}
         ORDER BY issued_ms DESC LIMIT @limit`,
      )
      .all({
        machineId: machineId ?? null,
        machines: JSON.stringify(machines ?? []),
        limit,
      }) as Row[];
    return rows.map(toRecord);
  }
}
