import type { MethodName, StationKey } from '../../shared/contract';
import { ApiFailure } from '../api/api-failure';
import type { StoreClient } from '../store/store-client';
import { EventThrottle } from './event-throttle';
import { hashStationKey, isWellFormedStationKey, looksLikeStationKey } from './key-secret';

/** At most one "used" and one "refused" event per key (or per unknown caller) a minute. */
const EVENT_WINDOW_MS = 60_000;

/** What one request of a key did, added up between two "used" events. */
export interface StationUse {
  requests: number;
  items: number;
  stored: number;
  duplicates: number;
  refused: number;
  /** Of the refused: machines outside the key's lines and machines. */
  outsideKey: number;
}

interface Refusal {
  reason: string;
  count: number;
}

const addUse = (held: StationUse | null, next: StationUse): StationUse =>
  held
    ? {
        requests: held.requests + next.requests,
        items: held.items + next.items,
        stored: held.stored + next.stored,
        duplicates: held.duplicates + next.duplicates,
        refused: held.refused + next.refused,
        outsideKey: held.outsideKey + next.outsideKey,
      }
    : next;

const plural = (count: number, word: string) =>
  `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

/**
 * Station keys at the dispatcher: who a key is, and the event log of its use and refusals.
 * Events name the key, never a line or machine, and are admins' alone (no line on them).
 */
export class StationKeyGate {
  private readonly used: EventThrottle<StationUse>;
  private readonly refusals: EventThrottle<Refusal>;

  constructor(
    private readonly store: StoreClient,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {
    this.used = new EventThrottle(EVENT_WINDOW_MS, now, addUse);
    this.refusals = new EventThrottle(EVENT_WINDOW_MS, now, (held, next) => ({
      reason: next.reason,
      count: (held?.count ?? 0) + next.count,
    }));
  }

  isStationKey(token: string | null): boolean {
    return looksLikeStationKey(token);
  }

  /** The key behind a request to the station route, or a refusal (logged, throttled). */
  async authenticate(token: string | null): Promise<StationKey> {
    if (token === null) {
      this.refused(null, 'a request came without a station key');
      throw new ApiFailure(
        'UNAUTHENTICATED',
        'Send a station key: Authorization: Bearer <key> or X-Api-Key: <key>',
      );
    }
    if (!looksLikeStationKey(token)) {
      throw new ApiFailure(
        'FORBIDDEN',
        'This route takes a station key, not a login; a logged-in user posts {lineId, payload} to POST /api/ingest',
      );
    }
    const key = isWellFormedStationKey(token)
      ? await this.store.findStationKey(hashStationKey(token))
      : null;
    if (!key) {
      this.refused(null, 'an unknown station key was sent');
      throw new ApiFailure('UNAUTHENTICATED', 'Unknown station key');
    }
    if (key.revokedAt !== null) {
      this.refused(key, 'it was revoked');
      throw new ApiFailure('UNAUTHENTICATED', `This station key was revoked on ${key.revokedAt}`);
    }
    return key;
  }

  /** A station key sent to any other method: it is not a login. */
  async refusedElsewhere(token: string, method: MethodName): Promise<void> {
    const key = isWellFormedStationKey(token)
      ? await this.store.findStationKey(hashStationKey(token)).catch(() => null)
      : null;
    this.refused(key, `it was sent to ${method}; a station key can only post test results`);
  }

  refused(key: StationKey | null, reason: string): void {
    const told = this.refusals.offer(key ? `key ${key.id}` : 'unknown', { reason, count: 1 });
    if (!told) return;
    const who = key ? `Station key "${key.name}"` : 'A station request';
    const more =
      told.count > 1 ? ` (${plural(told.count - 1, 'more refusal')} in the last minute)` : '';
    this.record({
      type: 'stationKey.refused',
      actor: key ? `station key ${key.name}` : null,
      target: key ? `station key ${key.id}` : null,
      message: `${who} was refused: ${reason}${more}`,
      details: { stationKeyId: key?.id ?? null, refusals: told.count },
    });
  }

  /** Notes a request's results; writes the "used" event at most once a minute per key. */
  usedBy(key: StationKey, use: StationUse): void {
    const told = this.used.offer(`key ${key.id}`, use);
    if (!told) return;
    const parts = [
      `${told.stored.toLocaleString('en')} stored`,
      plural(told.duplicates, 'duplicate'),
      `${told.refused.toLocaleString('en')} refused${told.outsideKey ? ` (${told.outsideKey.toLocaleString('en')} outside the key's lines and machines)` : ''}`,
    ];
    void this.store
      .recordStationKeyUse(key.id, this.now(), {
        type: 'stationKey.used',
        actor: `station key ${key.name}`,
        target: `station key ${key.id}`,
        message: `Station key "${key.name}" posted ${plural(told.items, 'test result')} in ${plural(told.requests, 'request')}: ${parts.join(', ')}`,
        details: { stationKeyId: key.id, ...told },
      })
      .catch((error: unknown) => this.log(`could not record station key use: ${String(error)}`));
  }

  private record(event: Parameters<StoreClient['appendEvent']>[0]): void {
    void this.store
      .appendEvent(event)
      .catch((error: unknown) =>
        this.log(`could not record a station key event: ${String(error)}`),
      );
  }
}
