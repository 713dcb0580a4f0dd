import type { Database } from 'better-sqlite3';
import type { StationKey } from '../../shared/contract';
import { StoreError } from './rpc';

interface Row {
  id: number;
  name: string;
  key_prefix: string;
  lines: string;
  machines: string;
  created_ms: number;
  created_by: string;
  revoked_ms: number | null;
  revoked_by: string | null;
  last_used_ms: number | null;
}

/** What the store is given to keep a new key: its hash, never the key. */
export interface NewStationKeyRow {
  name: string;
  keyHash: string;
  prefix: string;
  lines: string[];
  machines: string[];
  createdMs: number;
  createdBy: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toKey(row: Row): StationKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.key_prefix,
    lines: JSON.parse(row.lines) as string[],
    machines: JSON.parse(row.machines) as string[],
    createdAt: new Date(row.created_ms).toISOString(),
    createdBy: row.created_by,
    revokedAt: iso(row.revoked_ms),
    revokedBy: row.revoked_by,
    lastUsedAt: iso(row.last_used_ms),
  };
}

/** The station_keys table (migration 0010). Events are the caller's (Store's) job. */
export class StationKeysStore {
  constructor(private readonly db: Database) {}

  list(): StationKey[] {
    const rows = this.db
      .prepare('SELECT * FROM station_keys ORDER BY revoked_ms IS NOT NULL, name, id')
      .all() as Row[];
    return rows.map(toKey);
  }

  get(id: number): StationKey | null {
    const row = this.db.prepare('SELECT * FROM station_keys WHERE id = ?').get(id) as
      Row | undefined;
    return row ? toKey(row) : null;
  }

  /** The key with this hash, revoked or not (the caller tells a revoked key apart). */
  findByHash(keyHash: string): StationKey | null {
    const row = this.db.prepare('SELECT * FROM station_keys WHERE key_hash = ?').get(keyHash) as
      Row | undefined;
    return row ? toKey(row) : null;
  }

  create(key: NewStationKeyRow): StationKey {
    const clash = this.db
      .prepare('SELECT 1 FROM station_keys WHERE name = ? AND revoked_ms IS NULL')
      .get(key.name);
    if (clash) throw new StoreError('CONFLICT', `A station key named "${key.name}" is in use`);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO station_keys (name, key_hash, key_prefix, lines, machines, created_ms, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key.name,
        key.keyHash,
        key.prefix,
        JSON.stringify([...new Set(key.lines)].sort()),
        JSON.stringify([...new Set(key.machines)].sort()),
        key.createdMs,
        key.createdBy,
      );
    return this.get(Number(lastInsertRowid))!;
  }

  /** Revokes the key; null when it does not exist. Revoking twice keeps the first time. */
  revoke(id: number, nowMs: number, by: string): { key: StationKey; changed: boolean } | null {
    const { changes } = this.db
      .prepare(
        'UPDATE station_keys SET revoked_ms = ?, revoked_by = ? WHERE id = ? AND revoked_ms IS NULL',
      )
      .run(nowMs, by, id);
    const key = this.get(id);
    return key ? { key, changed: changes === 1 } : null;
  }

  markUsed(id: number, nowMs: number): void {
    this.db.prepare('UPDATE station_keys SET last_used_ms = ? WHERE id = ?').run(nowMs, id);
  }
}
