/**
 * Counts wrong passwords per (username, client address) and per username, the same way for
 * names that exist and names that do not, so the answers never tell which accounts exist.
 *
 * - A pair locks after PAIR_MAX_FAILURES: one address guessing one name is stopped at once,
 *   but only that address: an attacker elsewhere cannot lock the only admin out of their own
 *   desk.
 * - The name as a whole locks only after ACCOUNT_MAX_FAILURES from any addresses, against a
 *   guesser spread over many addresses; that many failures are no accident.
 * Both last LOCK_MS. Counts live in memory (a restart forgets pair locks; the account lock of
 * a real account is also kept in the database, where admins see and lift it).
 */
export const PAIR_MAX_FAILURES = 5;
export const ACCOUNT_MAX_FAILURES = 50;
export const LOCK_MINUTES = 15;
const LOCK_MS = LOCK_MINUTES * 60_000;
/** Bounds memory under a flood of made-up names: the oldest entries go first. */
const MAX_ENTRIES = 20_000;

interface Tally {
  failures: number;
  lockedUntilMs: number | null;
}

export interface FailureOutcome {
  /** When the (name, address) pair or the whole name is locked until, if this failure locked it. */
  lockedUntilMs: number | null;
  scope: 'address' | 'account' | null;
}

export class LoginThrottle {
  private readonly pairs = new Map<string, Tally>();
  private readonly names = new Map<string, Tally>();

  constructor(private readonly now: () => number) {}

  /** The time until which this name may not log in from this address, or null. */
  lockedUntil(username: string, address: string): number | null {
    const now = this.now();
    const until = [this.pairs.get(pairKey(username, address)), this.names.get(nameKey(username))]
      .map((tally) => tally?.lockedUntilMs ?? null)
      .filter((at): at is number => at !== null && at > now);
    return until.length ? Math.max(...until) : null;
  }

  failed(username: string, address: string): FailureOutcome {
    const account = this.count(this.names, nameKey(username), ACCOUNT_MAX_FAILURES);
    if (account !== null) return { lockedUntilMs: account, scope: 'account' };
    const pair = this.count(this.pairs, pairKey(username, address), PAIR_MAX_FAILURES);
    if (pair !== null) return { lockedUntilMs: pair, scope: 'address' };
    return { lockedUntilMs: null, scope: null };
  }

  /** A right password from this address: its count starts again (others' do not). */
  succeeded(username: string, address: string): void {
    this.pairs.delete(pairKey(username, address));
    this.names.delete(nameKey(username));
  }

  /** An admin lifted the lock: every count for the name starts again. */
  forget(username: string): void {
    this.names.delete(nameKey(username));
    const prefix = `${nameKey(username)}\u0000`;
    for (const key of [...this.pairs.keys()]) if (key.startsWith(prefix)) this.pairs.delete(key);
  }

  /** Adds a failure; returns the lock end when this one reached the limit. */
  private count(map: Map<string, Tally>, key: string, max: number): number | null {
    const now = this.now();
    let tally = map.get(key);
    if (!tally || (tally.lockedUntilMs !== null && tally.lockedUntilMs <= now)) {
      tally = { failures: 0, lockedUntilMs: null };
    }
    map.delete(key); // re-inserted last: the map's order is oldest activity first
    tally.failures += 1;
    const reached = tally.failures >= max;
    if (reached) {
      tally.failures = 0;
      tally.lockedUntilMs = now + LOCK_MS;
    }
    map.set(key, tally);
    if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
    return reached ? tally.lockedUntilMs : null;
  }
}

const nameKey = (username: string): string => username.toLowerCase();
const pairKey = (username: string, address: string): string =>
  `${nameKey(username)}\u0000${address}`;
