import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { RawMessage } from './ingest-messages';
import type { Place } from './sparkplug-ingest';

/** Dead letters keep at most this much of a payload. */
export const DEAD_LETTER_PAYLOAD_LIMIT = 64 * 1024;

/**
 * Keeps a refused message as a dead letter, with the reason and the field at fault. The same
 * topic and payload again counts one more occurrence of the same dead letter.
 */
export class DeadLetterWriter {
  private readonly insert;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO dead_letters (first_seen_ms, last_seen_ms, topic, payload, payload_bytes, truncated,
         reason, field, line_id, machine_id, digest)
       VALUES (@ms, @ms, @topic, @payload, @bytes, @truncated, @reason, @field, @lineId, @machineId, @digest)
       ON CONFLICT (digest) DO UPDATE SET occurrences = occurrences + 1, last_seen_ms = excluded.last_seen_ms`,
    );
  }

  /**
   * `place`: the line and machine it belongs to when known (a mapped Sparkplug device); null:
   * none; absent: read from a JSON protocol topic (`…/<line>/<machine>/<kind>`).
   */
  write(raw: RawMessage, reason: string, field: string | null, place?: Place | null): void {
    const parts = raw.topic.split('/');
    const idOrNull = (value: string | undefined) =>
      place === null
        ? null
        : value !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(value)
          ? value
          : null;
    const payload = Buffer.from(raw.payload.buffer, raw.payload.byteOffset, raw.payload.byteLength);
    this.insert.run({
      ms: raw.receivedMs,
      topic: raw.topic.slice(0, 1024),
      payload: payload.subarray(0, DEAD_LETTER_PAYLOAD_LIMIT),
      bytes: payload.byteLength,
      truncated: Number(payload.byteLength > DEAD_LETTER_PAYLOAD_LIMIT),
      reason: reason.slice(0, 1000),
      field,
      lineId: place ? place.lineId : idOrNull(parts[parts.length - 3]),
      machineId: place ? place.machineId : idOrNull(parts[parts.length - 2]),
      digest: createHash('sha256').update(raw.topic).update('\0').update(payload).digest('hex'),
    });
  }
}
