import type Database from 'better-sqlite3';

/** Writes lines and machines (id → line) straight into a fresh database, as rows a report reads. */
export function insertPlant(
  db: Database.Database,
  machines: Record<string, string>,
  createdAt: string,
): void {
  const line = db.prepare('INSERT OR IGNORE INTO lines (id, name, created_at) VALUES (?, ?, ?)');
  const machine = db.prepare(
    'INSERT INTO machines (id, line_id, name, created_at) VALUES (?, ?, ?, ?)',
  );
  for (const [machineId, lineId] of Object.entries(machines)) {
    line.run(lineId, lineId, createdAt);
    machine.run(machineId, lineId, machineId, createdAt);
  }
}
