import type { Database } from 'better-sqlite3';

export interface SessionRow {
  id: string;
  userId: number;
  createdAt: string;
  lastActivityAt: string;
  idleLocked: boolean;
  revokedAt: string | null;
  /** A wall display session's screen (view-only, never idle-locked); null for a desk. */
  displayScreen: string | null;
}

interface Row {
  id: string;
  user_id: number;
  created_at: string;
  last_activity_at: string;
  idle_locked: number;
  revoked_at: string | null;
  display_screen: string | null;
}

/** Login sessions: what makes a token revocable and what the idle lock is measured on. */
export class SessionsStore {
  constructor(private readonly db: Database) {}

  create(id: string, userId: number, now: string, displayScreen: string | null = null): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, created_at, last_activity_at, display_screen)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(id, userId, now, now, displayScreen);
  }

  get(id: string): SessionRow | null {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      createdAt: row.created_at,
      lastActivityAt: row.last_activity_at,
      idleLocked: row.idle_locked === 1,
      revokedAt: row.revoked_at,
      displayScreen: row.display_screen,
    };
  }

  touch(id: string, now: string): void {
    this.db.prepare('UPDATE sessions SET last_activity_at = ? WHERE id = ?').run(now, id);
  }

  setIdleLocked(id: string, locked: boolean, now: string): void {
    this.db
      .prepare('UPDATE sessions SET idle_locked = ?, last_activity_at = ? WHERE id = ?')
      .run(Number(locked), now, id);
  }

  revoke(id: string, now: string): void {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now, id);
  }

  /** Ends every open session (after a restore); returns their ids. */
  revokeAll(now: string): string[] {
    const ids = this.db
      .prepare('SELECT id FROM sessions WHERE revoked_at IS NULL')
      .pluck()
      .all() as string[];
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL').run(now);
    return ids;
  }

  /** Ends every session of a user (disabled, deleted, demoted, password reset). */
  revokeAllOf(userId: number, now: string): string[] {
    const ids = this.db
      .prepare('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL')
      .pluck()
      .all(userId) as string[];
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
      .run(now, userId);
    return ids;
  }
}
