import { createHash, randomBytes } from 'node:crypto';

/** Every station key starts so: the dispatcher tells a key from a login token at a glance. */
export const STATION_KEY_PREFIX = 'lwsk_';
const KEY_SHAPE = /^lwsk_[A-Za-z0-9_-]{43}$/;

/** A new key: 32 random bytes (256 bits), base64url, behind the prefix. */
export function newStationKey(): string {
  return STATION_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What the database keeps. A plain SHA-256 is right here, unlike for passwords: a key is 256
 * random bits, not something a person chose, so there is no dictionary to try and a slow
 * hash (bcrypt, scrypt) would add nothing but a cost on every station request. Anyone
 * holding the hash still cannot find a key that matches it.
 */
export function hashStationKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Shown in the list so an admin can tell keys apart; 8 random characters reveal nothing useful. */
export function visiblePrefix(key: string): string {
  return key.slice(0, STATION_KEY_PREFIX.length + 8);
}

export function looksLikeStationKey(token: string | null): token is string {
  return token !== null && token.startsWith(STATION_KEY_PREFIX);
}

export function isWellFormedStationKey(token: string): boolean {
  return KEY_SHAPE.test(token);
}
