import { z } from 'zod';
import { Role } from './roles';
import { Identifier, IsoTime } from './common-schemas';

// Accounts, logins and sessions.

export const Username = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, dot, underscore and dash');

export const DisplayName = z.string().trim().min(1, 'must not be empty').max(120);

/** Local accounts need at least 10 characters; bcrypt ignores bytes past 72, so refuse them. */
export const NewPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .refine((value) => new TextEncoder().encode(value).length <= 72, 'must be at most 72 bytes');

/** A password typed at login: never validated beyond size, so no hint leaks. */
export const GivenPassword = z.string().min(1, 'is required').max(1024);

export const Assignments = z.object({
  lines: z.array(Identifier).max(500),
  machines: z.array(Identifier).max(5000),
});
export type Assignments = z.infer<typeof Assignments>;

export const User = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  lockedUntil: IsoTime.nullable(),
  lastLoginAt: IsoTime.nullable(),
  createdAt: IsoTime,
  assignments: Assignments,
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  token: z.string(),
  expiresAt: IsoTime,
  user: User,
  idleLockMinutes: z.number().int(),
  /**
   * Set for a wall display session (auth.startDisplay): the screen's name. It never
   * idle-locks and may only view; absent for an ordinary session.
   */
  displayScreen: z.string().optional(),
});
export type Session = z.infer<typeof Session>;

export const TokenRenewal = z.object({ token: z.string(), expiresAt: IsoTime });
export type TokenRenewal = z.infer<typeof TokenRenewal>;
