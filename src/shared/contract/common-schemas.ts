import { z } from 'zod';

// Schemas every domain uses: identifiers, times, errors.

/** Line and machine identifiers, as the factory protocol defines them. */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters of A-Z a-z 0-9 _ -');

export const IsoTime = z.string().datetime({ offset: true });

export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;

export const PaperSize = z.enum(['A4', 'Letter']);
export type PaperSize = z.infer<typeof PaperSize>;

/** Error codes every transport maps the same way (HTTP status in brackets). */
export const ErrorCode = z.enum([
  'INVALID_INPUT', // 400
  'UNAUTHENTICATED', // 401
  'FORBIDDEN', // 403
  'NOT_FOUND', // 404
  'CONFLICT', // 409
  'ACCOUNT_LOCKED', // 423
  'SESSION_LOCKED', // 423
  'RATE_LIMITED', // 429
  'INTERNAL', // 500
  'UNAVAILABLE', // 503: the store is restarting; try again shortly
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** With RATE_LIMITED: when to try again (HTTP sends it as Retry-After too). */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const TimeRange = z.object({ from: IsoTime, to: IsoTime });
