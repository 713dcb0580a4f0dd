import { randomUUID } from 'node:crypto';
import type { Session, Settings, TokenRenewal, User } from '../../shared/contract';
import { ApiFailure } from '../api/api-failure';
import type { PlantRegistry } from '../plant/plant-registry';
import { StoreError } from '../store/rpc';
import type { StoreClient } from '../store/store-client';
import type { PasswordHasher } from './password-hasher';
import { CallerScope } from './scope';
import type { TokenIssuer } from './tokens';

import {
  ACCOUNT_MAX_FAILURES,
  LOCK_MINUTES,
  LoginThrottle,
  PAIR_MAX_FAILURES,
} from './login-throttle';

export const LOCKOUT_MINUTES = LOCK_MINUTES;
/** Activity is written to the database at most this often per session; the cache is exact. */
const TOUCH_EVERY_MS = 30_000;

/** Who is calling, once their token has been checked. */
export interface Caller {
  user: User;
  sessionId: string;
  scope: CallerScope;
  /** A wall display session's screen: view-only, never idle-locked (rules/display-session.ts). */
  display?: string | null;
}

interface CachedSession {
  userId: number;
  lastActivityMs: number;
  lastWrittenMs: number;
  idleLocked: boolean;
  revoked: boolean;
  /** The wall screen of a display session; null for a desk session. */
  display: string | null;
}

const WRONG_CREDENTIALS = 'Wrong username or password';

/** Logins, sessions, idle lock and passwords. Every rule here holds for both transports. */
export class AuthService {
  private readonly sessions = new Map<string, CachedSession>();
  // A real hash of nothing, so unknown usernames cost the same time as wrong passwords.
  private decoyHash: Promise<string> | null = null;
  // Attempts on one username run one after the other, so each sees the lockout the one
  // before it recorded: parallel guesses cannot get more than MAX_FAILED_LOGINS checks.
  private readonly loginQueues = new Map<string, Promise<unknown>>();
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly store: StoreClient,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
    private readonly plant: PlantRegistry,
    private readonly settings: () => Settings,
    private readonly now: () => number,
  ) {
    this.throttle = new LoginThrottle(now);
    store.onNotice((notice) => {
      if (notice.topic !== 'sessions.revoked') return;
      for (const id of notice.payload.sessionIds) {
        const cached = this.sessions.get(id);
        if (cached) cached.revoked = true;
      }
    });
  }

  scopeOf(user: User): CallerScope {
    return new CallerScope(user, (machineId) => this.plant.lineOf(machineId));
  }

  async hashNewPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  /**
   * `client` is the caller's address (console mode) or 'local' (the desktop app): failures
   * are counted per name and address, see LoginThrottle.
   */
  async login(
    username: string,
    password: string,
    client = 'local',
    station: string | null = null,
  ): Promise<Session> {
    const key = username.toLowerCase();
    const attempt = (this.loginQueues.get(key) ?? Promise.resolve()).then(() =>
      this.loginOnce(username, password, client, station),
    );
    const settled = attempt.catch(() => undefined);
    this.loginQueues.set(key, settled);
    void settled.then(() => {
      if (this.loginQueues.get(key) === settled) this.loginQueues.delete(key);
    });
    return attempt;
  }

  /**
   * Every refusal before the password is known to be right answers the same for names that
   * exist and names that do not: 401, or 423 once the (name, address) pair or the name is
   * locked. Only a right password can learn that an account is disabled.
   */
  private async loginOnce(
    username: string,
    password: string,
    client: string,
    station: string | null,
  ): Promise<Session> {
    const found = await this.store.credentials(username);
    const name = found?.user.username ?? username;
    const accountLock =
      found?.user.lockedUntil && Date.parse(found.user.lockedUntil) > this.now()
        ? Date.parse(found.user.lockedUntil)
        : null;
    const lockedUntil = Math.max(
      accountLock ?? 0,
      this.throttle.lockedUntil(username, client) ?? 0,
    );
    if (lockedUntil > 0) {
      await this.store.loginFailed(
        { username: name, userId: null, reason: `locked (from ${client})` },
        null,
      );
      throw new ApiFailure('ACCOUNT_LOCKED', lockedMessage(new Date(lockedUntil).toISOString()));
    }
    let matches: boolean;
    if (found) {
      matches = await this.hasher.compare(password, found.passwordHash);
    } else {
      this.decoyHash ??= this.hasher.hash('decoy password for unknown users');
      await this.hasher.compare(password, await this.decoyHash);
      matches = false;
    }
    if (!matches) {
      const outcome = this.throttle.failed(username, client);
      const lockUntil = outcome.lockedUntilMs
        ? new Date(outcome.lockedUntilMs).toISOString()
        : null;
      await this.store.loginFailed(
        {
          username: name,
          userId: found ? found.user.id : null,
          reason: `${found ? 'wrong password' : 'unknown username'} from ${client}`,
        },
        found
          ? {
              // The database keeps the account-wide lock (admins see and lift it there).
              maxFailures: ACCOUNT_MAX_FAILURES,
              lockUntil: lockUntil ?? new Date(this.now() + LOCKOUT_MINUTES * 60_000).toISOString(),
              addressLock:
                outcome.scope === 'address'
                  ? { client, lockUntil: lockUntil!, failures: PAIR_MAX_FAILURES }
                  : null,
            }
          : null,
      );
      if (lockUntil) throw new ApiFailure('ACCOUNT_LOCKED', lockedMessage(lockUntil));
      throw new ApiFailure('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    const { user } = found!;
    if (user.disabled) {
      await this.store.loginFailed(
        { username: user.username, userId: null, reason: 'account disabled' },
        null,
      );
      throw new ApiFailure('UNAUTHENTICATED', 'This account is disabled; ask an admin');
    }
    this.throttle.succeeded(username, client);
    return this.startSession(user.id, station);
  }

  /** An admin lifted a lock: the name's failure counts start again, from every address. */
  forgetFailures(username: string): void {
    this.throttle.forget(username);
  }

  /** Opens a session for a user whose password was just checked (login, first-run setup). */
  async startSession(userId: number, station: string | null = null): Promise<Session> {
    const sessionId = randomUUID();
    const user = await this.store.loginSucceeded(userId, sessionId, station);
    const now = this.now();
    this.sessions.set(sessionId, {
      userId,
      lastActivityMs: now,
      lastWrittenMs: now,
      idleLocked: false,
      revoked: false,
      display: null,
    });
    const { token, expiresAt } = await this.tokens.issue({ sessionId, userId });
    return { token, expiresAt, user, idleLockMinutes: this.settings().idleLockMinutes };
  }

  /**
   * An admin, on a wall screen, hands it over to a view-only display session that never
   * idle-locks; the admin's own session there ends, so nobody walking up to the wall finds
   * an admin logged in.
   */
  async startDisplaySession(caller: Caller, screen: string): Promise<Session> {
    const sessionId = randomUUID();
    const user = await this.store.displaySessionStarted(
      caller.user.id,
      sessionId,
      screen,
      caller.sessionId,
    );
    const ended = this.sessions.get(caller.sessionId);
    if (ended) ended.revoked = true;
    const now = this.now();
    this.sessions.set(sessionId, {
      userId: caller.user.id,
      lastActivityMs: now,
      lastWrittenMs: now,
      idleLocked: false,
      revoked: false,
      display: screen,
    });
    const { token, expiresAt } = await this.tokens.issue({ sessionId, userId: caller.user.id });
    return { token, expiresAt, user, idleLockMinutes: 0, displayScreen: screen };
  }

  /**
   * Checks a token and its session. A session idle past the lock time is locked here, so the
   * idle lock holds even if a client never shows its lock screen.
   */
  async authenticate(
    token: string | null,
    options: { allowLocked: boolean; countsAsActivity: boolean },
  ): Promise<Caller> {
    if (!token) throw new ApiFailure('UNAUTHENTICATED', 'Log in first');
    const claims = await this.tokens.verify(token);
    if (!claims) throw new ApiFailure('UNAUTHENTICATED', 'Your session has expired; log in again');
    const session = await this.cachedSession(claims.sessionId);
    if (!session || session.revoked || session.userId !== claims.userId) {
      throw new ApiFailure('UNAUTHENTICATED', 'Your session has ended; log in again');
    }
    // Only a user that is really gone ends the session: a store that is restarting
    // (StoreUnavailableError) must not log everyone out, so other errors pass through.
    const user = await this.store.getUser(claims.userId).catch((error: unknown) => {
      if (error instanceof StoreError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!user || user.disabled) {
      throw new ApiFailure('UNAUTHENTICATED', 'This account is no longer active');
    }
    const now = this.now();
    const idleLimitMs = this.settings().idleLockMinutes * 60_000;
    // A wall display session never idle-locks: nobody touches a wall, and it may only look.
    if (
      session.display === null &&
      !session.idleLocked &&
      now - session.lastActivityMs > idleLimitMs
    ) {
      session.idleLocked = true;
      await this.store.setIdleLocked(claims.sessionId, true, { username: user.username });
    }
    if (session.idleLocked && !options.allowLocked) {
      throw new ApiFailure(
        'SESSION_LOCKED',
        'The session is locked after inactivity; enter your password',
      );
    }
    if (options.countsAsActivity && !session.idleLocked) {
      session.lastActivityMs = now;
      if (now - session.lastWrittenMs > TOUCH_EVERY_MS) {
        session.lastWrittenMs = now;
        await this.store.touchSession(claims.sessionId);
      }
    }
    return {
      user,
      sessionId: claims.sessionId,
      scope: this.scopeOf(user),
      display: session.display,
    };
  }

  /**
   * After a restore: the cached sessions belong to the replaced database. Each is read again
   * from the restored one, where the restore ended them all, so everyone logs in again.
   */
  forgetSessions(): void {
    this.sessions.clear();
  }

  /** For live feeds: whether a session may still receive data right now. */
  isLive(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session || session.revoked || session.idleLocked) return false;
    if (session.display !== null) return true;
    return this.now() - session.lastActivityMs <= this.settings().idleLockMinutes * 60_000;
  }

  async refresh(caller: Caller): Promise<TokenRenewal> {
    return this.tokens.issue({ sessionId: caller.sessionId, userId: caller.user.id });
  }

  async unlock(caller: Caller, password: string, client = 'local'): Promise<TokenRenewal> {
    const hash = await this.store.passwordHash(caller.user.id);
    if (!(await this.hasher.compare(password, hash))) {
      // Wrong passwords at the lock screen count toward the lockout like those at login.
      const outcome = this.throttle.failed(caller.user.username, client);
      const lockUntil = new Date(
        outcome.lockedUntilMs ?? this.now() + LOCKOUT_MINUTES * 60_000,
      ).toISOString();
      const { locked: accountLocked } = await this.store.loginFailed(
        {
          username: caller.user.username,
          userId: caller.user.id,
          reason: `wrong password at the idle lock from ${client}`,
        },
        {
          maxFailures: ACCOUNT_MAX_FAILURES,
          lockUntil,
          addressLock:
            outcome.scope === 'address' ? { client, lockUntil, failures: PAIR_MAX_FAILURES } : null,
        },
      );
      const locked = accountLocked || outcome.lockedUntilMs !== null;
      if (locked) {
        await this.logout(caller);
        throw new ApiFailure('ACCOUNT_LOCKED', lockedMessage(lockUntil));
      }
      throw new ApiFailure('INVALID_INPUT', 'Wrong password', [
        { path: 'password', message: 'is wrong' },
      ]);
    }
    const session = await this.cachedSession(caller.sessionId);
    if (session) {
      session.idleLocked = false;
      session.lastActivityMs = this.now();
    }
    await this.store.setIdleLocked(caller.sessionId, false, { username: caller.user.username });
    return this.refresh(caller);
  }

  /** The Lock button: the backend refuses the session's calls until auth.unlock. */
  async lock(caller: Caller): Promise<void> {
    const session = await this.cachedSession(caller.sessionId);
    if (!session || session.idleLocked) return;
    session.idleLocked = true;
    await this.store.setIdleLocked(caller.sessionId, true, { username: caller.user.username });
  }

  async logout(caller: Caller): Promise<void> {
    await this.store.logout(caller.sessionId, { username: caller.user.username });
    const session = this.sessions.get(caller.sessionId);
    if (session) session.revoked = true;
  }

  async changePassword(caller: Caller, current: string, next: string): Promise<void> {
    const hash = await this.store.passwordHash(caller.user.id);
    if (!(await this.hasher.compare(current, hash))) {
      throw new ApiFailure('INVALID_INPUT', 'The current password is wrong', [
        { path: 'currentPassword', message: 'is wrong' },
      ]);
    }
    if (current === next)
      throw new ApiFailure('INVALID_INPUT', 'The new password must differ from the current one');
    await this.store.changeOwnPassword(caller.user.id, await this.hasher.hash(next));
  }

  private async cachedSession(sessionId: string): Promise<CachedSession | null> {
    const cached = this.sessions.get(sessionId);
    if (cached) return cached;
    const row = await this.store.getSession(sessionId);
    if (!row) return null;
    const lastActivityMs = Date.parse(row.lastActivityAt);
    const session: CachedSession = {
      userId: row.userId,
      lastActivityMs,
      lastWrittenMs: lastActivityMs,
      idleLocked: row.idleLocked,
      revoked: row.revokedAt !== null,
      display: row.displayScreen,
    };
    this.sessions.set(sessionId, session);
    return session;
  }
}

function lockedMessage(lockedUntil: string): string {
  return `Too many wrong passwords: the account is locked until ${lockedUntil} (an admin can unlock it)`;
}
