import type { Database } from 'better-sqlite3';
import type { Assignments, Role, User } from '../../shared/contract';
import { StoreError } from './rpc';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
}

/** A user as the auth service needs it: the public record plus what login checks. */
export interface Credentials {
  user: User;
  passwordHash: string;
  failedLogins: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  assignments: Assignments;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

export class AccountsStore {
  constructor(private readonly db: Database) {}

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  list(): User[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
    return rows.map((row) => this.toUser(row));
  }

  get(id: number): User {
    return this.toUser(this.row(id));
  }

  credentials(username: string): Credentials | null {
    const row = this.db
      .prepare('SELECT * FROM users WHERE username = ? COLLATE NOCASE')
      .get(username) as UserRow | undefined;
    if (!row) return null;
    return {
      user: this.toUser(row),
      passwordHash: row.password_hash,
      failedLogins: row.failed_logins,
    };
  }

  passwordHash(id: number): string {
    return this.row(id).password_hash;
  }

  create(user: NewUser, now: string): User {
    const taken = this.db
      .prepare('SELECT 1 FROM users WHERE username = ? COLLATE NOCASE')
      .get(user.username);
    if (taken) throw new StoreError('CONFLICT', `The username "${user.username}" is taken`);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO users (username, display_name, role, password_hash, password_changed_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(user.username, user.displayName, user.role, user.passwordHash, now, now);
    const id = Number(lastInsertRowid);
    this.writeAssignments(id, user.assignments);
    return this.get(id);
  }

  update(id: number, patch: UserPatch): User {
    const before = this.get(id);
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin) this.assertAnotherActiveAdmin(id);
    this.db
      .prepare(
        `UPDATE users SET display_name = coalesce(@displayName, display_name),
           role = coalesce(@role, role), disabled = coalesce(@disabled, disabled) WHERE id = @id`,
      )
      .run({
        id,
        displayName: patch.displayName ?? null,
        role: patch.role ?? null,
        disabled: patch.disabled === undefined ? null : Number(patch.disabled),
      });
    return this.get(id);
  }

  delete(id: number): User {
    const user = this.get(id);
    if (user.role === 'admin' && !user.disabled) this.assertAnotherActiveAdmin(id);
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
    return user;
  }

  setPasswordHash(id: number, passwordHash: string, now: string): void {
    this.row(id);
    this.db
      .prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?')
      .run(passwordHash, now, id);
  }

  /** Counts a wrong password; at `maxFailures` the account locks until `lockUntil`. */
  recordFailure(id: number, maxFailures: number, lockUntil: string): { locked: boolean } {
    const row = this.row(id);
    const failures = row.failed_logins + 1;
    const locked = failures >= maxFailures;
    this.db
      .prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?')
      .run(locked ? 0 : failures, locked ? lockUntil : row.locked_until, id);
    return { locked };
  }

  recordSuccess(id: number, now: string): User {
    this.db
      .prepare(
        'UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?',
      )
      .run(now, id);
    return this.get(id);
  }

  unlock(id: number): User {
    this.row(id);
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
    return this.get(id);
  }

  setAssignments(id: number, assignments: Assignments): User {
    this.row(id);
    this.writeAssignments(id, assignments);
    return this.get(id);
  }

  private writeAssignments(id: number, assignments: Assignments): void {
    this.db.prepare('DELETE FROM user_lines WHERE user_id = ?').run(id);
    this.db.prepare('DELETE FROM user_machines WHERE user_id = ?').run(id);
    const addLine = this.db.prepare('INSERT OR IGNORE INTO user_lines VALUES (?, ?)');
    const addMachine = this.db.prepare('INSERT OR IGNORE INTO user_machines VALUES (?, ?)');
    for (const line of assignments.lines) addLine.run(id, line);
    for (const machine of assignments.machines) addMachine.run(id, machine);
  }

  private assertAnotherActiveAdmin(id: number): void {
    const others = this.db
      .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?")
      .pluck()
      .get(id) as number;
    if (others === 0) {
      throw new StoreError(
        'CONFLICT',
        'This is the last active admin: make another admin first, then change or remove this one',
      );
    }
  }

  private row(id: number): UserRow {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) throw new StoreError('NOT_FOUND', `No account with id ${id}`);
    return row;
  }

  private toUser(row: UserRow): User {
    const lines = this.db
      .prepare('SELECT line_id FROM user_lines WHERE user_id = ? ORDER BY line_id')
      .pluck()
      .all(row.id) as string[];
    const machines = this.db
      .prepare('SELECT machine_id FROM user_machines WHERE user_id = ? ORDER BY machine_id')
      .pluck()
      .all(row.id) as string[];
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      disabled: row.disabled === 1,
      lockedUntil: row.locked_until,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
      assignments: { lines, machines },
    };
  }
}
