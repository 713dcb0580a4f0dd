import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { HungStoreWatch } from '../../../src/backend/store/hung-store-watch';

/** A store is judged hung by its silence while calls wait, not by how long one call takes. */

const AFTER_MS = 60_000;
let ended: number;
let logged: string[];
let watch: HungStoreWatch;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  ended = 0;
  logged = [];
  watch = new HungStoreWatch({ afterMs: AFTER_MS, end: () => ended++, log: (l) => logged.push(l) });
});

afterEach(() => {
  watch.stop();
  vi.useRealTimers();
});

it('ends a store that sends nothing while a call waits', () => {
  watch.sent(1, false);
  vi.advanceTimersByTime(AFTER_MS - 1000);
  expect(ended).toBe(0);
  vi.advanceTimersByTime(AFTER_MS / 4 + 1000);
  expect(ended).toBe(1);
  expect(logged[0]).toMatch(/sent nothing for 6\d s while 1 call\(s\) waited/);
});

it('lets a busy store take its time while it answers other calls', () => {
  watch.sent(1, false);
  for (let id = 2; id < 12; id++) {
    watch.sent(id, false);
    vi.advanceTimersByTime(AFTER_MS / 2);
    watch.heard(id);
  }
  expect(ended).toBe(0);
  watch.heard(1);
  vi.advanceTimersByTime(5 * AFTER_MS);
  expect(ended).toBe(0);
});

it('still waits for an answer owed to a call its caller gave up on', () => {
  watch.sent(1, false);
  watch.heard(); // a notice: the store is alive
  vi.advanceTimersByTime(2 * AFTER_MS);
  expect(ended).toBe(1);
});

it('does not judge while a backup may keep the store quiet', () => {
  watch.sent(1, true);
  watch.sent(2, false);
  vi.advanceTimersByTime(5 * AFTER_MS);
  expect(ended).toBe(0);
  watch.heard(1);
  vi.advanceTimersByTime(AFTER_MS + AFTER_MS / 4);
  expect(ended).toBe(1);
});

it('does not count the time nothing was asked as silence', () => {
  vi.advanceTimersByTime(10 * AFTER_MS);
  watch.sent(1, false);
  vi.advanceTimersByTime(AFTER_MS / 2);
  expect(ended).toBe(0);
});
