import type { User } from '../../../shared/contract';
import type { Actor } from './types';
import type { StoreContext } from './context';

/** Login, sessions and a user's own password. */
export function sessionsOps(ctx: StoreContext) {
  return {
    credentials: ctx.accounts.credentials.bind(ctx.accounts),

    getUser: ctx.accounts.get.bind(ctx.accounts),

    passwordHash: ctx.accounts.passwordHash.bind(ctx.accounts),

    /**
     * A refused login: unknown user, disabled, locked or wrong password (which may lock the
     * account, at `maxFailures` from anywhere, or this name from one address: `addressLock`).
     */
    loginFailed(
      attempt: { username: string; userId: number | null; reason: string },
      lockout: {
        maxFailures: number;
        lockUntil: string;
        addressLock?: { client: string; lockUntil: string; failures: number } | null;
      } | null,
    ): { locked: boolean } {
      return ctx.tx(() => {
        let locked = false;
        if (attempt.userId !== null && lockout) {
          locked = ctx.accounts.recordFailure(
            attempt.userId,
            lockout.maxFailures,
            lockout.lockUntil,
          ).locked;
        }
        ctx.events.append({
          type: 'auth.login_failed',
          actor: attempt.username,
          target: attempt.username,
          message: `Login refused for "${attempt.username}": ${attempt.reason}`,
        });
        if (locked && lockout) {
          ctx.events.append({
            type: 'auth.lockout',
            actor: attempt.username,
            target: attempt.username,
            message: `Account ${attempt.username} locked until ${lockout.lockUntil} after ${lockout.maxFailures} wrong passwords`,
            details: { lockedUntil: lockout.lockUntil },
          });
          ctx.accountChanged(attempt.userId!);
        } else if (lockout?.addressLock) {
          const { client, lockUntil, failures } = lockout.addressLock;
          ctx.events.append({
            type: 'auth.lockout',
            actor: attempt.username,
            target: attempt.username,
            message: `Logins as ${attempt.username} from ${client} locked until ${lockUntil} after ${failures} wrong passwords (other addresses are not affected)`,
            details: { lockedUntil: lockUntil, client },
          });
        }
        return { locked };
      });
    },

    loginSucceeded(userId: number, sessionId: string, station: string | null = null): User {
      return ctx.tx(() => {
        const now = ctx.clock.nowIso();
        const user = ctx.accounts.recordSuccess(userId, now);
        ctx.sessions.create(sessionId, userId, now);
        ctx.events.append({
          type: 'auth.login',
          actor: user.username,
          target: user.username,
          message: `${user.username} logged in${station ? ` at ${station}` : ''}`,
        });
        return user;
      });
    },

    getSession: ctx.sessions.get.bind(ctx.sessions),

    /**
     * An admin turns their session on a wall screen into a view-only display session: the new
     * session is opened and the admin's own one on that screen ends, in one transaction.
     */
    displaySessionStarted(
      userId: number,
      sessionId: string,
      screen: string,
      endedSessionId: string,
    ): User {
      return ctx.tx(() => {
        const now = ctx.clock.nowIso();
        const user = ctx.accounts.get(userId);
        ctx.sessions.create(sessionId, userId, now, screen);
        ctx.sessions.revoke(endedSessionId, now);
        ctx.notice({ topic: 'sessions.revoked', payload: { sessionIds: [endedSessionId] } });
        ctx.events.append({
          type: 'auth.display_started',
          actor: user.username,
          target: screen,
          message: `${user.username} started a view-only display session for the wall screen "${screen}" (their own session there ended)`,
        });
        return user;
      });
    },

    touchSession(id: string): void {
      ctx.sessions.touch(id, ctx.clock.nowIso());
    },

    setIdleLocked(sessionId: string, locked: boolean, actor: Actor): void {
      ctx.tx(() => {
        ctx.sessions.setIdleLocked(sessionId, locked, ctx.clock.nowIso());
        ctx.events.append({
          type: locked ? 'auth.idle_locked' : 'auth.unlocked',
          actor: actor.username,
          target: actor.username,
          message: locked
            ? `Session of ${actor.username} locked`
            : `${actor.username} unlocked their session`,
        });
      });
    },

    logout(sessionId: string, actor: Actor): void {
      ctx.tx(() => {
        ctx.sessions.revoke(sessionId, ctx.clock.nowIso());
        ctx.notice({ topic: 'sessions.revoked', payload: { sessionIds: [sessionId] } });
        ctx.events.append({
          type: 'auth.logout',
          actor: actor.username,
          target: actor.username,
          message: `${actor.username} logged out`,
        });
      });
    },

    changeOwnPassword(userId: number, passwordHash: string): void {
      ctx.tx(() => {
        const user = ctx.accounts.get(userId);
        ctx.accounts.setPasswordHash(userId, passwordHash, ctx.clock.nowIso());
        ctx.events.append({
          type: 'account.password_changed',
          actor: user.username,
          target: user.username,
          message: `${user.username} changed their password`,
        });
      });
    },
  };
}
