import { describe, expect, it } from 'vitest';
import { brokerAlertDue, isConnectionLost } from '../../../src/backend/alerts/rules/broker-outage';
import { failRateHolds } from '../../../src/backend/alerts/rules/fail-rate';
import { slideWindow } from '../../../src/backend/alerts/rules/rate-window';

const verdicts = (fails: number, passes: number) => [
  ...Array<'FAIL'>(fails).fill('FAIL'),
  ...Array<'PASS'>(passes).fill('PASS'),
];

describe('FAIL rate over the last 20 results', () => {
  it('says nothing before 20 results', () => {
    expect(failRateHolds(verdicts(10, 0))).toEqual({ holds: false, rate: null });
  });
  it('holds above 30 % and not at 30 %', () => {
    expect(failRateHolds(verdicts(7, 13)).holds).toBe(true);
    expect(failRateHolds(verdicts(6, 14)).holds).toBe(false);
  });
  it('looks only at the newest 20', () => {
    expect(failRateHolds([...verdicts(0, 20), ...verdicts(20, 0)]).rate).toBe(0);
  });
});

describe('dead-letter spike window', () => {
  it('sums what arrived within the window and drops the rest', () => {
    let entries = slideWindow([], { atMs: 0, count: 15 }, 0, 60_000).entries;
    expect(slideWindow(entries, { atMs: 30_000, count: 6 }, 30_000, 60_000).total).toBe(21);
    entries = slideWindow(entries, { atMs: 30_000, count: 6 }, 30_000, 60_000).entries;
    expect(slideWindow(entries, null, 61_000, 60_000).total).toBe(6);
  });
});

describe('broker outage', () => {
  it('raises only after more than 10 s lost; stopping on purpose is not lost', () => {
    expect(brokerAlertDue(0, 10_000)).toBe(false);
    expect(brokerAlertDue(0, 10_001)).toBe(true);
    expect(brokerAlertDue(null, 99_999)).toBe(false);
    expect(isConnectionLost('reconnecting')).toBe(true);
    expect(isConnectionLost('stopped')).toBe(false);
    expect(isConnectionLost('connected')).toBe(false);
  });
});
