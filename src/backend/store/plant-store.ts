import type { Database } from 'better-sqlite3';
import type { Line, Machine, Plant } from '../../shared/contract';
import { StoreError } from './rpc';

/** Lines and machines: registered on first message (ingest) or ahead of time by an admin. */
export class PlantStore {
  constructor(private readonly db: Database) {}

  list(): Plant {
    const lines = this.db.prepare('SELECT id, name FROM lines ORDER BY id').all() as Line[];
    const machines = this.db
      .prepare('SELECT id, line_id AS lineId, name, simulated FROM machines ORDER BY line_id, id')
      .all() as (Omit<Machine, 'simulated'> & { simulated: number })[];
    return {
      lines,
      machines: machines.map((machine) => ({ ...machine, simulated: machine.simulated === 1 })),
    };
  }

  /** Registers the machine (and its line) or renames it. A machine never moves line silently. */
  saveMachine(lineId: string, machineId: string, name: string | undefined, now: string): Machine {
    this.db
      .prepare(
        'INSERT INTO lines (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(lineId, lineId, now);
    const existing = this.db
      .prepare('SELECT id, line_id AS lineId, name FROM machines WHERE id = ?')
      .get(machineId) as Machine | undefined;
    if (existing && existing.lineId !== lineId) {
      throw new StoreError(
        'CONFLICT',
        `Machine ${machineId} belongs to line ${existing.lineId}, not ${lineId}`,
      );
    }
    if (!existing) {
      this.db
        .prepare('INSERT INTO machines (id, line_id, name, created_at) VALUES (?, ?, ?, ?)')
        .run(machineId, lineId, name ?? machineId, now);
    } else if (name !== undefined) {
      this.db.prepare('UPDATE machines SET name = ? WHERE id = ?').run(name, machineId);
    }
    const saved = this.db
      .prepare('SELECT id, line_id AS lineId, name, simulated FROM machines WHERE id = ?')
      .get(machineId) as Omit<Machine, 'simulated'> & { simulated: number };
    return { ...saved, simulated: saved.simulated === 1 };
  }

  /**
   * Registers the machines a simulator run will send as, marked simulated; `onAdded` hears of
   * each machine that was new. Machines that already exist keep their flag: a real machine is
   * never relabelled by a run reusing its id.
   */
  registerSimulated(
    machines: { lineId: string; machineId: string }[],
    now: string,
    onAdded: (lineId: string, machineId: string) => void = () => undefined,
  ): number {
    const line = this.db.prepare(
      'INSERT INTO lines (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
    const machine = this.db.prepare(
      `INSERT INTO machines (id, line_id, name, created_at, simulated) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (id) DO NOTHING`,
    );
    let added = 0;
    for (const { lineId, machineId } of machines) {
      line.run(lineId, lineId, now);
      const { changes } = machine.run(machineId, lineId, machineId, now);
      if (changes > 0) onAdded(lineId, machineId);
      added += changes;
    }
    return added;
  }

  renameLine(lineId: string, name: string): Line {
    const { changes } = this.db.prepare('UPDATE lines SET name = ? WHERE id = ?').run(name, lineId);
    if (changes === 0) throw new StoreError('NOT_FOUND', `No line ${lineId}`);
    return { id: lineId, name };
  }
}
