import { z } from 'zod';

/** Pieces several method files share (not part of the contract's exported names). */

export const UserId = z.object({ id: z.coerce.number().int().positive() });
export const none = { kind: 'none' } as const;
export const AlertId = z.object({ id: z.coerce.number().int().positive() });
