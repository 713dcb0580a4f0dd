import { z } from 'zod';
import { defineMethod } from './define';
import { Role } from './roles';
import {
  Assignments,
  DisplayName,
  GivenPassword,
  NewPassword,
  Ok,
  Session,
  TokenRenewal,
  User,
  Username,
} from './schemas';
import { UserId, none } from './method-parts';
import { DISPLAY_SCREEN_PATTERN } from '../rules/display-session';

/** First run, the own session and accounts (admins). */
export const accountMethods = {
  // ---- First run -----------------------------------------------------------------------------
  'setup.status': defineMethod({
    summary: 'Whether the first admin still has to be created, and the plant name.',
    input: z.object({}),
    output: z.object({ needsSetup: z.boolean(), plantName: z.string() }),
    permission: 'public',
    scope: none,
    http: { verb: 'GET', path: '/setup' },
    example: {},
  }),
  'setup.createFirstAdmin': defineMethod({
    summary: 'Creates the first admin account; refused once any account exists.',
    input: z.object({ username: Username, displayName: DisplayName, password: NewPassword }),
    output: Session,
    permission: 'public',
    scope: none,
    http: { verb: 'POST', path: '/setup' },
    example: { username: 'admin', displayName: 'Plant admin', password: 'correct horse battery' },
  }),

  // ---- Own session ---------------------------------------------------------------------------
  'auth.login': defineMethod({
    summary: 'Logs in with a local account; five wrong passwords lock it for 15 minutes.',
    input: z.object({ username: z.string().max(64), password: GivenPassword }),
    output: Session,
    permission: 'public',
    scope: none,
    http: { verb: 'POST', path: '/auth/login' },
    example: { username: 'nobody', password: 'wrong password' },
  }),
  'auth.logout': defineMethod({
    summary: 'Ends the session and revokes its token.',
    input: z.object({}),
    output: Ok,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/logout' },
    example: {},
    allowedWhileLocked: true,
  }),
  'auth.me': defineMethod({
    summary: 'The logged-in user, as the backend sees them now.',
    input: z.object({}),
    output: z.object({
      user: User,
      idleLockMinutes: z.number().int(),
      /** Set when the session is a wall display session. */
      displayScreen: z.string().optional(),
    }),
    permission: 'authenticated',
    scope: none,
    http: { verb: 'GET', path: '/auth/me' },
    example: {},
  }),
  'auth.refresh': defineMethod({
    summary: 'Issues a fresh short-lived token for the same session.',
    input: z.object({}),
    output: TokenRenewal,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/refresh' },
    example: {},
    // Renewal keeps a locked session's lock screen valid; it unlocks nothing.
    allowedWhileLocked: true,
  }),
  'auth.lock': defineMethod({
    summary: 'Locks the session now (the Lock button); only auth.unlock opens it again.',
    input: z.object({}),
    output: Ok,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/lock' },
    example: {},
    allowedWhileLocked: true,
  }),
  'auth.unlock': defineMethod({
    summary: 'Unlocks an idle-locked session with the password.',
    input: z.object({ password: GivenPassword }),
    output: TokenRenewal,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/unlock' },
    example: { password: 'wrong password' },
    allowedWhileLocked: true,
  }),
  'auth.changePassword': defineMethod({
    summary: 'Changes the own password (at least 10 characters).',
    input: z.object({ currentPassword: GivenPassword, newPassword: NewPassword }),
    output: Ok,
    permission: 'authenticated',
    scope: none,
    http: { verb: 'POST', path: '/auth/password' },
    example: { currentPassword: 'wrong password', newPassword: 'another long password' },
  }),
  'auth.startDisplay': defineMethod({
    summary:
      "Turns the admin's session on a wall screen into a view-only display session that never idle-locks; the admin's own session ends.",
    input: z.object({
      screen: z
        .string()
        .regex(
          DISPLAY_SCREEN_PATTERN,
          'must be 1-40 letters, digits, space, -_. (starting with a letter or digit)',
        ),
    }),
    output: Session,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/auth/display' },
    example: { screen: 'Wall A' },
  }),

  // ---- Accounts (admins) ---------------------------------------------------------------------
  'accounts.list': defineMethod({
    summary: 'All local accounts with their roles and assignments.',
    input: z.object({}),
    output: z.array(User),
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'GET', path: '/accounts' },
    example: {},
  }),
  'accounts.create': defineMethod({
    summary: 'Creates an account with a role, a first password and assignments.',
    input: z.object({
      username: Username,
      displayName: DisplayName,
      role: Role,
      password: NewPassword,
      assignments: Assignments.default({ lines: [], machines: [] }),
    }),
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/accounts' },
    example: {
      username: 'table-test-user',
      displayName: 'Table test',
      role: 'operator',
      password: 'a long enough password',
      assignments: { lines: [], machines: ['M-1'] },
    },
  }),
  'accounts.update': defineMethod({
    summary: 'Changes display name, role or disabled flag. The last active admin stays.',
    input: UserId.extend({
      displayName: DisplayName.optional(),
      role: Role.optional(),
      disabled: z.boolean().optional(),
    }),
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'PATCH', path: '/accounts/:id' },
    example: { id: 999999, displayName: 'Nobody' },
  }),
  'accounts.delete': defineMethod({
    summary: 'Deletes an account. The last active admin cannot be deleted.',
    input: UserId,
    output: Ok,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'DELETE', path: '/accounts/:id' },
    example: { id: 999999 },
  }),
  'accounts.resetPassword': defineMethod({
    summary: "Sets a new password for another user's account.",
    input: UserId.extend({ newPassword: NewPassword }),
    output: Ok,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/accounts/:id/password' },
    example: { id: 999999, newPassword: 'a long enough password' },
  }),
  'accounts.unlock': defineMethod({
    summary: 'Lifts a lockout after wrong passwords.',
    input: UserId,
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'POST', path: '/accounts/:id/unlock' },
    example: { id: 999999 },
  }),
  'accounts.setAssignments': defineMethod({
    summary: 'Sets the lines (engineers) and machines (operators) an account may see.',
    input: UserId.extend({ assignments: Assignments }),
    output: User,
    permission: 'accounts.manage',
    scope: none,
    http: { verb: 'PUT', path: '/accounts/:id/assignments' },
    example: { id: 999999, assignments: { lines: ['L-1'], machines: [] } },
  }),
};
