import type { User } from '../../../shared/contract';
import type { NewUser, UserPatch } from '../accounts-store';
import type { Actor } from './types';
import type { StoreContext } from './context';

/** Accounts, as admins manage them. */
export function accountsOps(ctx: StoreContext) {
  return {
    listUsers: ctx.accounts.list.bind(ctx.accounts),

    createUser(user: NewUser, actor: Actor): User {
      return ctx.tx(() => {
        const created = ctx.accounts.create(user, ctx.clock.nowIso());
        ctx.events.append({
          type: 'account.created',
          actor: actor.username,
          target: created.username,
          message: `${actor.username} created ${created.role} account ${created.username}`,
          details: { role: created.role, assignments: created.assignments },
        });
        ctx.accountChanged(created.id);
        return created;
      });
    },

    updateUser(id: number, patch: UserPatch, actor: Actor): User {
      return ctx.tx(() => {
        const before = ctx.accounts.get(id);
        const after = ctx.accounts.update(id, patch);
        if (after.role !== before.role || (after.disabled && !before.disabled)) {
          ctx.revokeSessionsOf(id, ctx.clock.nowIso());
        }
        ctx.events.append({
          type:
            after.disabled !== before.disabled
              ? after.disabled
                ? 'account.disabled'
                : 'account.enabled'
              : 'account.updated',
          actor: actor.username,
          target: after.username,
          message: `${actor.username} changed account ${after.username}: ${describeChanges(before, after)}`,
          details: {
            before: {
              displayName: before.displayName,
              role: before.role,
              disabled: before.disabled,
            },
            after: { displayName: after.displayName, role: after.role, disabled: after.disabled },
          },
        });
        ctx.accountChanged(id);
        return after;
      });
    },

    deleteUser(id: number, actor: Actor): void {
      ctx.tx(() => {
        const now = ctx.clock.nowIso();
        ctx.revokeSessionsOf(id, now);
        const user = ctx.accounts.delete(id);
        ctx.events.append({
          type: 'account.deleted',
          actor: actor.username,
          target: user.username,
          message: `${actor.username} deleted account ${user.username}`,
          details: { role: user.role },
        });
        ctx.accountChanged(id);
      });
    },

    resetPassword(id: number, passwordHash: string, actor: Actor): void {
      ctx.tx(() => {
        const now = ctx.clock.nowIso();
        const user = ctx.accounts.get(id);
        ctx.accounts.setPasswordHash(id, passwordHash, now);
        ctx.accounts.unlock(id);
        ctx.revokeSessionsOf(id, now);
        ctx.events.append({
          type: 'account.password_reset',
          actor: actor.username,
          target: user.username,
          message: `${actor.username} reset the password of ${user.username}`,
        });
        ctx.accountChanged(id);
      });
    },

    unlockUser(id: number, actor: Actor): User {
      return ctx.tx(() => {
        const user = ctx.accounts.unlock(id);
        ctx.events.append({
          type: 'account.unlocked',
          actor: actor.username,
          target: user.username,
          message: `${actor.username} unlocked account ${user.username}`,
        });
        ctx.accountChanged(id);
        return user;
      });
    },

    setAssignments(id: number, assignments: User['assignments'], actor: Actor): User {
      return ctx.tx(() => {
        const before = ctx.accounts.get(id);
        const after = ctx.accounts.setAssignments(id, assignments);
        ctx.events.append({
          type: 'account.assignments_changed',
          actor: actor.username,
          target: after.username,
          message: `${actor.username} changed the assignments of ${after.username}`,
          details: { before: before.assignments, after: after.assignments },
        });
        ctx.accountChanged(id);
        return after;
      });
    },
  };
}

function describeChanges(before: User, after: User): string {
  const changes: string[] = [];
  if (before.displayName !== after.displayName)
    changes.push(`name "${before.displayName}" → "${after.displayName}"`);
  if (before.role !== after.role) changes.push(`role ${before.role} → ${after.role}`);
  if (before.disabled !== after.disabled) changes.push(after.disabled ? 'disabled' : 'enabled');
  return changes.join(', ') || 'no change';
}
