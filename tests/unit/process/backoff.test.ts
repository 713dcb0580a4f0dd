import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from '../../../src/backend/process/backoff';

describe('backoff with jitter', () => {
  it('doubles from the first delay up to the maximum', () => {
    const none = { firstMs: 100, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, none))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('spreads each delay over its upper half (equal jitter), from the injected randomness', () => {
    const options = { firstMs: 1000, maxMs: 8000 };
    expect(backoffDelay(2, { ...options, random: () => 0 })).toBe(2000);
    expect(backoffDelay(2, { ...options, random: () => 0.999_999 })).toBe(4000);
    expect(backoffDelay(2, { ...options, random: () => 0.5 })).toBe(3000);
  });

  it('counts failures in a row and starts afresh after a reset', () => {
    const backoff = new Backoff({ firstMs: 10, maxMs: 1000, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([10, 20, 40]);
    expect(backoff.peekCeiling()).toBe(80);
    backoff.reset();
    expect(backoff.next()).toBe(10);
  });
});
