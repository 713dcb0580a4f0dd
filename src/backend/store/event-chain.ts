import { createHash } from 'node:crypto';

/** The fields of an event that its hash covers: everything but its id and the hash itself. */
export interface ChainedFields {
  at: string;
  type: string;
  actor: string | null;
  target: string | null;
  lineId: string | null;
  machineId: string | null;
  message: string;
  details: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the previous hash and the row's fields, in a fixed order, so editing any
 * field of any row (or removing a row) breaks every hash after it.
 */
export function hashEvent(prevHash: string, fields: ChainedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    fields.at,
    fields.type,
    fields.actor,
    fields.target,
    fields.lineId,
    fields.machineId,
    fields.message,
    fields.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
