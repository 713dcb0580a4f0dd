import type { Database } from 'better-sqlite3';
import { named } from './report-parts';

/** Names of the machines in scope, for table cells that people read. */
export class PlantNames {
  private readonly machines = new Map<string, string>();

  constructor(db: Database, machineIds: string[]) {
    const rows = db
      .prepare(
        `SELECT id, name FROM machines WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(JSON.stringify(machineIds)) as { id: string; name: string }[];
    for (const row of rows) this.machines.set(row.id, named(row.name, row.id));
  }

  machine(id: string | null): string | null {
    return id === null ? null : (this.machines.get(id) ?? id);
  }
}
